using Npgsql;
using SmartUnion.Domain.Data;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the tests: SMARTUNION_TEST_POSTGRES is a connection string to it (a superuser or a user
/// with CREATEDB; test.sh starts a throwaway cluster and sets it). SMARTUNION_TEST_PROVIDER=PostgreSQL makes every
/// <see cref="TestDatabase"/> a PostgreSQL one. Asking for PostgreSQL without a reachable server fails the test
/// loudly; nothing is skipped.
/// Each test database is a copy of a template migrated once per test run (CREATE DATABASE … TEMPLATE), so a test
/// pays for a file copy and the seeding, not for the whole migration.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "SMARTUNION_TEST_POSTGRES";
    public const string ProviderVariable = "SMARTUNION_TEST_PROVIDER";

    public static DatabaseProvider DefaultProvider =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ProviderVariable))
            ? DatabaseProvider.Sqlite
            : SmartUnion.Domain.DependencyInjection.ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));

    /// <summary>The server's connection string; throws when it is not configured.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } cs ? cs
        : throw new InvalidOperationException(
            $"PostgreSQL tests need a server: set {ServerVariable} to its connection string (./test.sh starts a throwaway cluster and sets it)");

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ToString();

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    /// <summary>A fresh, migrated (not yet seeded) database with a random name.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var source = await TemplateAsync();
        var name = "su_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using (var conn = new NpgsqlConnection(ConnectionString(name)))
            NpgsqlConnection.ClearPool(conn);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Runs one statement on the server's maintenance database.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> TemplateAsync()
    {
        if (template is not null) return template;
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = "su_template_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AppDbContext>();
            options.UseSmartUnionDatabase(DatabaseProvider.PostgreSQL, ConnectionString(name), 10_000);
            await using (var db = new AppDbContext(options.Options))
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            // No connection to the template may stay open, or CREATE DATABASE … TEMPLATE refuses it.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult(); }
                catch (NpgsqlException) { }
            };
            return template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
