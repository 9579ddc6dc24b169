using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One unit's line of a joint item's shares: its weight, its percentage and its points of the item so far.</summary>
public sealed record ShareLine(int UnitId, string UnitName, bool IsLead, int Weight, decimal Percent, Points AdoptionPoints, Points InstructionPoints);

/// <summary>A joint item's shares (empty lines for an item of one unit).</summary>
public sealed record ItemSharesView(IReadOnlyList<ShareLine> Lines, bool EqualShares)
{
    public bool IsJoint => Lines.Count > 0;
}

/// <summary>A unit a reporter may name as co-reporter.</summary>
public sealed record CoReporterOption(int Id, string Name);

/// <summary>
/// 合报 (联合报送): the lead unit's reporter names co-reporting units (any active unit other than its own, anywhere in
/// the tree: joint reports cross districts and systems) while the item carries no points yet; a reviewer of the lead
/// unit's subtree may then set the shares as percentages adding up to 100 (equal shares by default). Changing the
/// shares re-splits the item's adoptions and 批示 at once (the triggers of <see cref="ScoreShare"/>).
/// </summary>
public class ItemShareService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write)
{
    /// <summary>The item's shares; anyone who sees the item.</summary>
    public async Task<ItemSharesView> GetAsync(Caller caller, int itemId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Items.Where(i => i.Id == itemId).Where(ItemScope.Visible(caller)).AnyAsync(ct))
            throw new NotFoundException("未找到该公文或无权查看");
        var shares = await db.ItemShares.AsNoTracking().Where(s => s.InfoItemId == itemId).OrderBy(s => s.Position)
            .Select(s => new { s.UnitId, s.Unit!.ShortName, s.Position, s.Weight, s.WeightTotal })
            .ToListAsync(ct);
        if (shares.Count == 0) return new ItemSharesView([], true);
        var points = await db.ScoreShares.AsNoTracking().Where(s => s.InfoItemId == itemId)
            .GroupBy(s => s.UnitId)
            .Select(g => new { UnitId = g.Key, A = g.Sum(s => s.AdoptionPoints), I = g.Sum(s => s.InstructionPoints) })
            .ToDictionaryAsync(x => x.UnitId, ct);
        var lines = shares.Select(s => new ShareLine(s.UnitId, s.ShortName, s.Position == 0, s.Weight,
                Math.Round(100m * s.Weight / s.WeightTotal, 2),
                new Points(points.GetValueOrDefault(s.UnitId)?.A ?? 0), new Points(points.GetValueOrDefault(s.UnitId)?.I ?? 0)))
            .ToList();
        return new ItemSharesView(lines, lines.All(l => l.Weight == lines[0].Weight));
    }

    /// <summary>The units a reporter may name as co-reporters: every active unit but its own, in unit order.</summary>
    public async Task<IReadOnlyList<CoReporterOption>> GetOptionsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().Where(u => u.IsActive && u.Id != caller.UnitId)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new CoReporterOption(u.Id, u.ShortName)).ToListAsync(ct);
    }

    /// <summary>
    /// 联合报送单位: the lead unit's reporters set the co-reporting units (none: an item of its unit alone), with equal
    /// shares; refused once the item carries an adoption or a 批示 (its points would move).
    /// </summary>
    public async Task SetCoReportersAsync(Caller caller, int itemId, IReadOnlyCollection<int> unitIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(unitIds);
        caller.RequireRole(Roles.Reporter);
        var ids = unitIds.Distinct().ToList();
        if (ids.Count > ItemShare.MaxCoReporters) throw new DomainException($"联合报送单位最多{ItemShare.MaxCoReporters}个");
        await write.RunAsync(caller, async w =>
        {
            var db = w.Db;
            var item = await db.Items.Include(i => i.Shares).Include(i => i.Adoptions).FirstOrDefaultAsync(i => i.Id == itemId, ct);
            if (item is null || !ItemScope.CanSee(caller, item, "")) throw new NotFoundException("未找到该公文或无权查看");
            if (!ItemScope.CanChange(caller, item)) throw new ForbiddenException("只有牵头单位可以设置联合报送单位");
            var current = item.Shares.Where(s => s.UnitId != item.UnitId).Select(s => s.UnitId).ToHashSet();
            if (current.SetEquals(ids)) { w.Discard(); return; }
            if (item.IsAdopted || await db.Instructions.AnyAsync(i => i.InfoItemId == itemId, ct))
                throw new DomainException("已录用或已有领导批示的公文不能修改联合报送单位");
            if (ids.Contains(item.UnitId)) throw new DomainException("联合报送单位不能是本单位");
            var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive)
                .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.ShortName }).ToListAsync(ct);
            if (units.Count != ids.Count) throw new DomainException("所选联合报送单位不存在或已停用，请刷新");
            db.ItemShares.RemoveRange(item.Shares);
            if (units.Count > 0)
                db.ItemShares.AddRange(ItemShare.For(item.Id, [(item.UnitId, 1), .. units.Select(u => (u.Id, 1))]));
            w.Audit(AuditActions.CoReporters, AuditEntityTypes.Item, item.Id,
                $"公文《{item.Title}》；联合报送单位：{(units.Count == 0 ? "无" : string.Join("、", units.Select(u => u.ShortName)))}");
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved, item.Id, item.UnitId));
        }, ct);
    }

    /// <summary>
    /// 设置合报份额: percentages per unit (every unit of the joint item, adding up to 100), or null for equal shares.
    /// Reviewers of the lead unit's subtree; the item's adoptions and 批示 are re-split in the same transaction.
    /// </summary>
    public async Task SetSharesAsync(Caller caller, int itemId, IReadOnlyDictionary<int, int>? percentByUnit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        await write.RunAsync(caller, async w =>
        {
            var db = w.Db;
            var item = await InstructionService.LoadForReviewAsync(db, caller, itemId, ct);
            var shares = item.Shares.OrderBy(s => s.Position).ToList();
            if (shares.Count == 0) throw new DomainException("该公文不是联合报送的公文");
            List<int> weights;
            if (percentByUnit is null) weights = shares.Select(_ => 1).ToList();
            else
            {
                if (percentByUnit.Count != shares.Count || shares.Any(s => !percentByUnit.ContainsKey(s.UnitId)))
                    throw new DomainException("联合报送单位已变化，请刷新");
                weights = shares.Select(s => percentByUnit[s.UnitId]).ToList();
                if (weights.Any(p => p is < 1 or > 99)) throw new DomainException("每个单位的份额须在1%至99%之间");
                var sum = weights.Sum();
                if (sum != 100) throw new DomainException($"各单位份额之和必须为100%，当前为{sum}%");
            }
            var rows = ItemShare.For(item.Id, shares.Select((s, i) => (s.UnitId, weights[i])).ToList());
            for (var i = 0; i < shares.Count; i++)
            {
                shares[i].Weight = rows[i].Weight;
                shares[i].WeightFrom = rows[i].WeightFrom;
                shares[i].WeightTo = rows[i].WeightTo;
                shares[i].WeightTotal = rows[i].WeightTotal;
            }
            w.Audit(AuditActions.Shares, AuditEntityTypes.Item, item.Id,
                $"公文《{item.Title}》；合报份额：{(percentByUnit is null ? "平均分配" : string.Join("、", shares.Select(s => $"{s.UnitId}:{s.Weight}%")))}");
            await w.SaveAsync(ct);
            // Touching the points re-runs the share triggers with the new weights.
            await db.Adoptions.Where(a => a.InfoItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PointsHundredths, a => a.PointsHundredths), ct);
            await db.Instructions.Where(a => a.InfoItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PointsHundredths, a => a.PointsHundredths), ct);
            w.Publish(new ChangeEvent(ChangeKind.PointsChanged, item.Id, item.UnitId));
        }, ct);
    }
}
