namespace SmartUnion.Domain.Services;

/// <summary>An inclusive range of China calendar days, e.g. 2026-01-01 … 2026-12-31.</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public DateTime FromUtc => ChinaTime.StartOfDayUtc(From);
    /// <summary>Exclusive upper bound: the start of the day after <see cref="To"/>.</summary>
    public DateTime ToUtcExclusive => ChinaTime.StartOfDayUtc(To.AddDays(1));

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period Month(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static Period Quarter(int year, int month)
    {
        var first = (month - 1) / 3 * 3 + 1;
        return new(new DateOnly(year, first, 1), new DateOnly(year, first + 2, DateTime.DaysInMonth(year, first + 2)));
    }

    public void Validate()
    {
        DateRules.EnsureOrdered(From, To);
        if (!DateRules.IsInRange(From) || !DateRules.IsInRange(To)) throw new Entities.DomainException(DateRules.OutOfRangeMessage());
    }

    public override string ToString() => $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}";
}
