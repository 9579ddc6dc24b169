using SmartUnion.Domain.Entities;
namespace SmartUnion.Domain.Services;

/// <summary>A unit's 积分 and 名次 over a period, as the 积分排名 gives them (名次 null: not in the ranking, 积分 0).</summary>
/// <see cref="InstructionPoints"/> is the 批示加分 inside <see cref="Points"/>.
public sealed record UnitStanding(Points Points, int? Rank, int RankedUnits, Points InstructionPoints = default);

/// <summary>An item in a workbench list: 驳回 waiting for a fix, or 待审核 waiting since <see cref="Since"/> (UTC).</summary>
public sealed record WorkbenchItem(int Id, string Title, string UnitName, DateTime Since, string? Note);

/// <summary>One recent adoption of the unit's items.</summary>
public sealed record WorkbenchAdoption(int ItemId, string Title, string Channel, DateTime AdoptedAt, Points Points);

/// <summary>One bar or slice: a label and a value.</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>The 首页 of a 报送员: its unit's standing, rejected items to fix and latest adoptions.</summary>
public sealed record ReporterWorkbench(
    string UnitName,
    UnitStanding Month,
    UnitStanding Year,
    int RejectedCount,
    IReadOnlyList<WorkbenchItem> Rejected,
    IReadOnlyList<WorkbenchAdoption> LatestAdoptions);

/// <summary>The 首页 of a 审核员 (and an admin): 待审核 oldest first, adoptions today and this month in its subtree.</summary>
public sealed record ReviewerWorkbench(
    int PendingCount,
    IReadOnlyList<WorkbenchItem> Pending,
    int AdoptionsToday,
    int AdoptionsThisMonth);

/// <summary>The 首页's charts, in the caller's scope (its unit, or its subtree), except the ranking which everyone sees.</summary>
public sealed record WorkbenchCharts(
    IReadOnlyList<ChartPoint> AdoptionsPerMonth,
    IReadOnlyList<ChartPoint> AdoptionsByChannel,
    IReadOnlyList<ChartPoint> TopUnits);
