using Microsoft.Data.Sqlite;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>One ranking line as the baseline computes it.</summary>
public sealed record BaselineRankingRow(int Rank, int UnitId, string UnitName, int AdoptionCount, int AdoptionPoints, int DeductionPoints);

/// <summary>
/// The baseline for the ranking: one hand-written aggregate statement over Microsoft.Data.Sqlite,
/// no ORM, a pooled connection per call as a hand-written service would use.
/// </summary>
public static class RankingBaseline
{
    public const string Sql = """
        WITH s AS (
            SELECT UnitId, COUNT(*) AS Cnt, SUM(Points) AS Pts, 0 AS Ded
            FROM Adoptions WHERE AdoptedAt >= $from AND AdoptedAt < $to GROUP BY UnitId
            UNION ALL
            SELECT UnitId, 0, 0, SUM(Points)
            FROM Deductions WHERE Date >= $dfrom AND Date <= $dto GROUP BY UnitId)
        SELECT s.UnitId, u.ShortName, SUM(s.Cnt), SUM(s.Pts), SUM(s.Ded)
        FROM s JOIN Units u ON u.Id = s.UnitId
        GROUP BY s.UnitId
        HAVING SUM(s.Pts) - SUM(s.Ded) <> 0
        ORDER BY SUM(s.Pts) - SUM(s.Ded) DESC, u.SortOrder, s.UnitId
        """;

    /// <summary>The same statement over the daily summary alone (no month level): a hand-written reference for the summary approach.</summary>
    public const string SummarySql = """
        WITH s AS (
            SELECT UnitId, SUM(AdoptionCount) AS Cnt, SUM(AdoptionPoints) AS Pts, 0 AS Ded
            FROM UnitDayScores WHERE Day >= $dfrom AND Day <= $dto GROUP BY UnitId
            UNION ALL
            SELECT UnitId, 0, 0, SUM(Points)
            FROM Deductions WHERE Date >= $dfrom AND Date <= $dto GROUP BY UnitId)
        SELECT s.UnitId, u.ShortName, SUM(s.Cnt), SUM(s.Pts), SUM(s.Ded)
        FROM s JOIN Units u ON u.Id = s.UnitId
        GROUP BY s.UnitId
        HAVING SUM(s.Pts) - SUM(s.Ded) <> 0
        ORDER BY SUM(s.Pts) - SUM(s.Ded) DESC, u.SortOrder, s.UnitId
        """;

    /// <summary>Rows in which the day or month summary and the full aggregate of Adoptions differ (0 when equal).</summary>
    public const string SummaryMismatchSql = """
        WITH fd AS (SELECT UnitId, date(AdoptedAt, '+8 hours') AS K, COUNT(*) AS Cnt, SUM(Points) AS Pts FROM Adoptions GROUP BY 1, 2),
             sd AS (SELECT UnitId, Day AS K, AdoptionCount AS Cnt, AdoptionPoints AS Pts FROM UnitDayScores),
             fm AS (SELECT UnitId, date(AdoptedAt, '+8 hours', 'start of month') AS K, COUNT(*) AS Cnt, SUM(Points) AS Pts FROM Adoptions GROUP BY 1, 2),
             sm AS (SELECT UnitId, Month AS K, AdoptionCount AS Cnt, AdoptionPoints AS Pts FROM UnitMonthScores)
        SELECT (SELECT COUNT(*) FROM (SELECT * FROM fd EXCEPT SELECT * FROM sd))
             + (SELECT COUNT(*) FROM (SELECT * FROM sd EXCEPT SELECT * FROM fd))
             + (SELECT COUNT(*) FROM (SELECT * FROM fm EXCEPT SELECT * FROM sm))
             + (SELECT COUNT(*) FROM (SELECT * FROM sm EXCEPT SELECT * FROM fm))
        """;

    public static async Task<List<BaselineRankingRow>> RunAsync(string connectionString, Period period, CancellationToken ct = default) =>
        await RunAsync(connectionString, period, Sql, ct);

