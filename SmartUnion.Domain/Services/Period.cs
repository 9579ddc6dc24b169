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
        if (To < From) throw new Entities.DomainException("结束日期不能早于开始日期");
        if (From.Year < 2000 || To.Year > 2100) throw new Entities.DomainException("日期超出范围（2000年至2100年）");
    }

    public override string ToString() => $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}";
}
