using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Workbench;

/// <summary>The workbench's wording of figures.</summary>
public static class WorkbenchText
{
    /// <summary>名次 as the ranking gives it: 第2名（共5个单位）, or 未上榜 for a unit without points.</summary>
    public static string Rank(UnitStanding s) => s.Rank is { } rank ? $"第{rank}名（共{s.RankedUnits}个单位）" : "未上榜";

    /// <summary>How long an item has waited: 3天5小时, 2小时10分钟, 不足1分钟.</summary>
    public static string Waited(TimeSpan t)
    {
        if (t < TimeSpan.FromMinutes(1)) return "不足1分钟";
        if (t.TotalDays >= 1) return t.Hours > 0 ? $"{(int)t.TotalDays}天{t.Hours}小时" : $"{(int)t.TotalDays}天";
        if (t.TotalHours >= 1) return t.Minutes > 0 ? $"{(int)t.TotalHours}小时{t.Minutes}分钟" : $"{(int)t.TotalHours}小时";
        return $"{t.Minutes}分钟";
    }
}
