using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartUnion.Domain.Data;

/// <summary>
/// Sets the per-connection SQLite pragmas: wait up to the busy timeout for a write lock
/// instead of failing with "database is locked", and enforce foreign keys.
/// (WAL mode is persistent in the file and set once at start-up.)
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private string Pragmas => $"PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
