using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The dates the app accepts anywhere (filters, 扣分日期, 采用年, reports): years 2000 to 2100, and a range's end not
/// before its start — one constant and one message each, for the services and the pages.
/// </summary>
public static class DateRules
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public static readonly DateOnly MinDate = new(MinYear, 1, 1);
    public static readonly DateOnly MaxDate = new(MaxYear, 12, 31);

    public static bool IsInRange(int year) => year is >= MinYear and <= MaxYear;
    public static bool IsInRange(DateOnly date) => IsInRange(date.Year);

    /// <summary>"日期超出范围（2000年至2100年）", with the field's label ("扣分日期", "年份", "采用年" …).</summary>
    public static string OutOfRangeMessage(string label = "日期") => $"{label}超出范围（{MinYear}年至{MaxYear}年）";

    /// <summary>"结束日期不能早于开始日期", with the range's name in front of both ends when given ("报送").</summary>
    public static string EndBeforeStartMessage(string range = "") => $"{range}结束日期不能早于{range}开始日期";

    /// <summary>Throws <see cref="OutOfRangeMessage"/> for a year outside the range.</summary>
    public static void EnsureInRange(int year, string label = "日期")
    {
        if (!IsInRange(year)) throw new DomainException(OutOfRangeMessage(label));
    }

    /// <summary>Throws <see cref="EndBeforeStartMessage"/> when both ends are given and the end is before the start.</summary>
    public static void EnsureOrdered(DateOnly? from, DateOnly? to, string range = "")
    {
        if (from is { } f && to is { } t && t < f) throw new DomainException(EndBeforeStartMessage(range));
    }
}
