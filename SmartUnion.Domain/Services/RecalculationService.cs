using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One unit's 得分 and 批示加分 over the period, before and after 重新计算.</summary>
public sealed record RecalculationUnitRow(int UnitId, string UnitName, Points OldAdoptionPoints, Points NewAdoptionPoints,
    Points OldInstructionPoints, Points NewInstructionPoints);

/// <summary>
/// What 重新计算 will change in a period: the adoptions and 批示 whose snapshot differs from the version in force on
/// their date, and per unit the period's 得分 and 批示加分 old → new. <see cref="Fingerprint"/> names exactly these changes:
/// 执行 applies them only if the data still gives the same.
/// </summary>
public sealed record RecalculationPreview(Period Period, int AdoptionCount, int InstructionCount,
    IReadOnlyList<RecalculationUnitRow> Units, string Fingerprint)
{
    public bool IsEmpty => AdoptionCount + InstructionCount == 0;
}

/// <summary>What 重新计算 did.</summary>
public sealed record RecalculationResult(int AdoptionCount, int InstructionCount, int UnitCount);

/// <summary>
/// 重新计算 (系统设置, admins only): sets the points snapshot of each adoption whose 录用日期 and each 批示 whose 批示日期
/// falls in a period to the version of its form's 分值 / its level's 批示加分 in force on that date
/// (<see cref="RuleVersions.InForce"/>). 预览 first; 执行 re-computes under the write lock and applies exactly the
/// preview or refuses. The score summaries follow through the triggers on Adoptions/Instructions (Data/Sql/ScoringSql.cs),
/// 合报 items re-split by their shares. 扣分, 加分 and the 考核规则 are records of their own and are not touched.
/// </summary>
public class RecalculationService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write)
{
    public const string EmptyMessage = "该期间没有需要重新计算的积分";
    public const string ChangedMessage = "预览之后积分数据已发生变化，请重新预览后再执行";

    /// <summary>预览: what 重新计算 of <paramref name="period"/> would change; nothing is written.</summary>
    public async Task<RecalculationPreview> PreviewAsync(Caller caller, Period period, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        RuleVersions.EnsureRecalculationPeriod(period);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await PlanAsync(db, period, ct);
        return plan.Preview;
    }

