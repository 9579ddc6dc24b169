using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SmartUnion.Domain.Data;

namespace SmartUnion.Benchmarks;

/// <summary>
/// The database a benchmark runs on: a SQLite file (the default) or a PostgreSQL database given by its Npgsql
/// connection string (<c>--postgres</c>).
/// </summary>
public sealed record BenchDatabase(DatabaseProvider Provider, string Location)
{
    public static BenchDatabase Sqlite(string path) => new(DatabaseProvider.Sqlite, Path.GetFullPath(path));

    public static BenchDatabase PostgreSql(string connectionString) =>
        new(DatabaseProvider.PostgreSQL, new NpgsqlConnectionStringBuilder(connectionString).ToString());

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>A pooled connection string for plain ADO.NET (the baselines).</summary>
    public string ConnectionString => IsPostgreSql ? Location : BenchmarkHost.ConnectionString(Location);

    /// <summary>The file name, or "PostgreSQL database NAME" (never the password).</summary>
    public string Name => IsPostgreSql ? $"PostgreSQL database {new NpgsqlConnectionStringBuilder(Location).Database}" : Path.GetFileName(Location);

    public DbConnection Connect() => IsPostgreSql ? new NpgsqlConnection(Location) : new SqliteConnection(ConnectionString);

    /// <summary>One scalar from a statement written for this provider.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var conn = Connect();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public Task<long> ItemCountAsync() => ScalarAsync("SELECT COUNT(*) FROM \"Items\"");
}
