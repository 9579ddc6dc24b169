namespace SmartUnion.Domain.Entities;

/// <summary>扣分: points taken from a unit, with a reason and a date.</summary>
public class Deduction : ITimestamped
{
    public const int ReasonMaxLength = 500;
    public const int MaxPoints = 1000;

    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>扣分 in hundredths (column "Points").</summary>
    public long PointsHundredths { get; set; }
    public Points Points { get => new(PointsHundredths); set => PointsHundredths = value.Hundredths; }
    /// <summary>扣分 (the default) or 加分 (a confirmed 完成任务加分): the ranking subtracts the one and adds the other.</summary>
    public DeductionKind Kind { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>扣分日期, a China calendar date.</summary>
    public DateOnly Date { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
