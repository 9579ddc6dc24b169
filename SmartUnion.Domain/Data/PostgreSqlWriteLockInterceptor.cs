using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartUnion.Domain.Data;

/// <summary>
/// PostgreSQL's form of SQLite's BEGIN IMMEDIATE: every transaction the app begins (its explicit write transactions
/// and SaveChanges' own) first takes one transaction-level advisory lock, so writers run one after the other, as on
/// SQLite. Under READ COMMITTED every later statement of the transaction sees what the previous writer committed,
/// so "read the item, check its state and version, write" cannot interleave: exactly one of a concurrent adopt and
/// reject wins, and the other sees the new state. The lock is released by COMMIT or ROLLBACK; waiting for it gives
/// up after the busy timeout (lock_timeout, SQLSTATE 55P03), like SQLite's busy_timeout.
/// Reads outside a transaction take no lock.
/// </summary>
public sealed class PostgreSqlWriteLockInterceptor(int busyTimeoutMs) : DbTransactionInterceptor
{
    /// <summary>The advisory lock key of SmartUnion's writers ("SUWR").</summary>
    public const long WriteLockKey = 0x5355_5752;

    private string Sql => $"SET LOCAL lock_timeout = {Math.Max(1, busyTimeoutMs)}; SELECT pg_advisory_xact_lock({WriteLockKey});";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = result;
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = result;
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}
