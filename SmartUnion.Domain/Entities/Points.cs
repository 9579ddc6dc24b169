using System.Globalization;

namespace SmartUnion.Domain.Entities;

/// <summary>
/// Points as exact hundredths (积分精确到0.01, stored as an integer: never floating point). A whole number converts
/// implicitly (5 → 5.00), so a form's or a level's whole points are written as they read. Shown with up to two decimals
/// (10 → "10", 3.3 → "3.3", 3.34 → "3.34"): two decimals are needed for the shares of a 合报 item to add up visibly.
/// </summary>
public readonly record struct Points(long Hundredths) : IComparable<Points>
{
    public static Points Zero => default;

    /// <summary>Whole points (a form's or a 批示 level's rule value).</summary>
    public static Points Whole(int points) => new(points * 100L);

    public static implicit operator Points(int whole) => Whole(whole);

    public static Points operator +(Points a, Points b) => new(a.Hundredths + b.Hundredths);
    public static Points operator -(Points a, Points b) => new(a.Hundredths - b.Hundredths);
    public static Points operator -(Points a) => new(-a.Hundredths);
    public static bool operator <(Points a, Points b) => a.Hundredths < b.Hundredths;
    public static bool operator >(Points a, Points b) => a.Hundredths > b.Hundredths;
    public static bool operator <=(Points a, Points b) => a.Hundredths <= b.Hundredths;
    public static bool operator >=(Points a, Points b) => a.Hundredths >= b.Hundredths;

    public int CompareTo(Points other) => Hundredths.CompareTo(other.Hundredths);

    /// <summary>Whole points only (a fraction throws): for values that are whole by rule, e.g. a deduction entered in whole points.</summary>
    public static explicit operator int(Points p) =>
        p.Hundredths % 100 == 0 ? checked((int)(p.Hundredths / 100)) : throw new InvalidOperationException($"{p} is not a whole number of points");

    public static explicit operator decimal(Points p) => p.Value;

    /// <summary>The exact value (decimal, for Excel cells).</summary>
    public decimal Value => Hundredths / 100m;

    /// <summary>Up to two decimals, no trailing zeros: "10", "3.3", "3.34", "-2".</summary>
    public override string ToString() => Value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// 合报分值拆分 (the remainder rule): the units in share order (the lead unit first, then the co-reporters in unit
    /// order) with weights w₁…wₙ (W = their sum, Cᵢ = w₁+…+wᵢ) get ⌈P·Cᵢ/W⌉ − ⌈P·Cᵢ₋₁/W⌉ hundredths. Each unit gets its exact
    /// share rounded up or down to a hundredth, the shares always add up to P exactly, and the leftover hundredths go to
    /// the first units in that order: 3 equal units and 10 points → 3.34 + 3.33 + 3.33. The score triggers compute the
    /// same formula in SQL from <see cref="ItemShare.WeightFrom"/>/<see cref="ItemShare.WeightTo"/>.
    /// </summary>
    public static IReadOnlyList<Points> Split(Points total, IReadOnlyList<int> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w <= 0))
            throw new ArgumentException("Weights must be positive", nameof(weights));
        long sum = weights.Sum(w => (long)w);
        var result = new Points[weights.Count];
        long before = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var after = before + weights[i];
            result[i] = new Points(ShareOf(total.Hundredths, before, after, sum));
            before = after;
        }
        return result;
    }

    /// <summary>One unit's hundredths of <paramref name="total"/> for the cumulative weights [from, to) of <paramref name="sum"/>.</summary>
    public static long ShareOf(long total, long from, long to, long sum) => CeilDiv(total * to, sum) - CeilDiv(total * from, sum);

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}

/// <summary>Sums of <see cref="Points"/> (exact, in hundredths).</summary>
public static class PointsExtensions
{
    public static Points SumPoints(this IEnumerable<Points> source) => new(source.Sum(p => p.Hundredths));

    public static Points SumPoints<T>(this IEnumerable<T> source, Func<T, Points> selector) => new(source.Sum(x => selector(x).Hundredths));
}
