namespace SmartUnion.Domain.Entities;

/// <summary>
/// 分值版本: the points of an adoption form from <see cref="EffectiveFrom"/> (a China date) on, until the next version.
/// An adoption snapshots the version in force on its 录用日期 (<see cref="Services.RuleVersions.InForce"/>).
/// </summary>
public class AdoptionFormPointVersion
{
    public int Id { get; set; }
    public int AdoptionFormId { get; set; }
    public AdoptionForm? AdoptionForm { get; set; }
    /// <summary>生效日期 (China); <see cref="Services.RuleVersions.Baseline"/> for the first version (从最早).</summary>
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Whole points.</summary>
    public int Points { get; set; }
}

/// <summary>
/// 领导批示加分 of one level from <see cref="EffectiveFrom"/> on, until the next version; a 批示 snapshots the version in
/// force on its 批示日期.
/// </summary>
public class InstructionLevelRuleVersion
{
    public const int MaxPoints = 1000;

    public int Id { get; set; }
    public InstructionLevel Level { get; set; }
    /// <summary>生效日期 (China); <see cref="Services.RuleVersions.Baseline"/> for the first version (从最早).</summary>
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Whole points.</summary>
    public int Points { get; set; }
}
