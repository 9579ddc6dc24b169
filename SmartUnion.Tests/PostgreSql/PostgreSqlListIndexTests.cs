using Npgsql;
using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.PostgreSql;

/// <summary>
/// PostgreSQL's secondary indexes do not carry the row id (SQLite's carry the rowid), so the list's covering indexes
/// INCLUDE Id there: a far page's ids come from an index-only scan instead of thousands of item rows (at province
/// scale 464 ms → 23 ms for page 500, benchmarks/RESULTS.md). Needs SMARTUNION_TEST_POSTGRES (test.sh sets it).
/// </summary>
public class PostgreSqlListIndexTests
{
    [Fact]
    public async Task EveryListIndexOfItemsIncludesTheIdOnPostgreSql()
    {
        await using var t = await TestDatabase.CreateAsync(provider: DatabaseProvider.PostgreSQL);
        await using var conn = new NpgsqlConnection(t.Get<DatabaseConnection>().ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Items' ORDER BY indexname", conn);
        var indexes = new Dictionary<string, string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) indexes[r.GetString(0)] = r.GetString(1);

        foreach (var name in new[] { "IX_Items_UnitId_Category_ReportedAt_State", "IX_Items_UnitId_ReportedAt_State",
                     "IX_Items_Category_ReportedAt_UnitId_State", "IX_Items_ReportedAt_UnitId_State" })
            Assert.EndsWith("INCLUDE (\"Id\")", indexes[name]);
    }
}
