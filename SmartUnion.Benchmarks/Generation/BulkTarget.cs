using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SmartUnion.Benchmarks.Generation;

/// <summary>Rows of one table, written in bulk. Values are typed (int, string, bool, DateTime in UTC, DateOnly, null).</summary>
internal interface IRowWriter : IDisposable
{
    void Row(params object?[] values);
}

/// <summary>
/// Where the generator's rows go: SQLite (prepared INSERTs in large transactions, as the generator always did) or
/// PostgreSQL (binary COPY, one connection per table so that items and adoptions stream side by side).
/// </summary>
internal interface IBulkTarget : IDisposable
{
    IRowWriter Open(string table, params string[] columns);

    /// <summary>The end of a batch: SQLite commits its transaction (the next row begins another); COPY streams on.</summary>
    void Commit();
}

/// <summary>Prepared INSERTs over one connection; the open transaction is shared by every writer.</summary>
internal sealed class SqliteBulkTarget(SqliteConnection connection) : IBulkTarget
{
    private SqliteTransaction? _tx;

    public IRowWriter Open(string table, params string[] columns)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++) cmd.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" });
        return new Writer(this, cmd);
    }

    public void Commit()
    {
        _tx?.Commit();
        _tx?.Dispose();
        _tx = null;
    }

    public void Dispose() => Commit();

    private SqliteTransaction Transaction => _tx ??= connection.BeginTransaction();

    private sealed class Writer(SqliteBulkTarget target, SqliteCommand cmd) : IRowWriter
    {
        private bool _prepared;

        public void Row(params object?[] values)
        {
            cmd.Transaction = target.Transaction;
            if (!_prepared)
            {
                cmd.Prepare();
                _prepared = true;
            }
            for (var i = 0; i < values.Length; i++)
                cmd.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTime t => DataGenerator.Format(t),
                    DateOnly d => d.ToString(DataGenerator.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
                    var v => v,
                };
            cmd.ExecuteNonQuery();
        }

        public void Dispose() => cmd.Dispose();
    }
}

/// <summary>
/// Binary COPY (<see cref="NpgsqlConnection.BeginBinaryImport"/>), one connection per table, each COPY its own
/// transaction. The generator drops the foreign keys and secondary indexes and disables the summary triggers first
/// (rebuilding the summaries in one statement and re-validating every foreign key afterwards).
/// </summary>
internal sealed class PostgreSqlBulkTarget(string connectionString) : IBulkTarget
{
    public IRowWriter Open(string table, params string[] columns)
    {
        var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        var importer = conn.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        return new Writer(conn, importer);
    }

    public void Commit() { }

    public void Dispose() { }

    private sealed class Writer(NpgsqlConnection conn, NpgsqlBinaryImporter importer) : IRowWriter
    {
        public void Row(params object?[] values)
        {
            importer.StartRow();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null: importer.WriteNull(); break;
                    case int i: importer.Write(i, NpgsqlDbType.Integer); break;
                    case long l: importer.Write(l, NpgsqlDbType.Bigint); break;
                    case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
                    case string s: importer.Write(s, NpgsqlDbType.Text); break;
                    case DateTime t: importer.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz); break;
                    case DateOnly d: importer.Write(d, NpgsqlDbType.Date); break;
                    default: throw new ArgumentException($"no COPY mapping for {value.GetType()}");
                }
            }
        }

        public void Dispose()
        {
            importer.Complete();
            importer.Dispose();
            conn.Dispose();
        }
    }
}
