namespace SmartUnion.Domain.Services;

/// <summary>Times are stored in UTC and shown in China time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateTime ToUtc(DateTime chinaLocal) => DateTime.SpecifyKind(chinaLocal - Offset, DateTimeKind.Utc);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>The UTC instant at which the given China calendar day begins.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public static string FormatDate(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("yyyy-MM-dd");

    public static string FormatDateTime(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("yyyy-MM-dd HH:mm:ss");
}