    public static async Task<List<BaselineRankingRow>> RunAsync(string connectionString, Period period, string sql, CancellationToken ct = default)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        if (sql.Contains("$from")) cmd.Parameters.AddWithValue("$from", Generation.DataGenerator.Format(period.FromUtc));
        if (sql.Contains("$to")) cmd.Parameters.AddWithValue("$to", Generation.DataGenerator.Format(period.ToUtcExclusive));
        cmd.Parameters.AddWithValue("$dfrom", period.From.ToString(Generation.DataGenerator.DateFormat));
        cmd.Parameters.AddWithValue("$dto", period.To.ToString(Generation.DataGenerator.DateFormat));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<BaselineRankingRow>();
        int? previousTotal = null;
        while (await reader.ReadAsync(ct))
        {
            var points = reader.GetInt32(3);
            var deducted = reader.GetInt32(4);
            var total = points - deducted;
            var rank = previousTotal == total ? rows[^1].Rank : rows.Count + 1;
            previousTotal = total;
            rows.Add(new BaselineRankingRow(rank, reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), points, deducted));
        }
        return rows;
    }

    /// <summary><see cref="Sql"/> in PostgreSQL's SQL (timestamps with time zone, dates as date).</summary>
    public const string PostgreSqlSql = """
        WITH s AS (
            SELECT "UnitId", COUNT(*) AS "Cnt", SUM("Points") AS "Pts", 0 AS "Ded"
            FROM "Adoptions" WHERE "AdoptedAt" >= @from AND "AdoptedAt" < @to GROUP BY "UnitId"
            UNION ALL
            SELECT "UnitId", 0, 0, SUM("Points")
            FROM "Deductions" WHERE "Date" >= @dfrom AND "Date" <= @dto GROUP BY "UnitId")
        SELECT s."UnitId", u."ShortName", SUM(s."Cnt")::int, SUM(s."Pts")::int, SUM(s."Ded")::int
        FROM s JOIN "Units" u ON u."Id" = s."UnitId"
        GROUP BY s."UnitId", u."ShortName", u."SortOrder"
        HAVING SUM(s."Pts") - SUM(s."Ded") <> 0
        ORDER BY SUM(s."Pts") - SUM(s."Ded") DESC, u."SortOrder", s."UnitId"
        """;

    /// <summary><see cref="SummaryMismatchSql"/> in PostgreSQL's SQL (China date = the UTC instant plus 8 hours).</summary>
    public const string PostgreSqlSummaryMismatchSql = """
        WITH fd AS (SELECT "UnitId", (("AdoptedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date AS k, COUNT(*)::int AS cnt, SUM("Points")::int AS pts FROM "Adoptions" GROUP BY 1, 2),
             sd AS (SELECT "UnitId", "Day" AS k, "AdoptionCount" AS cnt, "AdoptionPoints" AS pts FROM "UnitDayScores"),
             fm AS (SELECT "UnitId", date_trunc('month', ("AdoptedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date AS k, COUNT(*)::int AS cnt, SUM("Points")::int AS pts FROM "Adoptions" GROUP BY 1, 2),
             sm AS (SELECT "UnitId", "Month" AS k, "AdoptionCount" AS cnt, "AdoptionPoints" AS pts FROM "UnitMonthScores")
        SELECT (SELECT COUNT(*) FROM (SELECT * FROM fd EXCEPT SELECT * FROM sd) a)
             + (SELECT COUNT(*) FROM (SELECT * FROM sd EXCEPT SELECT * FROM fd) b)
             + (SELECT COUNT(*) FROM (SELECT * FROM fm EXCEPT SELECT * FROM sm) c)
             + (SELECT COUNT(*) FROM (SELECT * FROM sm EXCEPT SELECT * FROM fm) d)
        """;

    /// <summary><see cref="SummarySql"/> in PostgreSQL's SQL.</summary>
    public const string PostgreSqlSummarySql = """
        WITH s AS (
            SELECT "UnitId", SUM("AdoptionCount") AS "Cnt", SUM("AdoptionPoints") AS "Pts", 0 AS "Ded"
            FROM "UnitDayScores" WHERE "Day" >= @dfrom AND "Day" <= @dto GROUP BY "UnitId"
            UNION ALL
            SELECT "UnitId", 0, 0, SUM("Points")
            FROM "Deductions" WHERE "Date" >= @dfrom AND "Date" <= @dto GROUP BY "UnitId")
        SELECT s."UnitId", u."ShortName", SUM(s."Cnt")::int, SUM(s."Pts")::int, SUM(s."Ded")::int
        FROM s JOIN "Units" u ON u."Id" = s."UnitId"
        GROUP BY s."UnitId", u."ShortName", u."SortOrder"
        HAVING SUM(s."Pts") - SUM(s."Ded") <> 0
        ORDER BY SUM(s."Pts") - SUM(s."Ded") DESC, u."SortOrder", s."UnitId"
        """;

    /// <summary>The baseline ranking on PostgreSQL: <see cref="PostgreSqlSql"/> over plain Npgsql.</summary>
    public static Task<List<BaselineRankingRow>> RunPostgreSqlAsync(string connectionString, Period period, CancellationToken ct = default) =>
        RunPostgreSqlAsync(connectionString, period, PostgreSqlSql, ct);

    public static async Task<List<BaselineRankingRow>> RunPostgreSqlAsync(string connectionString, Period period, string sql, CancellationToken ct = default)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        if (sql.Contains("@from")) cmd.Parameters.AddWithValue("from", period.FromUtc);
        if (sql.Contains("@to")) cmd.Parameters.AddWithValue("to", period.ToUtcExclusive);
        cmd.Parameters.AddWithValue("dfrom", period.From);
        cmd.Parameters.AddWithValue("dto", period.To);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<BaselineRankingRow>();
        int? previousTotal = null;
        while (await reader.ReadAsync(ct))
        {
            var points = reader.GetInt32(3);
            var deducted = reader.GetInt32(4);
            var total = points - deducted;
            var rank = previousTotal == total ? rows[^1].Rank : rows.Count + 1;
            previousTotal = total;
            rows.Add(new BaselineRankingRow(rank, reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), points, deducted));
        }
        return rows;
    }

    /// <summary>The service's ranking in the baseline's shape, for an equality check.</summary>
    public static List<BaselineRankingRow> FromService(IEnumerable<RankingRow> rows) =>
        rows.Select(r => new BaselineRankingRow(r.Rank, r.Score.UnitId, r.Score.UnitName, r.Score.AdoptionCount, r.Score.AdoptionPoints, r.Score.DeductionPoints)).ToList();
}
