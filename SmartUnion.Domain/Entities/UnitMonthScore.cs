namespace SmartUnion.Domain.Entities;

/// <summary>
/// The same summary as <see cref="UnitDayScore"/> by China calendar month (<see cref="Month"/> is the first
/// day of the month): a year's ranking reads at most units × 12 rows plus the partial months at its edges.
/// Maintained by the Adoptions triggers; never written by application code.
/// </summary>
public class UnitMonthScore
{
    public int UnitId { get; set; }
    public DateOnly Month { get; set; }
    public int AdoptionCount { get; set; }
    /// <summary>Hundredths of points of the unit's adoption shares.</summary>
    public long AdoptionPoints { get; set; }
    /// <summary>Hundredths of points of the unit's 批示 shares (批示加分).</summary>
    public long InstructionPoints { get; set; }
}
