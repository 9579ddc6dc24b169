namespace SmartUnion.Domain.Entities;

/// <summary>单位分组 (e.g. 县市区总工会, 产业工会, 市级机关): admin-managed; a unit belongs to at most one group.</summary>
public class UnitGroup
{
    public const int NameMaxLength = 50;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>
/// One dated version of a 月度报送任务数: for a group (<see cref="GroupId"/>) or a unit's own override (<see cref="UnitId"/>),
/// valid from <see cref="EffectiveFrom"/> (the first day of a China month) until the next version of the same owner.
/// A new value never rewrites past months: it is a new row. <see cref="Quota"/> null ends the owner's quota from that month
/// (a unit then falls back to its group's, a group has none).
/// </summary>
public class QuotaVersion
{
    public const int MinQuota = 0;
    public const int MaxQuota = 100;

    public int Id { get; set; }
    public int? GroupId { get; set; }
    public UnitGroup? Group { get; set; }
    public int? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public int? Quota { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One dated version of the quota rule set (考核规则), valid from <see cref="EffectiveFrom"/> (first day of a China month).
/// All points are per month.
/// </summary>
public class QuotaRuleSet
{
    public const int MaxPoints = 1000;

    public int Id { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>每缺报一篇扣分.</summary>
    public int PointsPerMissingItem { get; set; }
    /// <summary>完成任务基础分, per month (e.g. 10 a month = 120 a year).</summary>
    public int MonthlyBasePoints { get; set; }
    /// <summary>每个未回应约稿扣分 (applied once the 约稿 store exists; see TaskCompletionService).</summary>
    public int PointsPerUnansweredCommission { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>The kind of a line of a month's proposal (and of a confirmed entry).</summary>
public enum QuotaEntryKind
{
    /// <summary>缺报扣分: (任务数 − 报送数) × 每缺报一篇扣分.</summary>
    Shortfall = 1,
    /// <summary>完成任务加分: 报送数 ≥ 任务数 (> 0) earns 完成任务基础分.</summary>
    QuotaMet = 2,
    /// <summary>约稿未回应扣分: from the 约稿 store (issue 16 item 3), merged later.</summary>
    UnansweredCommission = 3,
}

/// <summary>
/// A confirmed line of a month's proposal: the 扣分/加分 record it became, linked to the rule version and the month.
/// Unique per (unit, month, kind): confirming twice never creates a second set.
/// </summary>
public class QuotaEntry
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>The first day of the China month.</summary>
    public DateOnly Month { get; set; }
    public QuotaEntryKind Kind { get; set; }
    public int RuleSetId { get; set; }
    public QuotaRuleSet? RuleSet { get; set; }
    public int DeductionId { get; set; }
    public Deduction? Deduction { get; set; }
    public int Points { get; set; }
    public string ConfirmedById { get; set; } = "";
    public DateTime ConfirmedAt { get; set; }
}
