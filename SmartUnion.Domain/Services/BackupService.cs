using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
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
/// Online backup, plus the attachment files the backed-up database names, in <c>&lt;file&gt;.attachments/</c>.
/// SQLite: VACUUM INTO, a consistent snapshot taken while the app keeps running (WAL readers do not block writers);
/// restore = stop the app, copy the file back and the attachments folder into the data folder.
/// PostgreSQL: <c>pg_dump --format=custom</c> of an exported snapshot, the attachment rows read in that same snapshot;
/// restore = <c>pg_restore</c> into an empty database and the files into the data folder (README, "Backup").
/// </summary>
public class BackupService(IDbContextFactory<AppDbContext> dbFactory, AttachmentStore store, DatabaseConnection connection,
    IOptions<SmartUnionOptions> options)
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
        List<AttachmentRow> rows;
        if (connection.Provider == DatabaseProvider.PostgreSQL)
        {
            rows = await PgDumpAsync(destination, ct);
            if (AfterSnapshot is { } hook) await hook(ct);
        }
        else
        {
            await SnapshotAsync(destination, ct);
            if (AfterSnapshot is { } hook) await hook(ct);
            rows = await AttachmentRowsAsync(destination, ct);
        }

        Directory.CreateDirectory(folder);
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

    /// <summary>
    /// PostgreSQL: a REPEATABLE READ transaction exports its snapshot; pg_dump dumps exactly that snapshot
    /// (<c>--snapshot</c>, custom format) while the same transaction reads the attachment rows, so the dump and the
    /// copied files match as with SQLite. The password goes to pg_dump in PGPASSWORD, never on its command line.
    /// </summary>
    private async Task<List<AttachmentRow>> PgDumpAsync(string destination, CancellationToken ct)
    {
        var pgDump = FindPgDump(options.Value.Database.PgDump);
        var csb = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var cmd = new NpgsqlCommand("SELECT pg_export_snapshot()", conn, tx))
            snapshot = (string)(await cmd.ExecuteScalarAsync(ct))!;

        var info = new ProcessStartInfo(pgDump)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--format=custom", $"--file={destination}", $"--snapshot={snapshot}", "--no-password",
                     $"--host={csb.Host}", $"--port={csb.Port}", $"--username={csb.Username}", $"--dbname={csb.Database}" })
            info.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(csb.Password)) info.Environment["PGPASSWORD"] = csb.Password;
        info.Environment["PGCONNECT_TIMEOUT"] = "30";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new IOException($"无法启动 pg_dump（{pgDump}）");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"无法运行 pg_dump（{pgDump}）：{ex.Message}。请安装 PostgreSQL 客户端工具（Debian：apt-get install postgresql-client），或用 SmartUnion:Database:PgDump 指定 pg_dump 的路径", ex);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var rows = await ReadRowsAsync();
            await process.WaitForExitAsync(ct);
            var errors = (await stderr).Trim();
            await stdout;
            if (process.ExitCode != 0)
            {
                File.Delete(destination);
                throw new IOException($"pg_dump 备份失败（退出代码 {process.ExitCode}）{(errors.Length > 0 ? "：" + errors : "")}");
            }
            await tx.CommitAsync(ct);
            return rows;
        }

        async Task<List<AttachmentRow>> ReadRowsAsync()
        {
            var rows = new List<AttachmentRow>();
            await using var cmd = new NpgsqlCommand(
                "SELECT \"FileName\", \"StoredName\", \"Size\", \"Sha256\" FROM \"Attachments\" ORDER BY \"Id\"", conn, tx);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(new AttachmentRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
            return rows;
        }
    }

    /// <summary>
    /// PostgreSQL: reads the dump's table of contents with pg_restore --list (beside pg_dump): "ok" when the archive is
    /// whole and readable, else pg_restore's message.
    /// </summary>
    public async Task<string> CheckPgDumpAsync(string file, CancellationToken ct = default)
    {
        var pgDump = FindPgDump(options.Value.Database.PgDump);
        var pgRestore = Path.Combine(Path.GetDirectoryName(pgDump)!, "pg_restore");
        var info = new ProcessStartInfo(File.Exists(pgRestore) ? pgRestore : "pg_restore")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--list");
        info.ArgumentList.Add(file);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await stdout;
            return process.ExitCode == 0 ? "ok" : $"pg_restore --list 失败：{(await stderr).Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"无法运行 pg_restore：{ex.Message}";
        }
    }

    public bool IsPostgreSql => connection.Provider == DatabaseProvider.PostgreSQL;

    /// <summary>The configured pg_dump, else pg_dump on PATH, else the newest of Debian's /usr/lib/postgresql/*/bin.</summary>
    public static string FindPgDump(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return File.Exists(configured) ? configured
                : throw new IOException($"找不到 pg_dump：配置的路径 SmartUnion:Database:PgDump = “{configured}” 不存在");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "pg_dump");
            if (File.Exists(candidate)) return candidate;
        }
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? throw new IOException(
            "找不到 pg_dump（PostgreSQL 的备份工具）：请安装 PostgreSQL 客户端工具（Debian：apt-get install postgresql-client），或用 SmartUnion:Database:PgDump 指定其路径");
    }

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
