using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;

namespace SmartUnion.Domain.Services;

/// <summary>
/// Online backup of the SQLite database with VACUUM INTO: a consistent snapshot taken while the
/// app keeps running (WAL readers do not block writers). Restore = stop the app, copy the file back.
/// </summary>
public class BackupService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Writes a consistent copy of the database to <paramref name="destination"/> (must not exist).</summary>
    public async Task BackupAsync(string destination, CancellationToken ct = default)
    {
        destination = Path.GetFullPath(destination);
        if (File.Exists(destination)) throw new IOException($"备份文件已存在: {destination}");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite()) throw new NotSupportedException("在线备份仅支持 SQLite；其他数据库请使用其自带的备份工具");
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "VACUUM INTO $path";
        cmd.Parameters.AddWithValue("$path", destination);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>PRAGMA integrity_check of a database file: "ok" when sound.</summary>
    public static async Task<string> IntegrityCheckAsync(string file, CancellationToken ct = default)
    {
        await using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check;";
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
