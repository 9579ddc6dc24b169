using Microsoft.Data.Sqlite;
using SmartUnion.Domain.Data.Sql;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>One ranking line as the baseline computes it (points in hundredths).</summary>
public sealed record BaselineRankingRow(int Rank, int UnitId, string UnitName, int AdoptionCount, long AdoptionPoints, long DeductionPoints, long InstructionPoints = 0);

/// <summary>
/// The baseline for the ranking: one hand-written aggregate statement over Microsoft.Data.Sqlite,
/// no ORM, a pooled connection per call as a hand-written service would use. The full aggregate of Adoptions and
/// Instructions, each split among a joint item's units by ItemShares (the rule of Points.Split), independent of the
/// ScoreShares rows and the summaries the triggers maintain.
/// </summary>
public static class RankingBaseline
{
    private static readonly string AdoptionShare = ScoringSql.Share("a.Points");

    public static readonly string Sql = $"""
        WITH s AS (
            SELECT COALESCE(s.UnitId, a.UnitId) AS UnitId, COUNT(*) AS Cnt,
                   SUM(CASE WHEN s.UnitId IS NULL THEN a.Points ELSE {AdoptionShare} END) AS Pts, 0 AS Ins, 0 AS Ded
            FROM Adoptions a LEFT JOIN ItemShares s ON s.InfoItemId = a.InfoItemId
            WHERE a.AdoptedAt >= $from AND a.AdoptedAt < $to GROUP BY 1
            UNION ALL
            SELECT COALESCE(s.UnitId, a.UnitId), 0, 0, SUM(CASE WHEN s.UnitId IS NULL THEN a.Points ELSE {AdoptionShare} END), 0
            FROM Instructions a LEFT JOIN ItemShares s ON s.InfoItemId = a.InfoItemId
            WHERE a.Date >= $dfrom AND a.Date <= $dto GROUP BY 1
            UNION ALL
            SELECT UnitId, 0, 0, 0, SUM(Points)
            FROM Deductions WHERE Date >= $dfrom AND Date <= $dto GROUP BY UnitId)
        SELECT s.UnitId, u.ShortName, SUM(s.Cnt), SUM(s.Pts), SUM(s.Ded), SUM(s.Ins)
        FROM s JOIN Units u ON u.Id = s.UnitId
        GROUP BY s.UnitId
        HAVING SUM(s.Pts) + SUM(s.Ins) - SUM(s.Ded) <> 0
        ORDER BY SUM(s.Pts) + SUM(s.Ins) - SUM(s.Ded) DESC, u.SortOrder, s.UnitId
        """;

    /// <summary>The same statement over the daily summary alone (no month level): a hand-written reference for the summary approach.</summary>
    public const string SummarySql = """
        WITH s AS (
            SELECT UnitId, SUM(AdoptionCount) AS Cnt, SUM(AdoptionPoints) AS Pts, SUM(InstructionPoints) AS Ins, 0 AS Ded
            FROM UnitDayScores WHERE Day >= $dfrom AND Day <= $dto GROUP BY UnitId
            UNION ALL
            SELECT UnitId, 0, 0, 0, SUM(Points)
            FROM Deductions WHERE Date >= $dfrom AND Date <= $dto GROUP BY UnitId)
        SELECT s.UnitId, u.ShortName, SUM(s.Cnt), SUM(s.Pts), SUM(s.Ded), SUM(s.Ins)
        FROM s JOIN Units u ON u.Id = s.UnitId
        GROUP BY s.UnitId
        HAVING SUM(s.Pts) + SUM(s.Ins) - SUM(s.Ded) <> 0
        ORDER BY SUM(s.Pts) + SUM(s.Ins) - SUM(s.Ded) DESC, u.SortOrder, s.UnitId
        """;

