using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>Which 任务完成情况: a China month, optionally one 单位分组.</summary>
public sealed record TaskCompletionRequest(int Year, int Month, int? GroupId = null)
{
    public DateOnly First => new(Year, Month, 1);
    public Period Period => Period.Month(Year, Month);
    public string MonthText => $"{Year}年{Month}月";
    /// <summary>任务完成情况_2026-10.xlsx.</summary>
    public string FileName => $"任务完成情况_{Year}-{Month:00}.xlsx";
}

/// <summary>
/// One unit's month: 报送数 / 任务数, 录用数 and 录用率 as the 月度报表 counts them (<see cref="Reports.ReportUnitRow"/>), 完成/未完成, 零报送.
/// </summary>
public sealed record TaskCompletionRow(
    int UnitId, string UnitName, string GroupName, int Reported, int? Quota, int Adopted, int AdoptedItems, double AdoptionRate)
{
    /// <summary>约稿 due in the month that the unit did not answer (<see cref="CommissionService.UnansweredByUnitAsync"/>).</summary>
    public int UnansweredCommissions { get; init; }

    /// <summary>零报送: nothing reported in the month.</summary>
    public bool IsZeroReport => Reported == 0;
    /// <summary>完成 (true) / 未完成 (false); null without a quota.</summary>
    public bool? Met => Quota is { } q ? Reported >= q : null;
    /// <summary>缺报篇数.</summary>
    public int Missing => Quota is { } q && Reported < q ? q - Reported : 0;
}

public enum ProposalStatus
{
    /// <summary>拟定: computed, not yet confirmed.</summary>
    Proposed,
    /// <summary>已确认: a confirmed entry with the same figure as now.</summary>
    Confirmed,
    /// <summary>已确认，与当前计算不同: the month's data changed after confirmation (the confirmed record stands).</summary>
    ConfirmedDiffers,
}

/// <summary>
/// One line of the month's proposal: 缺报扣分 or 完成任务加分, and 约稿未回应扣分, positive points,
/// <see cref="IsBonus"/> telling 加分 from 扣分.
/// </summary>
public sealed record ProposalLine(int UnitId, string UnitName, QuotaEntryKind Kind, int Points, string Reason, ProposalStatus Status,
    int? ConfirmedPoints = null)
{
    public bool IsBonus => Kind == QuotaEntryKind.QuotaMet;
    public ProposalKey Key => new(UnitId, Kind, Points);
}

/// <summary>A proposed line as the reviewer saw it: confirming checks it is still what the month computes.</summary>
public sealed record ProposalKey(int UnitId, QuotaEntryKind Kind, int Points);

/// <summary>Everything the 任务完成情况 page shows for a month.</summary>
public sealed record TaskCompletionReport(
    TaskCompletionRequest Request, string ScopeText, QuotaRuleSetRow? Rules, bool MonthFinished,
    IReadOnlyList<TaskCompletionRow> Units, IReadOnlyList<ProposalLine> Lines)
{
    public IReadOnlyList<ProposalLine> Proposed => Lines.Where(l => l.Status == ProposalStatus.Proposed).ToList();
}

/// <summary>What a 确认 did: lines recorded now, and lines found already confirmed (by an earlier or concurrent confirm).</summary>
public sealed record ConfirmResult(int Created, int AlreadyConfirmed);

/// <summary>A group the filter offers.</summary>
public sealed record GroupOption(int Id, string Name);
