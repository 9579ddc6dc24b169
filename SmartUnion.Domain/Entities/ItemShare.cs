namespace SmartUnion.Domain.Entities;

/// <summary>
/// 合报: one unit's share of a joint item (联合报送). A joint item has one row for its lead unit (<see cref="InfoItem.UnitId"/>)
/// and one per co-reporting unit; an item without rows belongs wholly to its unit. Points of the item's adoptions and
/// 批示 are split by <see cref="Weight"/> with the rule of <see cref="Points.Split"/>; <see cref="WeightFrom"/>,
/// <see cref="WeightTo"/> and <see cref="WeightTotal"/> are that rule's cumulative weights, kept so that the score
/// triggers compute each share with one row and no aggregate.
/// </summary>
public class ItemShare
{
    /// <summary>How many co-reporting units one item may name.</summary>
    public const int MaxCoReporters = 10;

    public int InfoItemId { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>Share order: 0 is the lead unit, then the co-reporters in unit order.</summary>
    public int Position { get; set; }
    /// <summary>Equal shares are weight 1 each; shares set by a reviewer are percentages adding up to 100.</summary>
    public int Weight { get; set; }
    public int WeightFrom { get; set; }
    public int WeightTo { get; set; }
    public int WeightTotal { get; set; }

    /// <summary>The share rows of a joint item: units in share order (the lead first) with their weights.</summary>
    public static List<ItemShare> For(int itemId, IReadOnlyList<(int UnitId, int Weight)> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var total = units.Sum(u => u.Weight);
        var rows = new List<ItemShare>(units.Count);
        var from = 0;
        for (var i = 0; i < units.Count; i++)
        {
            rows.Add(new ItemShare
            {
                InfoItemId = itemId, UnitId = units[i].UnitId, Position = i, Weight = units[i].Weight,
                WeightFrom = from, WeightTo = from + units[i].Weight, WeightTotal = total,
            });
            from += units[i].Weight;
        }
        return rows;
    }
}

/// <summary>
/// One unit's share of one adoption or one 批示, written only by the database triggers on Adoptions and Instructions
/// (from <see cref="ItemShare"/>); its own triggers keep <see cref="UnitDayScore"/> and <see cref="UnitMonthScore"/>
/// equal to its aggregate. Points are hundredths.
/// </summary>
public class ScoreShare
{
    public long Id { get; set; }
    public int InfoItemId { get; set; }
    public int? AdoptionId { get; set; }
    public int? InstructionId { get; set; }
    public int UnitId { get; set; }
    /// <summary>The China date the points count on (录用日期 or 批示日期).</summary>
    public DateOnly Day { get; set; }
    /// <summary>1 for an adoption (each unit of a joint item counts it), 0 for a 批示.</summary>
    public int AdoptionCount { get; set; }
    public long AdoptionPoints { get; set; }
    public long InstructionPoints { get; set; }
}
