using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>
/// 月度报表: the summary per unit and the detail rows of a month (or 年度累计) within the caller's scope —
/// reviewers and admins their unit's subtree, reporters their own unit. Points and ranks come from
/// <see cref="RankingService"/>, never from a second calculation.
/// </summary>
public class MonthlyReportService(IDbContextFactory<AppDbContext> dbFactory, RankingService ranking)
{
    /// <summary>The scope in words, e.g. "苏州市总工会及下级单位" or "姑苏区总".</summary>
    public static string DescribeScope(Caller caller)
    {
        RequireAnyRole(caller);
        return caller.SeesSubtree ? $"{caller.UnitName}及下级单位" : caller.UnitName;
    }

    /// <summary>The 汇总 sheet's numbers for the caller's scope.</summary>
    public async Task<MonthlyReportSummary> GetSummaryAsync(Caller caller, MonthlyReportRequest request, CancellationToken ct = default)
    {
        RequireAnyRole(caller);
        request.Validate();
        var period = request.Period;
        var from = period.FromUtc;
        var to = period.ToUtcExclusive;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scopeIds = await ScopeUnitIdsAsync(db, caller, ct);

        var reportedItems = db.Items.AsNoTracking()
            .Where(i => i.State != ItemState.Draft && i.ReportedAt >= from && i.ReportedAt < to && scopeIds.Contains(i.UnitId));
        var reported = await reportedItems
            .GroupBy(i => i.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        // 录用率's numerator: of the items reported in the period, those with at least one adoption (each item once).
        var adoptedItems = await reportedItems
            .Where(i => i.Adoptions.Any())
            .GroupBy(i => i.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        var perPublication = await db.Adoptions.AsNoTracking()
            .Where(a => a.AdoptedAt >= from && a.AdoptedAt < to && scopeIds.Contains(a.UnitId))
            .GroupBy(a => new { a.UnitId, a.PublicationId })
            .Select(g => new { g.Key.UnitId, g.Key.PublicationId, Count = g.Count() })
            .ToListAsync(ct);
        var adoptedPublicationIds = perPublication.Select(p => p.PublicationId).Distinct().ToList();
        var publications = await db.Publications.AsNoTracking()
            .Where(p => p.IsActive || adoptedPublicationIds.Contains(p.Id))
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new ReportPublication(p.Id, p.Name, p.Level))
            .ToListAsync(ct);

        // One source of truth: the ranking service's scores and ranks (ranks over all units, as the 积分排名 shows them).
        var scores = await ranking.GetScoresAsync(caller, period, ct);
        var scoreOf = scores.ToDictionary(s => s.UnitId);
        var rankOf = RankingService.Rank(scores).ToDictionary(r => r.Score.UnitId, r => r.Rank);

        var units = await db.Units.AsNoTracking()
            .Where(u => scopeIds.Contains(u.Id))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.ShortName, u.IsActive })
            .ToListAsync(ct);
        var counts = perPublication.ToDictionary(p => (p.UnitId, p.PublicationId), p => p.Count);
        var rows = units
            .Where(u => u.IsActive || reported.ContainsKey(u.Id) || scoreOf.ContainsKey(u.Id))
            .Select(u =>
            {
                var score = scoreOf.GetValueOrDefault(u.Id);
                return new ReportUnitRow(
                    u.Id,
                    u.ShortName,
                    reported.GetValueOrDefault(u.Id),
                    score?.AdoptionCount ?? 0,
                    adoptedItems.GetValueOrDefault(u.Id),
                    publications.Select(p => counts.GetValueOrDefault((u.Id, p.Id))).ToList(),
                    score?.AdoptionPoints ?? Points.Zero,
                    score?.DeductionPoints ?? Points.Zero,
                    score?.Total ?? Points.Zero,
                    rankOf.TryGetValue(u.Id, out var rank) ? rank : null,
                    score?.InstructionPoints ?? Points.Zero)
                {
                    Bonus = score?.BonusPoints ?? Points.Zero,
                };
            })
            .ToList();
        return new MonthlyReportSummary(request.Title, DescribeScope(caller), period, publications, rows);
    }

    /// <summary>Builds the report workbook into <paramref name="output"/>; <paramref name="progress"/> receives detail rows written.</summary>
    public async Task WriteAsync(Caller caller, MonthlyReportRequest request, Stream output, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var summary = await GetSummaryAsync(caller, request, ct);
        var period = summary.Period;
        var from = period.FromUtc;
        var to = period.ToUtcExclusive;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var allScopeIds = await ScopeUnitIdsAsync(db, caller, ct);

        // Projections streamed row by row: no entities, no navigation graphs, no list of 100,000 rows.
        var adoptions = db.Adoptions.AsNoTracking()
            .Where(a => a.AdoptedAt >= from && a.AdoptedAt < to && allScopeIds.Contains(a.UnitId))
            .OrderBy(a => a.AdoptedAt).ThenBy(a => a.Id)
            .Select(a => new AdoptionDetailRow(
                a.InfoItem!.Title,
                a.InfoItem.Unit!.ShortName,
                a.InfoItem.Category,
                a.InfoItem.ReportedAt,
                a.Publication!.Level,
                a.Publication.Name,
                a.AdoptionForm!.Name,
                a.Year,
                a.Issue,
                a.AdoptedAt,
                new Points(a.PointsHundredths)))
            .AsAsyncEnumerable();
        var deductions = (
                from d in db.Deductions.AsNoTracking()
                where d.Date >= period.From && d.Date <= period.To && allScopeIds.Contains(d.UnitId)
                join u in db.Users on d.CreatedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby d.Date, d.Id
                select new DeductionDetailRow(d.Date, d.Unit!.ShortName, new Points(d.PointsHundredths), d.Reason, u == null ? "" : u.DisplayName, d.Kind))
            .AsAsyncEnumerable();

        await MonthlyReportBuilder.WriteAsync(output, summary, adoptions, deductions, progress, ct);
    }

    private static Task<List<int>> ScopeUnitIdsAsync(AppDbContext db, Caller caller, CancellationToken ct) =>
        db.Units.AsNoTracking().ReportUnitIds(caller).ToListAsync(ct);

    private static void RequireAnyRole(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter, Roles.Reviewer, Roles.Admin);
    }
}
