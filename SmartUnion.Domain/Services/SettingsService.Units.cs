using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>A unit in tree order (depth-first, children by sort order) with what hangs on it.</summary>
public sealed record UnitNode(
    int Id, string Name, string ShortName, int? ParentId, string Path, int Level, int SortOrder, bool IsActive,
    int ItemCount, int UserCount);

/// <summary>What the unit form submits.</summary>
public sealed record UnitInput(string? Name, string? ShortName, int SortOrder);

public partial class SettingsService
{
    public const int UnitNameMaxLength = 100;
    public const int UnitShortNameMaxLength = 50;

    /// <summary>Every unit, active or not, in tree order.</summary>
    public async Task<IReadOnlyList<UnitNode>> GetUnitsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitNode(u.Id, u.Name, u.ShortName, u.ParentId, u.Path, u.Level, u.SortOrder, u.IsActive,
                db.Items.Count(i => i.UnitId == u.Id), db.Users.Count(x => x.UnitId == u.Id)))
            .ToListAsync(ct);
        var children = units.ToLookup(u => u.ParentId);
        var ordered = new List<UnitNode>(units.Count);
        void Walk(int? parentId)
        {
            foreach (var u in children[parentId].OrderBy(u => u.SortOrder).ThenBy(u => u.Id))
            {
                ordered.Add(u);
                Walk(u.Id);
            }
        }
        Walk(null);
        return ordered;
    }

    /// <summary>Adds a unit under an active parent; returns its id.</summary>
    public async Task<int> AddUnitAsync(Caller caller, int parentId, UnitInput input, CancellationToken ct = default)
    {
        var id = 0;
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, shortName) = ValidateUnit(input);
            var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct) ?? throw new NotFoundException("上级单位不存在");
            if (!parent.IsActive) throw new DomainException("上级单位已停用，不能在其下新增单位");
            await EnsureUniqueUnitAsync(db, null, name, shortName, ct);
            var unit = new Unit
            {
                Name = name, ShortName = shortName, ParentId = parent.Id, Level = parent.Level + 1, SortOrder = input.SortOrder,
                CreatedAt = w.Now,
            };
            db.Units.Add(unit);
            await w.SaveAsync(ct);
            unit.Path = $"{parent.Path}{unit.Id}/";
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unit.Id, $"新增单位 {name}（{shortName}），上级 {parent.ShortName}");
            id = unit.Id;
            return true;
        }, ct);
        return id;
    }

    /// <summary>Renames a unit and sets its sort order.</summary>
    public async Task UpdateUnitAsync(Caller caller, int unitId, UnitInput input, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, shortName) = ValidateUnit(input);
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            await EnsureUniqueUnitAsync(db, unitId, name, shortName, ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId,
                $"修改单位 {unit.Name}（{unit.ShortName}，排序{unit.SortOrder}）为 {name}（{shortName}，排序{input.SortOrder}）");
            unit.Name = name;
            unit.ShortName = shortName;
            unit.SortOrder = input.SortOrder;
            return true;
        }, ct);
    }

    /// <summary>Moves a unit (with its whole subtree) under another parent; refuses a move under itself or a descendant.</summary>
    public async Task MoveUnitAsync(Caller caller, int unitId, int newParentId, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == newParentId, ct) ?? throw new NotFoundException("上级单位不存在");
            if (unit.ParentId is null) throw new DomainException("顶级单位不能移动");
            if (parent.IsInSubtreeOf(unit.Path)) throw new DomainException("不能把单位移动到它自己或它的下级单位之下");
            if (!parent.IsActive) throw new DomainException("上级单位已停用");
            if (unit.ParentId == parent.Id) return false;

            var oldPath = unit.Path;
            var newPath = $"{parent.Path}{unit.Id}/";
            var levelShift = parent.Level + 1 - unit.Level;
            var subtree = await db.Units.Subtree(oldPath).ToListAsync(ct);
            foreach (var u in subtree)
            {
                u.Path = newPath + u.Path[oldPath.Length..];
                u.Level += levelShift;
            }
            unit.ParentId = parent.Id;
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId,
                $"移动单位 {unit.ShortName} 到 {parent.ShortName} 之下（{subtree.Count} 个单位）");
            return true;
        }, ct);
    }

    /// <summary>
    /// 停用/启用 a unit. A unit with active sub-units cannot be deactivated; its history keeps counting. Its users cannot
    /// sign in while it is disabled, and their open sessions end.
    /// </summary>
    public async Task SetUnitActiveAsync(Caller caller, int unitId, bool active, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            if (unit.IsActive == active) return false;
            if (!active)
            {
                if (unit.ParentId is null) throw new DomainException("顶级单位不能停用");
                if (unit.Id == caller.UnitId) throw new DomainException("不能停用自己所在的单位");
                if (await db.Units.AnyAsync(u => u.ParentId == unitId && u.IsActive, ct))
                    throw new DomainException("请先停用其下级单位");
            }
            else if (await db.Units.AnyAsync(u => u.Id == unit.ParentId && !u.IsActive, ct))
            {
                throw new DomainException("上级单位已停用，请先启用上级单位");
            }
            unit.IsActive = active;
            if (!active)
            {
                // Every session of the unit's users ends at once: a new security stamp makes their cookies and circuits
                // worthless (and stays new when the unit is enabled again, so old cookies never come back to life).
                foreach (var user in await db.Users.Where(u => u.UnitId == unitId).ToListAsync(ct))
                {
                    user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                    user.ConcurrencyStamp = Guid.NewGuid().ToString();
                }
            }
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId, $"{(active ? "启用" : "停用")}单位 {unit.ShortName}");
            return true;
        }, ct);
    }

    /// <summary>Deletes a unit that was created by mistake: refused once it has sub-units, users, items or points (then only 停用).</summary>
    public async Task DeleteUnitAsync(Caller caller, int unitId, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            if (unit.ParentId is null) throw new DomainException("顶级单位不能删除");
            if (await db.Units.AnyAsync(u => u.ParentId == unitId, ct))
                throw new DomainException("该单位有下级单位，不能删除");
            if (await db.Users.AnyAsync(u => u.UnitId == unitId, ct) || await db.Items.AnyAsync(i => i.UnitId == unitId, ct)
                || await db.Adoptions.AnyAsync(a => a.UnitId == unitId, ct) || await db.Deductions.AnyAsync(d => d.UnitId == unitId, ct))
                throw new DomainException("该单位已有用户、公文或积分记录，不能删除，只能停用");
            db.Units.Remove(unit);
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId, $"删除单位 {unit.Name}（{unit.ShortName}）");
            return true;
        }, ct);
    }

    private static (string Name, string ShortName) ValidateUnit(UnitInput input) =>
        (Required(input.Name, "单位名称", UnitNameMaxLength), Required(input.ShortName, "单位简称", UnitShortNameMaxLength));

    private static async Task EnsureUniqueUnitAsync(AppDbContext db, int? exceptId, string name, string shortName, CancellationToken ct)
    {
        if (await db.Units.AnyAsync(u => u.Id != exceptId && u.Name == name, ct))
            throw new DomainException($"单位名称“{name}”已存在");
        if (await db.Units.AnyAsync(u => u.Id != exceptId && u.ShortName == shortName, ct))
            throw new DomainException($"单位简称“{shortName}”已存在");
    }
}
