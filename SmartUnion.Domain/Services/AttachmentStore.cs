using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>What the start-up cleanup did: files removed (names relative to the store) and rows whose file is missing.</summary>
public sealed record OrphanCleanupResult(IReadOnlyList<string> Removed, IReadOnlyList<string> MissingFiles);

/// <summary>An upload written to a temporary file, not yet part of the store.</summary>
public sealed record StagedFile(string TempPath, long Size, string Sha256);

/// <summary>
/// The attachment files under <see cref="DataFolder.Attachments"/> (never under wwwroot), named by
/// generated ids so that no user-supplied text ever becomes part of a path.
/// Uploads are streamed to a temporary file in the same folder (hashing as they go) and then moved
/// into place, so a refused or interrupted upload never leaves a half-written attachment.
/// </summary>
public sealed partial class AttachmentStore(DataFolder dataFolder, IDbContextFactory<AppDbContext> dbFactory, ILogger<AttachmentStore> logger)
{
    private const int BufferSize = 81_920;

    public string Root => dataFolder.Attachments;
    private string TempFolder => Path.Combine(Root, "tmp");

    /// <summary>Streams <paramref name="content"/> to a temporary file; refuses (and removes it) when it exceeds <paramref name="maxBytes"/>.</summary>
    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, string displayName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(TempFolder);
        var tempPath = Path.Combine(TempFolder, $"{Guid.NewGuid():N}.part");
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        throw new DomainException($"附件“{displayName}”超过大小限制（每个文件最大{FormatSize(maxBytes)}）");
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size == 0) throw new DomainException($"附件“{displayName}”是空文件");
            return new StagedFile(tempPath, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Moves a staged file into the store under a new generated name and returns that name.</summary>
    public string Commit(StagedFile staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        Directory.CreateDirectory(Root);
        var storedName = $"{Guid.NewGuid():N}.bin";
        File.Move(staged.TempPath, PathOf(storedName));
        return storedName;
    }

    /// <summary>Removes a staged file that will not be committed.</summary>
    public void Discard(StagedFile staged) => TryDelete(staged.TempPath);

    /// <summary>The physical path of a stored file; refuses anything that is not a generated name.</summary>
    public string PathOf(string storedName)
    {
        if (!StoredNameRegex().IsMatch(storedName)) throw new ArgumentException("invalid stored name", nameof(storedName));
        return Path.Combine(Root, storedName);
    }

    public bool Exists(string storedName) => File.Exists(PathOf(storedName));

    /// <summary>Deletes a stored file; a missing file is not an error.</summary>
    public void Delete(string storedName)
    {
        if (StoredNameRegex().IsMatch(storedName)) TryDelete(Path.Combine(Root, storedName));
    }

    /// <summary>
    /// Start-up cleanup after a crash (a killed process, a power cut): removes staging files (<c>tmp/*.part</c>) of
    /// interrupted uploads and stored files that no Attachment row names (a crash between moving the file into place
    /// and committing its row). Only files last written before <paramref name="olderThanUtc"/> (the moment the app
    /// started) are touched, so an upload in flight is never removed; files of any other shape are left alone.
    /// Rows whose file is missing cannot be repaired here: they are reported and logged as warnings.
    /// </summary>
    public async Task<OrphanCleanupResult> CleanOrphansAsync(DateTime olderThanUtc, CancellationToken ct = default)
    {
        var removed = new List<string>();
        if (Directory.Exists(TempFolder))
        {
            foreach (var file in Directory.EnumerateFiles(TempFolder, "*.part"))
            {
                if (File.GetLastWriteTimeUtc(file) < olderThanUtc && TryDelete(file))
                    removed.Add(Path.GetRelativePath(Root, file));
            }
        }

        // Candidates first, then the rows: a file is an orphan only if no row names it.
        var candidates = Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*.bin")
                .Where(f => StoredNameRegex().IsMatch(Path.GetFileName(f)) && File.GetLastWriteTimeUtc(f) < olderThanUtc)
                .ToList()
            : [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = (await db.Attachments.AsNoTracking().Select(a => a.StoredName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in candidates)
        {
            if (!known.Contains(Path.GetFileName(file)) && TryDelete(file))
                removed.Add(Path.GetFileName(file));
        }
        var missing = known.Where(n => !StoredNameRegex().IsMatch(n) || !File.Exists(Path.Combine(Root, n))).OrderBy(n => n, StringComparer.Ordinal).ToList();

        if (removed.Count > 0)
            logger.LogWarning("启动清理: 删除了 {Count} 个中断上传或无对应记录的附件文件: {Files}", removed.Count, string.Join(", ", removed));
        if (missing.Count > 0)
            logger.LogError("启动检查: {Count} 条附件记录的文件缺失: {Files}", missing.Count, string.Join(", ", missing.Take(50)));
        return new OrphanCleanupResult(removed, missing);
    }

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} 字节";

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.bin$")]
    private static partial Regex StoredNameRegex();
}
