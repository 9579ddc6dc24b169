using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SmartUnion.Domain.Data;

/// <summary>The database behind the app: SmartUnion:Database:Provider = Sqlite (default) | PostgreSQL.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Provider-specific wiring of <see cref="AppDbContext"/>: one migrations set per provider.</summary>
public static class DatabaseProviders
{
    /// <summary>The PostgreSQL migrations set (the SQLite set stays in SmartUnion.Domain, Data/Migrations).</summary>
    public const string PostgreSqlMigrationsAssembly = "SmartUnion.Migrations.PostgreSQL";

    /// <summary>
    /// Configures the context for the provider. PostgreSQL: its own migrations assembly, and the write serialisation
    /// that SQLite's BEGIN IMMEDIATE gives (<see cref="PostgreSqlWriteLockInterceptor"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseSmartUnionDatabase(this DbContextOptionsBuilder builder,
        DatabaseProvider provider, string connectionString, int busyTimeoutMs) => provider switch
    {
        DatabaseProvider.PostgreSQL => builder
            .UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly))
            .AddInterceptors(new PostgreSqlWriteLockInterceptor(busyTimeoutMs)),
        _ => builder
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(busyTimeoutMs)),
    };

    /// <summary>
    /// Checks the connection string's syntax before anything connects, so that a typo is reported as such
    /// (in Chinese, see <see cref="DatabaseInitializer"/>).
    /// </summary>
    public static void ValidateConnectionString(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.PostgreSQL
                ? new NpgsqlConnectionStringBuilder(connectionString).ToString()
                : new SqliteConnectionStringBuilder(connectionString).ToString();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DatabaseStartupException($"数据库连接字符串（ConnectionStrings:SmartUnion）无效：{ex.Message}", ex);
        }
    }
}

/// <summary>The start cannot go on: a message in Chinese that names the problem, shown without a stack trace.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
