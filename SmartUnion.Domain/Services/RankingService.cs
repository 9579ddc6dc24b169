using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One unit's score over a period: its shares of adoptions (得分) and of 领导批示 (批示加分), exact to a hundredth.</summary>
public sealed record UnitScore(int UnitId, string UnitName, int SortOrder, int AdoptionCount, Points AdoptionPoints, Points DeductionPoints,
    Points InstructionPoints = default)
{
    /// <summary>加分: confirmed 完成任务加分 records (Deduction rows of kind 加分).</summary>
    public Points BonusPoints { get; init; }

    /// <summary>积分 = 得分 + 批示加分 + 加分 − 扣分.</summary>
    public Points Total => AdoptionPoints + InstructionPoints + BonusPoints - DeductionPoints;
}

/// <summary>A line of the ranking: 名次, 单位, 录用数, 得分, 批示加分, 扣分, 积分.</summary>
public sealed record RankingRow(int Rank, UnitScore Score);

/// <summary>
/// Scores and the points ranking. The single source of truth for points: the ranking dialog,
/// the monthly report and the benchmarks all read it from here.
/// </summary>
public class RankingService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Scores of every unit with any adoption or deduction in the period, computed by aggregate SQL over the maintained month/day summaries.</summary>
    public async Task<IReadOnlyList<UnitScore>> GetScoresAsync(Caller caller, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        period.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // From the summaries the Adoptions triggers maintain (equal to the aggregate of Adoptions by 录用日期 in
        // China time): whole months from UnitMonthScores, the partial months at the edges from UnitDayScores.
        // A year reads at most units × 12 rows instead of every adoption.
        var (fullFrom, fullToExclusive) = WholeMonths(period);
        var from = period.From;
        var to = period.To;
        var adoptions = await db.UnitMonthScores.AsNoTracking()
            .Where(m => m.Month >= fullFrom && m.Month < fullToExclusive)
            .Select(m => new { m.UnitId, m.AdoptionCount, m.AdoptionPoints, m.InstructionPoints })
            .Concat(db.UnitDayScores.AsNoTracking()
                .Where(d => d.Day >= from && d.Day < fullFrom)
                .Select(d => new { d.UnitId, d.AdoptionCount, d.AdoptionPoints, d.InstructionPoints }))
            .Concat(db.UnitDayScores.AsNoTracking()
                .Where(d => d.Day >= fullToExclusive && d.Day <= to)
                .Select(d => new { d.UnitId, d.AdoptionCount, d.AdoptionPoints, d.InstructionPoints }))
            .GroupBy(x => x.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Sum(x => x.AdoptionCount), Points = g.Sum(x => x.AdoptionPoints), Instructed = g.Sum(x => x.InstructionPoints) })
            .ToListAsync(ct);
        var deductions = await db.Deductions.AsNoTracking()
            .Where(d => d.Date >= period.From && d.Date <= period.To)
            .GroupBy(d => d.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Points = g.Sum(d => d.Kind == DeductionKind.Deduction ? d.PointsHundredths : 0),
                Bonus = g.Sum(d => d.Kind == DeductionKind.Bonus ? d.PointsHundredths : 0),
            })
            .ToListAsync(ct);
        var unitIds = adoptions.Select(a => a.UnitId).Union(deductions.Select(d => d.UnitId)).ToList();
        var units = await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.ShortName, u.SortOrder, u.Path })
            .ToDictionaryAsync(u => u.Id, ct);

        var adopted = adoptions.ToDictionary(a => a.UnitId);
        var deducted = deductions.ToDictionary(d => d.UnitId, d => d.Points);
        var bonus = deductions.ToDictionary(d => d.UnitId, d => d.Bonus);
        return unitIds
            .Select(id =>
            {
                var u = units[id];
                var a = adopted.GetValueOrDefault(id);
                return new UnitScore(id, u.ShortName, u.SortOrder, a?.Count ?? 0, new Points(a?.Points ?? 0),
                    new Points(deducted.GetValueOrDefault(id)), new Points(a?.Instructed ?? 0))
                {
                    BonusPoints = new Points(bonus.GetValueOrDefault(id)),
                };
            })
            .ToList();
    }

    /// <summary>
    /// The calendar months lying wholly inside the period, as [first day of the first, first day after the last);
    /// an empty range placed after the period when there is none, so that the day ranges cover it all.
    /// </summary>
    internal static (DateOnly From, DateOnly ToExclusive) WholeMonths(Period period)
    {
        var first = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var afterLast = period.To.AddDays(1).Day == 1 ? period.To.AddDays(1) : new DateOnly(period.To.Year, period.To.Month, 1);
        return first < afterLast ? (first, afterLast) : (period.To.AddDays(1), period.To.AddDays(1));
    }

    /// <summary>积分排名: units with a non-zero score, highest first, ties in unit order.</summary>
    public async Task<IReadOnlyList<RankingRow>> GetRankingAsync(Caller caller, Period period, CancellationToken ct = default)
    {
        var scores = await GetScoresAsync(caller, period, ct);
        return Rank(scores);
    }

    /// <summary>Orders scores and numbers them; equal totals share a 名次.</summary>
    public static IReadOnlyList<RankingRow> Rank(IEnumerable<UnitScore> scores)
    {
        var ordered = scores.Where(s => s.Total != Points.Zero)
            .OrderByDescending(s => s.Total).ThenBy(s => s.SortOrder).ThenBy(s => s.UnitId)
            .ToList();
        var rows = new List<RankingRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? rows[i - 1].Rank : i + 1;
            rows.Add(new RankingRow(rank, ordered[i]));
        }
        return rows;
    }
}
