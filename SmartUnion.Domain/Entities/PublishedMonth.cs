namespace SmartUnion.Domain.Entities;

/// <summary>
/// 发布: one frozen version of a month's 积分排名 (each unit's points, counts and 名次 as they were, and the rules in force).
/// Versions are kept as history; the highest <see cref="Version"/> of a month is the published one. Never changed once written.
/// </summary>
public class PublishedMonth
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    /// <summary>The first day of the China month.</summary>
    public DateOnly Month { get; set; }
    /// <summary>1 for the first publication, N+1 for each 重新发布.</summary>
    public int Version { get; set; }
    public DateTime PublishedAt { get; set; }
    public string PublishedById { get; set; } = "";
    /// <summary>The publisher's display name at the time (the history shows it even if the account changes later).</summary>
    public string PublishedByName { get; set; } = "";
    /// <summary>重新发布的原因 (required from version 2 on).</summary>
    public string? Reason { get; set; }
    /// <summary>The rules in force at the end of the month, as readable JSON (forms' points, 批示 levels, 考核规则).</summary>
    public string RulesText { get; set; } = "";
    public List<PublishedMonthScore> Scores { get; set; } = [];
}

/// <summary>One unit's frozen line of a <see cref="PublishedMonth"/>; points in exact hundredths.</summary>
public class PublishedMonthScore
{
    public int Id { get; set; }
    public int PublishedMonthId { get; set; }
    public PublishedMonth? PublishedMonth { get; set; }
    public int UnitId { get; set; }
    /// <summary>The unit's short name at the time.</summary>
    public string UnitName { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>名次 as published; null for a unit whose 积分 was 0 (not ranked).</summary>
    public int? Rank { get; set; }
    public int AdoptionCount { get; set; }
    public long AdoptionPoints { get; set; }
    public long InstructionPoints { get; set; }
    public long BonusPoints { get; set; }
    public long DeductionPoints { get; set; }
    public long Total { get; set; }
}
