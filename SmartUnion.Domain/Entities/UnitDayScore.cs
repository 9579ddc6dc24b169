namespace SmartUnion.Domain.Entities;

/// <summary>
/// A maintained summary: one unit's adoptions and 批示 on one China calendar day (count and points in hundredths). Database
/// triggers on ScoreShares keep it equal to the full aggregate, so the ranking of a year reads at most
/// units × 366 rows instead of every adoption. Never written by application code.
/// </summary>
public class UnitDayScore
{
    public int UnitId { get; set; }
    /// <summary>The China date of 录用日期.</summary>
    public DateOnly Day { get; set; }
    public int AdoptionCount { get; set; }
    /// <summary>Hundredths of points of the unit's adoption shares.</summary>
    public long AdoptionPoints { get; set; }
    /// <summary>Hundredths of points of the unit's 批示 shares (批示加分).</summary>
    public long InstructionPoints { get; set; }

    /// <summary>Recomputes the shares and the day and month summaries from Adoptions and Instructions (after a bulk load that bypassed the triggers). SQLite.</summary>
    public static readonly string RebuildSql = Data.Sql.ScoringSql.Rebuild(postgreSql: false);

    /// <summary><see cref="RebuildSql"/> in PostgreSQL's SQL.</summary>
    public static readonly string RebuildSqlPostgreSql = Data.Sql.ScoringSql.Rebuild(postgreSql: true);
}
