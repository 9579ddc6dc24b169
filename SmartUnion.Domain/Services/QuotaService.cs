using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>A 单位分组 with its units and its quota versions (oldest first).</summary>
public sealed record UnitGroupRow(int Id, string Name, int SortOrder, IReadOnlyList<string> UnitNames, IReadOnlyList<QuotaVersionRow> Versions)
{
    /// <summary>The version in force in <paramref name="month"/> (null: no quota).</summary>
    public int? QuotaIn(DateOnly month) => QuotaRules.InForce(Versions, month);
}

/// <summary>One dated quota version: from <see cref="From"/> (first day of the month) on, <see cref="Quota"/> (null: none / the group's).</summary>
public sealed record QuotaVersionRow(DateOnly From, int? Quota);

/// <summary>A unit's 单位分组 and its own 任务数 versions, for the unit dialog.</summary>
public sealed record UnitQuotaInfo(int UnitId, int? GroupId, IReadOnlyList<QuotaVersionRow> Overrides);

/// <summary>One version of the rule set as the 考核规则 form shows and submits it.</summary>
public sealed record QuotaRuleSetRow(DateOnly From, int PointsPerMissingItem, int MonthlyBasePoints, int PointsPerUnansweredCommission);

/// <summary>What the 考核规则 form submits (nullable so that a blank field gets a clear message).</summary>
public sealed record QuotaRuleSetInput(int? Year, int? Month, int? PointsPerMissingItem, int? MonthlyBasePoints, int? PointsPerUnansweredCommission);

/// <summary>The dated-version rules shared by the admin service and the month's 任务完成情况.</summary>
public static class QuotaRules
{
    /// <summary>The value of the latest version starting on or before <paramref name="month"/>; null when none (or it ends the quota).</summary>
    public static int? InForce(IEnumerable<QuotaVersionRow> versions, DateOnly month) =>
        versions.Where(v => v.From <= month).OrderByDescending(v => v.From).FirstOrDefault()?.Quota;

    /// <summary>Whether the unit's own versions say anything for <paramref name="month"/> (a version with a value in force).</summary>
    public static int? QuotaOf(IEnumerable<QuotaVersionRow> unitOverrides, IEnumerable<QuotaVersionRow> groupVersions, DateOnly month) =>
        InForce(unitOverrides, month) ?? InForce(groupVersions, month);

    public static string? QuotaError(int? quota) => quota switch
    {
        null => "请填写月度报送任务数",
        < QuotaVersion.MinQuota or > QuotaVersion.MaxQuota => $"月度报送任务数必须在{QuotaVersion.MinQuota}至{QuotaVersion.MaxQuota}篇之间（填写的是{quota}）",
        _ => null,
    };

    public static string? PointsError(int? points, string label) => points switch
    {
        null => $"请填写{label}",
        < 0 => $"{label}不能为负数",
        > QuotaRuleSet.MaxPoints => $"{label}不能超过{QuotaRuleSet.MaxPoints}分",
        _ => null,
    };

    /// <summary>
    /// The month a new version may start in, seen from <paramref name="today"/> (China): the previous month (still being
    /// reviewed at the start of a month) or later, up to the end of next year. Earlier months are over and are never rewritten.
    /// </summary>
    public static string? StartMonthError(int? year, int? month, DateOnly today)
    {
        if (year is null || month is null) return "请选择生效月份";
        if (month is < 1 or > 12 || !DateRules.IsInRange(new DateOnly(Math.Clamp(year.Value, 1, 9999), 1, 1))) return "生效月份不正确";
        var first = new DateOnly(year.Value, month.Value, 1);
        var earliest = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        if (first < earliest) return $"生效月份不能早于{earliest.Year}年{earliest.Month}月：更早的月份已经结束，不能改写";
        if (first.Year > today.Year + 1) return $"生效月份不能晚于{today.Year + 1}年12月";
        return null;
    }

    public static string MonthText(DateOnly month) => $"{month.Year}年{month.Month}月";
}