    /// <summary>
    /// 执行: applies the preview whose <paramref name="fingerprint"/> the admin confirmed, in one transaction under the
    /// write lock, audited, and announced (PointsChanged). Refused when the data now gives another preview, or none.
    /// </summary>
    public async Task<RecalculationResult> ExecuteAsync(Caller caller, Period period, string fingerprint, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        RuleVersions.EnsureRecalculationPeriod(period);
        return await write.RunAsync(caller, async w =>
        {
            var plan = await PlanAsync(w.Db, period, ct);
            if (plan.Preview.IsEmpty) throw new DomainException(EmptyMessage);
            if (plan.Preview.Fingerprint != fingerprint) throw new DomainException(ChangedMessage);
            foreach (var group in plan.Adoptions.GroupBy(c => c.New))
                foreach (var chunk in group.Select(c => c.Id).Chunk(500))
                {
                    var (ids, points) = (chunk, group.Key);
                    await w.Db.Adoptions.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.PointsHundredths, points), ct);
                }
            foreach (var group in plan.Instructions.GroupBy(c => c.New))
                foreach (var chunk in group.Select(c => c.Id).Chunk(500))
                {
                    var (ids, points) = (chunk, group.Key);
                    await w.Db.Instructions.Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.PointsHundredths, points), ct);
                }
            var preview = plan.Preview;
            w.Audit(AuditActions.Recalculate, AuditEntityTypes.Points, preview.Period.ToString(), AuditText(preview));
            w.Publish(new ChangeEvent(ChangeKind.PointsChanged));
            return new RecalculationResult(preview.AdoptionCount, preview.InstructionCount, preview.Units.Count);
        }, ct);
    }

    private static void RequireAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin) throw new ForbiddenException("只有管理员可以重新计算积分");
    }

    /// <summary>One snapshot that changes: its id, item, unit and hundredths before and after.</summary>
    private sealed record Change(int Id, int ItemId, int UnitId, long Old, long New);

    private sealed record Plan(RecalculationPreview Preview, IReadOnlyList<Change> Adoptions, IReadOnlyList<Change> Instructions);

    private static async Task<Plan> PlanAsync(AppDbContext db, Period period, CancellationToken ct)
    {
        var (from, to) = (period.FromUtc, period.ToUtcExclusive);
        var formVersions = await RuleVersions.FormVersionsAsync(db, null, ct);
        var levelVersions = await RuleVersions.LevelVersionsAsync(db, ct);

        // Streamed: only the records whose snapshot changes are kept.
        var adoptions = new List<Change>();
        await foreach (var a in db.Adoptions.AsNoTracking().Where(a => a.AdoptedAt >= from && a.AdoptedAt < to)
                           .Select(a => new { a.Id, a.InfoItemId, a.UnitId, a.AdoptionFormId, a.AdoptedAt, a.PointsHundredths })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (RuleVersions.InForce(formVersions[a.AdoptionFormId], RuleVersions.ChinaDay(a.AdoptedAt)) is not { } points) continue;
            if (points * 100L != a.PointsHundredths) adoptions.Add(new Change(a.Id, a.InfoItemId, a.UnitId, a.PointsHundredths, points * 100L));
        }
        var instructions = new List<Change>();
        await foreach (var i in db.Instructions.AsNoTracking().Where(i => i.Date >= period.From && i.Date <= period.To)
                           .Select(i => new { i.Id, i.InfoItemId, i.UnitId, i.Level, i.Date, i.PointsHundredths })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (RuleVersions.InForce(levelVersions[i.Level], i.Date) is not { } points) continue;
            if (points * 100L != i.PointsHundredths) instructions.Add(new Change(i.Id, i.InfoItemId, i.UnitId, i.PointsHundredths, points * 100L));
        }
        adoptions.Sort((x, y) => x.Id.CompareTo(y.Id));
        instructions.Sort((x, y) => x.Id.CompareTo(y.Id));

        // Per unit: the change of each share, by the 合报 rule the triggers apply (Points.ShareOf).
        var itemIds = adoptions.Concat(instructions).Select(c => c.ItemId).Distinct().ToList();
        var shares = await db.ItemShares.AsNoTracking().Where(s => itemIds.Contains(s.InfoItemId))
            .Select(s => new { s.InfoItemId, s.UnitId, s.WeightFrom, s.WeightTo, s.WeightTotal }).ToListAsync(ct);
        var sharesOf = shares.ToLookup(s => s.InfoItemId);
        var adoptionDelta = new Dictionary<int, long>();
        var instructionDelta = new Dictionary<int, long>();
        void Add(Dictionary<int, long> delta, Change c)
        {
            var split = sharesOf[c.ItemId].ToList();
            if (split.Count == 0) { delta[c.UnitId] = delta.GetValueOrDefault(c.UnitId) + c.New - c.Old; return; }
            foreach (var s in split)
                delta[s.UnitId] = delta.GetValueOrDefault(s.UnitId)
                    + Points.ShareOf(c.New, s.WeightFrom, s.WeightTo, s.WeightTotal) - Points.ShareOf(c.Old, s.WeightFrom, s.WeightTo, s.WeightTotal);
        }
        foreach (var c in adoptions) Add(adoptionDelta, c);
        foreach (var c in instructions) Add(instructionDelta, c);

        var unitIds = adoptionDelta.Where(d => d.Value != 0).Select(d => d.Key)
            .Concat(instructionDelta.Where(d => d.Value != 0).Select(d => d.Key)).Distinct().ToList();
        var rows = new List<RecalculationUnitRow>();
        if (unitIds.Count > 0)
        {
            var totals = await db.UnitDayScores.AsNoTracking()
                .Where(s => unitIds.Contains(s.UnitId) && s.Day >= period.From && s.Day <= period.To)
                .GroupBy(s => s.UnitId)
                .Select(g => new { UnitId = g.Key, Adoption = g.Sum(s => s.AdoptionPoints), Instruction = g.Sum(s => s.InstructionPoints) })
                .ToDictionaryAsync(x => x.UnitId, ct);
            var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
                .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.ShortName }).ToListAsync(ct);
            foreach (var u in units)
            {
                var old = totals.GetValueOrDefault(u.Id);
                var (oldA, oldI) = (old?.Adoption ?? 0, old?.Instruction ?? 0);
                rows.Add(new RecalculationUnitRow(u.Id, u.ShortName,
                    new Points(oldA), new Points(oldA + adoptionDelta.GetValueOrDefault(u.Id)),
                    new Points(oldI), new Points(oldI + instructionDelta.GetValueOrDefault(u.Id))));
            }
        }
        var preview = new RecalculationPreview(period, adoptions.Count, instructions.Count, rows, Fingerprint(period, adoptions, instructions));
        return new Plan(preview, adoptions, instructions);
    }

    /// <summary>A digest of exactly the changes (kind, id, old, new) of the period.</summary>
    private static string Fingerprint(Period period, IEnumerable<Change> adoptions, IEnumerable<Change> instructions)
    {
        var text = new StringBuilder(period.ToString());
        foreach (var c in adoptions) text.Append(CultureInfo.InvariantCulture, $"|A{c.Id}:{c.Old}>{c.New}");
        foreach (var c in instructions) text.Append(CultureInfo.InvariantCulture, $"|I{c.Id}:{c.Old}>{c.New}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private const int AuditMaxLength = 4000;

    private static string AuditText(RecalculationPreview p)
    {
        var head = $"重新计算积分 {p.Period}：录用 {p.AdoptionCount} 条、领导批示 {p.InstructionCount} 条分值已更新，涉及 {p.Units.Count} 个单位";
        var text = new StringBuilder(head);
        for (var i = 0; i < p.Units.Count; i++)
        {
            var u = p.Units[i];
            var line = $"{(i == 0 ? "：" : "；")}{u.UnitName} 得分 {u.OldAdoptionPoints}→{u.NewAdoptionPoints}，批示加分 {u.OldInstructionPoints}→{u.NewInstructionPoints}";
            if (text.Length + line.Length > AuditMaxLength - 20) { text.Append(CultureInfo.InvariantCulture, $"；等{p.Units.Count}个单位"); break; }
            text.Append(line);
        }
        return text.ToString();
    }
}
