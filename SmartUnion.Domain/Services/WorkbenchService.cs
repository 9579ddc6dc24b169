using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The figures of the 首页 (workbench), per role and in the caller's scope: a reporter's unit standing comes from
/// <see cref="RankingService"/> (the same figures as the 积分排名); lists and charts only count items and adoptions the
/// caller may see (its own unit; a reviewer's or admin's subtree).
/// </summary>
public partial class WorkbenchService(IDbContextFactory<AppDbContext> dbFactory, RankingService ranking, TimeProvider clock)
{
    /// <summary>How many items or adoptions a panel lists.</summary>
    public const int ListSize = 10;
    /// <summary>How many units the points chart shows.</summary>
    public const int TopUnitCount = 10;

    /// <summary>The 报送员's workbench: its unit's 积分/名次 this month and year, 已驳回 items, latest adoptions. Reporters only.</summary>
    public async Task<ReporterWorkbench> GetReporterAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        var today = ChinaTime.Today(clock);
        var month = Standing(caller.UnitId, await ranking.GetRankingAsync(caller, Period.Month(today.Year, today.Month), ct));
        var year = Standing(caller.UnitId, await ranking.GetRankingAsync(caller, Period.Year(today.Year), ct));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitId = caller.UnitId;
        var rejected = db.Items.AsNoTracking().Where(i => i.UnitId == unitId && i.State == ItemState.Rejected);
        var rejectedCount = await rejected.CountAsync(ct);
        var rejectedList = await rejected
            .OrderByDescending(i => i.RejectedAt).ThenByDescending(i => i.Id)
            .Take(ListSize)
            .Select(i => new WorkbenchItem(i.Id, i.Title, i.Unit!.ShortName, i.RejectedAt ?? i.UpdatedAt, i.RejectReason))
            .ToListAsync(ct);
        var adoptions = await db.Adoptions.AsNoTracking()
            .Where(a => a.UnitId == unitId)
            .OrderByDescending(a => a.AdoptedAt).ThenByDescending(a => a.Id)
            .Take(ListSize)
            .Select(a => new { a.InfoItemId, a.InfoItem!.Title, Publication = a.Publication!.Name, Form = a.AdoptionForm!.Name, a.Year, a.Issue, a.AdoptedAt, a.PointsHundredths })
            .ToListAsync(ct);
        return new ReporterWorkbench(caller.UnitName, month, year, rejectedCount, rejectedList,
            adoptions.Select(a => new WorkbenchAdoption(a.InfoItemId, a.Title, Channel(a.Publication, a.Form, a.Year, a.Issue), a.AdoptedAt, new Points(a.PointsHundredths))).ToList());
    }

    /// <summary>The 审核员's workbench (admins see the same figures of their subtree): 待审核 oldest first, adoptions today and this month.</summary>
    public async Task<ReviewerWorkbench> GetReviewerAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer, Roles.Admin);
        var today = ChinaTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subtree = db.Units.SubtreeIds(caller.UnitPath);
        var pending = db.Items.AsNoTracking()
            .Where(i => i.State == ItemState.Reported && subtree.Contains(i.UnitId));
        var pendingCount = await pending.CountAsync(ct);
        var pendingList = await pending
            .OrderBy(i => i.ReportedAt).ThenBy(i => i.Id)
            .Take(ListSize)
            .Select(i => new WorkbenchItem(i.Id, i.Title, i.Unit!.ShortName, i.ReportedAt ?? i.UpdatedAt, null))
            .ToListAsync(ct);
        var dayStart = ChinaTime.StartOfDayUtc(today);
        var monthStart = ChinaTime.StartOfDayUtc(new DateOnly(today.Year, today.Month, 1));
        var recent = db.Adoptions.AsNoTracking().Where(a => a.AdoptedAt >= monthStart && subtree.Contains(a.UnitId));
        var thisMonth = await recent.CountAsync(ct);
        var todayCount = await recent.CountAsync(a => a.AdoptedAt >= dayStart, ct);
        return new ReviewerWorkbench(pendingCount, pendingList, todayCount, thisMonth);
    }

    /// <summary>
    /// The charts: adoptions per month over the last 12 months and by channel this year (the caller's unit, or its
    /// subtree for reviewers and admins), and the top units of this year's 积分排名 (which everyone sees).
    /// </summary>
    public async Task<WorkbenchCharts> GetChartsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter, Roles.Reviewer, Roles.Admin);
        var today = ChinaTime.Today(clock);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.VisibleTo(caller).Select(u => u.Id);

        var perMonth = await db.UnitMonthScores.AsNoTracking()
            .Where(m => m.Month >= firstMonth && units.Contains(m.UnitId))
            .GroupBy(m => m.Month)
            .Select(g => new { Month = g.Key, Count = g.Sum(m => m.AdoptionCount) })
            .ToDictionaryAsync(x => x.Month, x => x.Count, ct);
        var months = Enumerable.Range(0, 12).Select(i => firstMonth.AddMonths(i))
            .Select(m => new ChartPoint(m.Month == 1 || m == firstMonth ? $"{m.Year}年{m.Month}月" : $"{m.Month}月", perMonth.GetValueOrDefault(m)))
            .ToList();

        var year = Period.Year(today.Year);
        var (from, to) = (year.FromUtc, year.ToUtcExclusive);
        var byChannel = await db.Adoptions.AsNoTracking()
            .Where(a => a.AdoptedAt >= from && a.AdoptedAt < to && units.Contains(a.UnitId))
            .GroupBy(a => a.PublicationId)
            .Select(g => new { PublicationId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var publications = await db.Publications.AsNoTracking()
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name })
            .ToListAsync(ct);
        var counts = byChannel.ToDictionary(c => c.PublicationId, c => c.Count);
        var channels = publications.Where(p => counts.ContainsKey(p.Id))
            .Select(p => new ChartPoint(p.Name, counts[p.Id])).ToList();

        var top = (await ranking.GetRankingAsync(caller, year, ct)).Take(TopUnitCount)
            .Select(r => new ChartPoint(r.Score.UnitName, (double)r.Score.Total.Value)).ToList();
        return new WorkbenchCharts(months, channels, top);
    }

    private static UnitStanding Standing(int unitId, IReadOnlyList<RankingRow> rows)
    {
        var row = rows.FirstOrDefault(r => r.Score.UnitId == unitId);
        return new UnitStanding(row?.Score.Total ?? Points.Zero, row?.Rank, rows.Count, row?.Score.InstructionPoints ?? Points.Zero);
    }

    private static string Channel(string publication, string form, int? year, int? issue) =>
        $"{publication}{(year is null ? "" : $"{year}年")}{(issue is null ? "" : $"第{issue}期")}（{form}）";
}
