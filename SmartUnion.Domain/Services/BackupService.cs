using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;

namespace SmartUnion.Domain.Services;

/// <summary>
/// What a backup wrote: the database snapshot, the folder with the attachment files, how many files and bytes were
/// copied, and one Chinese line per attachment of the snapshot that could not be backed up (empty when complete).
/// </summary>
public sealed record BackupResult(string DatabaseFile, string AttachmentsFolder, int Files, long Bytes, IReadOnlyList<string> Problems)
{
    public bool IsComplete => Problems.Count == 0;
}

/// <summary>
/// Online backup of the SQLite database with VACUUM INTO: a consistent snapshot taken while the
/// app keeps running (WAL readers do not block writers), plus the attachment files that snapshot names.
/// Restore = stop the app, copy the file back and the attachments folder into the data folder.
/// </summary>
public class BackupService(IDbContextFactory<AppDbContext> dbFactory, AttachmentStore store)
{
    private const int BufferSize = 81_920;

    /// <summary>Test seam: runs between the database snapshot and the copy of the attachment files.</summary>
    internal Func<CancellationToken, Task>? AfterSnapshot { get; set; }

    /// <summary>The folder a backup of <paramref name="databaseFile"/> keeps its attachment files in: <c>&lt;file&gt;.attachments</c>.</summary>
    public static string AttachmentsFolderOf(string databaseFile) => Path.GetFullPath(databaseFile) + ".attachments";

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="destination"/> and the attachment files it names to
    /// <c>&lt;destination&gt;.attachments/</c> (neither may exist: a backup is never overwritten).
    /// </summary>
    /// <remarks>
    /// The list of files to copy is read from the snapshot file, not from the live database, so the two always match:
    /// an attachment uploaded after the snapshot has no row in it and is not copied (its file is moved into the store
    /// before its row commits, so every row of the snapshot already had its file). Stored files never change, so
    /// copying them after the snapshot gives the bytes the snapshot describes; each copy is hashed on the way and goes
    /// through a temporary file renamed into place only when its size and SHA-256 match the row. A missing file, or
    /// one whose size or hash differs, is not copied and is reported in <see cref="BackupResult.Problems"/>; the other
    /// files are still copied. An attachment deleted between the snapshot and the copy is reported as missing: run the
    /// backup again. Files are streamed with one small buffer, so memory stays flat whatever their size.
    /// </remarks>
    public async Task<BackupResult> BackupAsync(string destination, CancellationToken ct = default)
    {
        destination = Path.GetFullPath(destination);
        var folder = AttachmentsFolderOf(destination);
        if (File.Exists(destination)) throw new IOException($"备份文件已存在: {destination}");
        if (Directory.Exists(folder) || File.Exists(folder)) throw new IOException($"备份附件文件夹已存在: {folder}");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await SnapshotAsync(destination, ct);
        if (AfterSnapshot is { } hook) await hook(ct);

        Directory.CreateDirectory(folder);
        var rows = await AttachmentRowsAsync(destination, ct);
        var problems = new List<string>();
        var buffer = new byte[BufferSize];
        int files = 0;
        long bytes = 0;
        foreach (var row in rows)
        {
            var problem = await CopyAsync(row, folder, buffer, ct);
            if (problem is null)
            {
                files++;
                bytes += row.Size;
            }
            else
            {
                problems.Add($"附件“{row.FileName}”（{row.StoredName}）{problem}");
            }
        }
        return new BackupResult(destination, folder, files, bytes, problems);
    }

    private async Task SnapshotAsync(string destination, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite()) throw new NotSupportedException("在线备份仅支持 SQLite；其他数据库请使用其自带的备份工具");
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "VACUUM INTO $path";
        cmd.Parameters.AddWithValue("$path", destination);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed record AttachmentRow(string FileName, string StoredName, long Size, string Sha256);

    /// <summary>The attachment rows of the snapshot file, opened read-only (and unpooled, so nothing keeps it open).</summary>
    private static async Task<List<AttachmentRow>> AttachmentRowsAsync(string snapshot, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(ReadOnly(snapshot))
            .Options;
        await using var db = new AppDbContext(options);
        return await db.Attachments.AsNoTracking()
            .OrderBy(a => a.Id)
            .Select(a => new AttachmentRow(a.FileName, a.StoredName, a.Size, a.Sha256))
            .ToListAsync(ct);
    }

    /// <summary>Copies one stored file into <paramref name="folder"/>; returns what is wrong with it, or null when copied.</summary>
    private async Task<string?> CopyAsync(AttachmentRow row, string folder, byte[] buffer, CancellationToken ct)
    {
        FileStream source;
        try
        {
            source = new FileStream(store.PathOf(row.StoredName), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            // ArgumentException: not a generated name, so there is no file of the store to copy.
            return "缺失";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"无法读取：{ex.Message}";
        }

        var target = Path.Combine(folder, row.StoredName);
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.part");
        try
        {
            long size = 0;
            string sha256;
            await using (source)
            await using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    hash.AppendData(buffer, 0, read);
                    await copy.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                copy.Flush(flushToDisk: true);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (size != row.Size) return $"大小不符：记录为 {row.Size} 字节，文件为 {size} 字节，未备份";
            if (!string.Equals(sha256, row.Sha256, StringComparison.OrdinalIgnoreCase)) return "校验值不符（SHA-256 与记录不同），未备份";
            File.Move(temp, target);
            return null;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string ReadOnly(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>PRAGMA integrity_check of a database file: "ok" when sound.</summary>
    public static async Task<string> IntegrityCheckAsync(string file, CancellationToken ct = default)
    {
        await using var conn = new SqliteConnection(ReadOnly(file));
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
