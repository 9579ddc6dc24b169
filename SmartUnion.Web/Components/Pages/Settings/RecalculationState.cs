using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Settings;

/// <summary>
/// The 重新计算积分 page's state: the period (default last month, China), the preview shown and whether 执行 may run —
/// only for a non-empty preview of exactly the period on screen (changing a date discards the preview).
/// </summary>
public sealed class RecalculationState
{
    private DateTime? from;
    private DateTime? to;

    public DateTime? From { get => from; set { from = value; Preview = null; } }
    public DateTime? To { get => to; set { to = value; Preview = null; } }

    public RecalculationPreview? Preview { get; private set; }

    /// <summary>起始日期 and 截止日期 = last month, seen from <paramref name="today"/> (China).</summary>
    public static RecalculationState ForLastMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var last = Period.Month(first.Year, first.Month);
        return new RecalculationState { from = last.From.ToDateTime(TimeOnly.MinValue), to = last.To.ToDateTime(TimeOnly.MinValue) };
    }

    /// <summary>The chosen period, or the message for a missing date (the service checks the rest).</summary>
    public (Period? Period, string? Error) ChosenPeriod() =>
        from is null || to is null
            ? (null, "请选择起始日期和截止日期")
            : (new Period(DateOnly.FromDateTime(from.Value), DateOnly.FromDateTime(to.Value)), null);

    public void Show(RecalculationPreview preview) => Preview = preview;

    public bool IsEmpty => Preview is { IsEmpty: true };

    /// <summary>执行 is enabled for a preview with changes of the period on screen.</summary>
    public bool CanExecute => Preview is { IsEmpty: false } p && ChosenPeriod().Period == p.Period;

    /// <summary>The confirmation naming the period, the records and the number of units.</summary>
    public string ConfirmText => Preview is not { } p ? "" :
        $"确定重新计算 {p.Period} 期间的积分吗？将更新 {p.AdoptionCount} 条录用和 {p.InstructionCount} 条领导批示的分值，涉及 {p.Units.Count} 个单位，并记入审计日志。";

    public static string ResultText(RecalculationResult r) =>
        $"重新计算完成：录用 {r.AdoptionCount} 条、领导批示 {r.InstructionCount} 条分值已更新，涉及 {r.UnitCount} 个单位";
}
