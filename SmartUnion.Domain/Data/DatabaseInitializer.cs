using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Data;

/// <summary>
/// Start-up: check that the database answers, apply migrations (the provider's own set), switch SQLite to WAL,
/// seed, remove orphan attachment files of interrupted uploads. A database that cannot be reached or opened stops
/// the start with a <see cref="DatabaseStartupException"/> whose Chinese message names the problem.
/// </summary>
public class DatabaseInitializer(IDbContextFactory<AppDbContext> dbFactory, DataSeeder seeder, AttachmentStore attachments,
    DatabaseConnection connection, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        // File times are wall-clock times (not the app's TimeProvider): anything last written before this moment
        // belongs to a previous run of the app.
        var startedUtc = DateTime.UtcNow;
        if (connection.Provider == DatabaseProvider.PostgreSQL)
            await ProbePostgreSqlAsync(connection.ConnectionString, ct);
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (db.Database.IsSqlite())
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                    logger.LogInformation("正在应用数据库迁移: {Migrations}", string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
        }
        catch (SqliteException ex)
        {
            throw new DatabaseStartupException($"无法打开 SQLite 数据库（{new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource}）：{ex.Message}", ex);
        }
        catch (NpgsqlException ex)
        {
            throw new DatabaseStartupException($"{Describe(new NpgsqlConnectionStringBuilder(connection.ConnectionString))}上的数据库迁移失败：{ex.Message}", ex);
        }
        await seeder.SeedAsync(ct);
        await attachments.CleanOrphansAsync(startedUtc, ct);
    }

    /// <summary>
    /// Opens one plain connection before EF does, so that an unreachable server, a refused login or a missing
    /// database is reported as exactly that. A database that does not exist yet is fine: migrating creates it.
    /// </summary>
    private static async Task ProbePostgreSqlAsync(string connectionString, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var where = Describe(csb);
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // 3D000: the database is created by the migration (the user needs CREATEDB, checked there).
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new DatabaseStartupException($"{where}拒绝登录（用户名“{csb.Username}”或密码错误，或无权访问）：{ex.MessageText}", ex);
        }
        catch (PostgresException ex)
        {
            throw new DatabaseStartupException($"{where}返回错误 {ex.SqlState}：{ex.MessageText}", ex);
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException || ex is NpgsqlException { IsTransient: true })
        {
            throw new DatabaseStartupException($"无法连接{where}：请检查服务器是否已启动、地址和端口是否正确（{ex.InnerException?.Message ?? ex.Message}）", ex);
        }
        catch (NpgsqlException ex)
        {
            throw new DatabaseStartupException($"无法连接{where}：{ex.Message}", ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or SocketException)
        {
            throw new DatabaseStartupException($"无法连接{where}：连接字符串有误：{ex.Message}", ex);
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder csb) =>
        $"PostgreSQL 数据库服务器 {csb.Host}:{csb.Port}（数据库“{csb.Database}”）";
}
