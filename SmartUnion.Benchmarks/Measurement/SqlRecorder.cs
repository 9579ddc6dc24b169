using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartUnion.Benchmarks.Measurement;

/// <summary>A SQL statement EF Core sent, with its parameter values.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>Records every reader command EF Core executes, so tests and benchmarks can EXPLAIN the real SQL.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();

    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command) =>
        _commands.Enqueue(new RecordedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
}

public static class QueryPlan
{
    /// <summary>
    /// The plan of a statement: SQLite's EXPLAIN QUERY PLAN detail lines (e.g. "SEARCH Adoptions USING COVERING INDEX …"),
    /// or PostgreSQL's EXPLAIN (ANALYZE, COSTS OFF) lines, trimmed.
    /// </summary>
    public static IReadOnlyList<string> Explain(System.Data.Common.DbConnection connection, RecordedCommand command) =>
        connection is Npgsql.NpgsqlConnection pg ? ExplainPostgreSql(pg, command) : Explain((SqliteConnection)connection, command);

    public static IReadOnlyList<string> ExplainPostgreSql(Npgsql.NpgsqlConnection connection, RecordedCommand command)
    {
        using var cmd = new Npgsql.NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) " + command.Sql, connection);
        foreach (var (name, value) in command.Parameters)
            cmd.Parameters.Add(string.IsNullOrEmpty(name)
                ? new Npgsql.NpgsqlParameter { Value = value ?? DBNull.Value }
                : new Npgsql.NpgsqlParameter(name, value ?? DBNull.Value));
        using var reader = cmd.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0).Trim());
        return lines;
    }

    /// <summary>The detail lines of EXPLAIN QUERY PLAN for a statement, e.g. "SEARCH Adoptions USING COVERING INDEX …".</summary>
    public static IReadOnlyList<string> Explain(SqliteConnection connection, RecordedCommand command)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = cmd.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(3));
        return lines;
    }
}
