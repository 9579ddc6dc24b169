namespace SmartUnion.Domain.Entities;

/// <summary>
/// A maintained summary: one unit's adoptions on one China calendar day (count and points). Database
/// triggers on Adoptions keep it equal to the full aggregate, so the ranking of a year reads at most
/// units × 366 rows instead of every adoption. Never written by application code.
/// </summary>
public class UnitDayScore
{
    public int UnitId { get; set; }
    /// <summary>The China date of 录用日期.</summary>
    public DateOnly Day { get; set; }
    public int AdoptionCount { get; set; }
    public int AdoptionPoints { get; set; }

    /// <summary>Recomputes the day and month summaries from Adoptions (after a bulk load that bypassed the triggers). SQLite.</summary>
    public const string RebuildSql = """
        DELETE FROM "UnitDayScores";
        INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints")
        SELECT "UnitId", date("AdoptedAt", '+8 hours'), COUNT(*), SUM("Points") FROM "Adoptions"
        GROUP BY "UnitId", date("AdoptedAt", '+8 hours');
        DELETE FROM "UnitMonthScores";
        INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints")
        SELECT "UnitId", date("Day", 'start of month'), SUM("AdoptionCount"), SUM("AdoptionPoints") FROM "UnitDayScores"
        GROUP BY "UnitId", date("Day", 'start of month');
        """;

    /// <summary><see cref="RebuildSql"/> in PostgreSQL's SQL (China date = the UTC instant plus 8 hours).</summary>
    public const string RebuildSqlPostgreSql = """
        DELETE FROM "UnitDayScores";
        INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints")
        SELECT "UnitId", (("AdoptedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date, COUNT(*), SUM("Points") FROM "Adoptions"
        GROUP BY 1, 2;
        DELETE FROM "UnitMonthScores";
        INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints")
        SELECT "UnitId", date_trunc('month', "Day")::date, SUM("AdoptionCount"), SUM("AdoptionPoints") FROM "UnitDayScores"
        GROUP BY 1, 2;
        """;
}