/// <summary>
/// 单位分组, 月度报送任务数 (per group, overridable per unit, dated) and the 考核规则 — admins only (系统设置), audited.
/// A change is a new version from a month on: months before it keep their quota.
/// </summary>
public class QuotaService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write, TimeProvider clock)
{
    /// <summary>Every group with its units and quota versions, in sort order.</summary>
    public async Task<IReadOnlyList<UnitGroupRow>> GetGroupsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await db.UnitGroups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.GroupId != null)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.GroupId, u.ShortName }).ToListAsync(ct);
        var versions = await db.QuotaVersions.AsNoTracking().Where(v => v.GroupId != null)
            .OrderBy(v => v.EffectiveFrom).Select(v => new { v.GroupId, v.EffectiveFrom, v.Quota }).ToListAsync(ct);
        return groups.Select(g => new UnitGroupRow(g.Id, g.Name, g.SortOrder,
                units.Where(u => u.GroupId == g.Id).Select(u => u.ShortName).ToList(),
                versions.Where(v => v.GroupId == g.Id).Select(v => new QuotaVersionRow(v.EffectiveFrom, v.Quota)).ToList()))
            .ToList();
    }

    /// <summary>新增分组; returns its id. A blank or duplicate name is refused.</summary>
    public Task<int> AddGroupAsync(Caller caller, string? name, int sortOrder, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var trimmed = GroupName(name);
        return write.RunAsync(caller, async w =>
        {
            await EnsureUniqueGroupAsync(w.Db, null, trimmed, ct);
            var group = new UnitGroup { Name = trimmed, SortOrder = sortOrder };
            w.Db.UnitGroups.Add(group);
            await w.SaveAsync(ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.UnitGroup, group.Id, $"新增单位分组 {trimmed}");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
            return group.Id;
        }, ct);
    }

    /// <summary>Renames a group and sets its sort order.</summary>
    public Task UpdateGroupAsync(Caller caller, int groupId, string? name, int sortOrder, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var trimmed = GroupName(name);
        return write.RunAsync(caller, async w =>
        {
            var group = await w.Db.UnitGroups.FirstOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException("单位分组不存在");
            await EnsureUniqueGroupAsync(w.Db, groupId, trimmed, ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.UnitGroup, groupId, $"修改单位分组 {group.Name} 为 {trimmed}（排序{sortOrder}）");
            group.Name = trimmed;
            group.SortOrder = sortOrder;
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    /// <summary>Deletes a group that no unit belongs to (with its quota versions).</summary>
    public Task DeleteGroupAsync(Caller caller, int groupId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return write.RunAsync(caller, async w =>
        {
            var group = await w.Db.UnitGroups.FirstOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException("单位分组不存在");
            if (await w.Db.Units.AnyAsync(u => u.GroupId == groupId, ct)) throw new DomainException("该分组下还有单位，请先把单位移出该分组");
            w.Db.UnitGroups.Remove(group);
            w.Audit(AuditActions.Settings, AuditEntityTypes.UnitGroup, groupId, $"删除单位分组 {group.Name}");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    /// <summary>设置任务数: the group's quota from a month on (a new version; the same month again changes that version).</summary>
    public Task SetGroupQuotaAsync(Caller caller, int groupId, int? year, int? month, int? quota, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var from = ValidateVersion(year, month, quota, required: true);
        return write.RunAsync(caller, async w =>
        {
            var group = await w.Db.UnitGroups.FirstOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new NotFoundException("单位分组不存在");
            var version = await w.Db.QuotaVersions.FirstOrDefaultAsync(v => v.GroupId == groupId && v.EffectiveFrom == from, ct);
            if (version is null) w.Db.QuotaVersions.Add(version = new QuotaVersion { GroupId = groupId, EffectiveFrom = from });
            version.Quota = quota;
            version.CreatedById = caller.UserId;
            version.CreatedAt = w.Now;
            w.Audit(AuditActions.Settings, AuditEntityTypes.UnitGroup, groupId, $"单位分组 {group.Name} 自{QuotaRules.MonthText(from)}起月度报送任务数 {quota}篇");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    /// <summary>A unit's group and own quota versions.</summary>
    public async Task<UnitQuotaInfo> GetUnitQuotaAsync(Caller caller, int unitId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groupId = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.GroupId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("单位不存在");
        var overrides = await db.QuotaVersions.AsNoTracking().Where(v => v.UnitId == unitId).OrderBy(v => v.EffectiveFrom)
            .Select(v => new QuotaVersionRow(v.EffectiveFrom, v.Quota)).ToListAsync(ct);
        return new UnitQuotaInfo(unitId, groupId.GroupId, overrides);
    }

    /// <summary>Puts a unit into a group (or none, with null).</summary>
    public Task SetUnitGroupAsync(Caller caller, int unitId, int? groupId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return write.RunAsync(caller, async w =>
        {
            var unit = await w.Db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            if (unit.GroupId == groupId) { w.Discard(); return; }
            var name = "无";
            if (groupId is { } id)
                name = await w.Db.UnitGroups.Where(g => g.Id == id).Select(g => g.Name).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("单位分组不存在");
            unit.GroupId = groupId;
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId, $"单位 {unit.ShortName} 的单位分组改为 {name}");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    /// <summary>
    /// The unit's own 任务数 from a month on; <paramref name="quota"/> null means "按分组" from that month (the override ends).
    /// </summary>
    public Task SetUnitQuotaAsync(Caller caller, int unitId, int? year, int? month, int? quota, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var from = ValidateVersion(year, month, quota, required: false);
        return write.RunAsync(caller, async w =>
        {
            var unit = await w.Db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位不存在");
            var version = await w.Db.QuotaVersions.FirstOrDefaultAsync(v => v.UnitId == unitId && v.EffectiveFrom == from, ct);
            if (version is null) w.Db.QuotaVersions.Add(version = new QuotaVersion { UnitId = unitId, EffectiveFrom = from });
            version.Quota = quota;
            version.CreatedById = caller.UserId;
            version.CreatedAt = w.Now;
            w.Audit(AuditActions.Settings, AuditEntityTypes.Unit, unitId,
                $"单位 {unit.ShortName} 自{QuotaRules.MonthText(from)}起月度报送任务数 {(quota is null ? "按分组" : $"{quota}篇")}");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    /// <summary>The rule set's versions, oldest first.</summary>
    public async Task<IReadOnlyList<QuotaRuleSetRow>> GetRuleSetsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QuotaRuleSets.AsNoTracking().OrderBy(r => r.EffectiveFrom)
            .Select(r => new QuotaRuleSetRow(r.EffectiveFrom, r.PointsPerMissingItem, r.MonthlyBasePoints, r.PointsPerUnansweredCommission))
            .ToListAsync(ct);
    }

    /// <summary>保存考核规则: a version of the rule set from a month on (the same month again changes that version).</summary>
    public Task SetRuleSetAsync(Caller caller, QuotaRuleSetInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        ArgumentNullException.ThrowIfNull(input);
        var error = QuotaRules.StartMonthError(input.Year, input.Month, ChinaTime.Today(clock))
            ?? QuotaRules.PointsError(input.PointsPerMissingItem, "每缺报一篇扣分")
            ?? QuotaRules.PointsError(input.MonthlyBasePoints, "完成任务基础分")
            ?? QuotaRules.PointsError(input.PointsPerUnansweredCommission, "每个未回应约稿扣分");
        if (error is not null) throw new DomainException(error);
        var from = new DateOnly(input.Year!.Value, input.Month!.Value, 1);
        return write.RunAsync(caller, async w =>
        {
            var rules = await w.Db.QuotaRuleSets.FirstOrDefaultAsync(r => r.EffectiveFrom == from, ct);
            if (rules is null) w.Db.QuotaRuleSets.Add(rules = new QuotaRuleSet { EffectiveFrom = from });
            rules.PointsPerMissingItem = input.PointsPerMissingItem!.Value;
            rules.MonthlyBasePoints = input.MonthlyBasePoints!.Value;
            rules.PointsPerUnansweredCommission = input.PointsPerUnansweredCommission!.Value;
            rules.CreatedById = caller.UserId;
            rules.CreatedAt = w.Now;
            await w.SaveAsync(ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.QuotaRuleSet, rules.Id,
                $"自{QuotaRules.MonthText(from)}起考核规则：每缺报一篇扣{rules.PointsPerMissingItem}分，完成任务基础分每月{rules.MonthlyBasePoints}分，每个未回应约稿扣{rules.PointsPerUnansweredCommission}分");
            w.Publish(new ChangeEvent(ChangeKind.SettingsChanged));
        }, ct);
    }

    private DateOnly ValidateVersion(int? year, int? month, int? quota, bool required)
    {
        var error = QuotaRules.StartMonthError(year, month, ChinaTime.Today(clock)) ?? (required || quota is not null ? QuotaRules.QuotaError(quota) : null);
        if (error is not null) throw new DomainException(error);
        return new DateOnly(year!.Value, month!.Value, 1);
    }

    private static string GroupName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException("请填写分组名称");
        if (trimmed.Length > UnitGroup.NameMaxLength) throw new DomainException($"分组名称不能超过{UnitGroup.NameMaxLength}个字");
        TextRules.EnsureSafe(trimmed, "分组名称");
        return trimmed;
    }

    private static async Task EnsureUniqueGroupAsync(AppDbContext db, int? exceptId, string name, CancellationToken ct)
    {
        if (await db.UnitGroups.AnyAsync(g => g.Id != exceptId && g.Name == name, ct))
            throw new DomainException($"分组名称“{name}”已存在");
    }

    private static void RequireAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin) throw new ForbiddenException("只有管理员可以修改系统设置");
    }
}
