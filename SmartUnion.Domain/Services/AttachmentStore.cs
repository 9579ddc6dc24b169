using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>An upload written to a temporary file, not yet part of the store.</summary>
public sealed record StagedFile(string TempPath, long Size, string Sha256);

/// <summary>
/// The attachment files under <see cref="DataFolder.Attachments"/> (never under wwwroot), named by
/// generated ids so that no user-supplied text ever becomes part of a path.
/// Uploads are streamed to a temporary file in the same folder (hashing as they go) and then moved
/// into place, so a refused or interrupted upload never leaves a half-written attachment.
/// </summary>
public sealed partial class AttachmentStore(DataFolder dataFolder)
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

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} 字节";

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.bin$")]
    private static partial Regex StoredNameRegex();
}