    private static string Facts(string day) => $"""
        SELECT "UnitId", "Day" AS K, SUM("AdoptionCount") AS Cnt, SUM("AdoptionPoints") AS Pts, SUM("InstructionPoints") AS Ins
        FROM ({ScoringSql.AllShares(day)}) f GROUP BY 1, 2
        """;

    /// <summary>Rows in which the day or month summary and the full aggregate of Adoptions and Instructions (split by ItemShares) differ (0 when equal).</summary>
    public static readonly string SummaryMismatchSql = $"""
        WITH fd AS ({Facts("date(a.\"AdoptedAt\", '+8 hours')")}),
             sd AS (SELECT UnitId, Day AS K, AdoptionCount AS Cnt, AdoptionPoints AS Pts, InstructionPoints AS Ins FROM UnitDayScores),
             fm AS (SELECT UnitId, date(K, 'start of month') AS K, SUM(Cnt) AS Cnt, SUM(Pts) AS Pts, SUM(Ins) AS Ins FROM fd GROUP BY 1, 2),
             sm AS (SELECT UnitId, Month AS K, AdoptionCount AS Cnt, AdoptionPoints AS Pts, InstructionPoints AS Ins FROM UnitMonthScores)
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
        long? previousTotal = null;
        while (await reader.ReadAsync(ct))
        {
            var points = reader.GetInt64(3);
            var deducted = reader.GetInt64(4);
            var instructed = reader.GetInt64(5);
            var total = points + instructed - deducted;
            var rank = previousTotal == total ? rows[^1].Rank : rows.Count + 1;
            previousTotal = total;
            rows.Add(new BaselineRankingRow(rank, reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), points, deducted, instructed));
        }
        return rows;
    }

    private static readonly string PgShare = ScoringSql.Share("a.\"Points\"");

    /// <summary><see cref="Sql"/> in PostgreSQL's SQL (timestamps with time zone, dates as date).</summary>
    public static readonly string PostgreSqlSql = $"""
        WITH s AS (
            SELECT COALESCE(s."UnitId", a."UnitId") AS "UnitId", COUNT(*) AS "Cnt",
                   SUM(CASE WHEN s."UnitId" IS NULL THEN a."Points" ELSE {PgShare} END) AS "Pts", 0 AS "Ins", 0 AS "Ded"
            FROM "Adoptions" a LEFT JOIN "ItemShares" s ON s."InfoItemId" = a."InfoItemId"
            WHERE a."AdoptedAt" >= @from AND a."AdoptedAt" < @to GROUP BY 1
            UNION ALL
            SELECT COALESCE(s."UnitId", a."UnitId"), 0, 0, SUM(CASE WHEN s."UnitId" IS NULL THEN a."Points" ELSE {PgShare} END), 0
            FROM "Instructions" a LEFT JOIN "ItemShares" s ON s."InfoItemId" = a."InfoItemId"
            WHERE a."Date" >= @dfrom AND a."Date" <= @dto GROUP BY 1
            UNION ALL
            SELECT "UnitId", 0, 0, 0, SUM("Points")
            FROM "Deductions" WHERE "Date" >= @dfrom AND "Date" <= @dto GROUP BY "UnitId")
        SELECT s."UnitId", u."ShortName", SUM(s."Cnt")::int, SUM(s."Pts")::bigint, SUM(s."Ded")::bigint, SUM(s."Ins")::bigint
        FROM s JOIN "Units" u ON u."Id" = s."UnitId"
        GROUP BY s."UnitId", u."ShortName", u."SortOrder"
        HAVING SUM(s."Pts") + SUM(s."Ins") - SUM(s."Ded") <> 0
        ORDER BY SUM(s."Pts") + SUM(s."Ins") - SUM(s."Ded") DESC, u."SortOrder", s."UnitId"
        """;

    private static string PgFacts(string day) => $"""
        SELECT "UnitId", "Day" AS k, SUM("AdoptionCount")::int AS cnt, SUM("AdoptionPoints")::bigint AS pts, SUM("InstructionPoints")::bigint AS ins
        FROM ({ScoringSql.AllShares(day)}) f GROUP BY 1, 2
        """;

    /// <summary><see cref="SummaryMismatchSql"/> in PostgreSQL's SQL (China date = the UTC instant plus 8 hours).</summary>
    public static readonly string PostgreSqlSummaryMismatchSql = $"""
        WITH fd AS ({PgFacts("((a.\"AdoptedAt\" AT TIME ZONE 'UTC') + interval '8 hours')::date")}),
             sd AS (SELECT "UnitId", "Day" AS k, "AdoptionCount" AS cnt, "AdoptionPoints" AS pts, "InstructionPoints" AS ins FROM "UnitDayScores"),
             fm AS (SELECT "UnitId", date_trunc('month', k)::date AS k, SUM(cnt)::int AS cnt, SUM(pts)::bigint AS pts, SUM(ins)::bigint AS ins FROM fd GROUP BY 1, 2),
             sm AS (SELECT "UnitId", "Month" AS k, "AdoptionCount" AS cnt, "AdoptionPoints" AS pts, "InstructionPoints" AS ins FROM "UnitMonthScores")
        SELECT (SELECT COUNT(*) FROM (SELECT * FROM fd EXCEPT SELECT * FROM sd) a)
             + (SELECT COUNT(*) FROM (SELECT * FROM sd EXCEPT SELECT * FROM fd) b)
             + (SELECT COUNT(*) FROM (SELECT * FROM fm EXCEPT SELECT * FROM sm) c)
             + (SELECT COUNT(*) FROM (SELECT * FROM sm EXCEPT SELECT * FROM fm) d)
        """;

    /// <summary><see cref="SummarySql"/> in PostgreSQL's SQL.</summary>
    public const string PostgreSqlSummarySql = """
        WITH s AS (
            SELECT "UnitId", SUM("AdoptionCount") AS "Cnt", SUM("AdoptionPoints") AS "Pts", SUM("InstructionPoints") AS "Ins", 0 AS "Ded"
            FROM "UnitDayScores" WHERE "Day" >= @dfrom AND "Day" <= @dto GROUP BY "UnitId"
            UNION ALL
            SELECT "UnitId", 0, 0, 0, SUM("Points")
            FROM "Deductions" WHERE "Date" >= @dfrom AND "Date" <= @dto GROUP BY "UnitId")
        SELECT s."UnitId", u."ShortName", SUM(s."Cnt")::int, SUM(s."Pts")::bigint, SUM(s."Ded")::bigint, SUM(s."Ins")::bigint
        FROM s JOIN "Units" u ON u."Id" = s."UnitId"
        GROUP BY s."UnitId", u."ShortName", u."SortOrder"
        HAVING SUM(s."Pts") + SUM(s."Ins") - SUM(s."Ded") <> 0
        ORDER BY SUM(s."Pts") + SUM(s."Ins") - SUM(s."Ded") DESC, u."SortOrder", s."UnitId"
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
        long? previousTotal = null;
        while (await reader.ReadAsync(ct))
        {
            var points = reader.GetInt64(3);
            var deducted = reader.GetInt64(4);
            var instructed = reader.GetInt64(5);
            var total = points + instructed - deducted;
            var rank = previousTotal == total ? rows[^1].Rank : rows.Count + 1;
            previousTotal = total;
            rows.Add(new BaselineRankingRow(rank, reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), points, deducted, instructed));
        }
        return rows;
    }

    /// <summary>The service's ranking in the baseline's shape, for an equality check.</summary>
    public static List<BaselineRankingRow> FromService(IEnumerable<RankingRow> rows) =>
        rows.Select(r => new BaselineRankingRow(r.Rank, r.Score.UnitId, r.Score.UnitName, r.Score.AdoptionCount, r.Score.AdoptionPoints.Hundredths,
            r.Score.DeductionPoints.Hundredths, r.Score.InstructionPoints.Hundredths)).ToList();
}
