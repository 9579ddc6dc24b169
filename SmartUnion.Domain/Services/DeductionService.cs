using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>Filters of the 扣分管理 list; null means "any".</summary>
public sealed record DeductionFilter(int? UnitId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One line of the 扣分管理 list.</summary>
public sealed record DeductionRow(
    int Id, int UnitId, string UnitName, Points Points, string Reason, DateOnly Date,
    string CreatedById, string CreatedByName, DateTime CreatedAt, DateTime UpdatedAt, DeductionKind Kind = DeductionKind.Deduction);

/// <summary>What the 扣分 dialog submits; nullable so that missing values get a clear message.</summary>
public sealed record DeductionInput(int? UnitId, int? Points, string? Reason, DateOnly? Date);

/// <summary>A deduction to delete and the 更新时间 the list read (null: no check for a change in between).</summary>
public sealed record DeductionVersion(int Id, DateTime? UpdatedAt);

/// <summary>A unit the caller may pick (filter or 扣分单位).</summary>
public sealed record UnitOption(int Id, string Name, int Level, bool IsActive);

/// <summary>
/// 扣分管理: reviewers and admins record, change and delete the deductions of their unit's subtree;
/// reporters read their own unit's deductions.
/// </summary>
public class DeductionService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write, TimeProvider clock, ILogger<DeductionService> logger)
{
    /// <summary>The most deductions one 删除 may remove (the list shows at most 100 a page).</summary>
    public const int MaxBatch = 500;


    /// <summary>
    /// The 扣分日期 a new or changed date may take, seen from <paramref name="today"/> (China): from 1 January of the
    /// previous year to the last day of next month. A mistyped year (2099, 2062, 2016) falls outside and is refused
    /// instead of vanishing from every ranking; last year's corrections and a date at next month's end still fit.
    /// </summary>
    public static (DateOnly From, DateOnly To) DateWindow(DateOnly today)
    {
        var nextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        return (new DateOnly(today.Year - 1, 1, 1), nextMonth.AddMonths(1).AddDays(-1));
    }

    /// <summary>Whether the caller may record, change and delete deductions (the buttons follow this).</summary>
    public static bool CanManage(Caller caller) => DeductionScope.CanManage(caller);

    /// <summary>The deductions the caller may see, newest first, filtered by unit and date range.</summary>
    public async Task<IReadOnlyList<DeductionRow>> ListAsync(Caller caller, DeductionFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesSubtree && !caller.IsReporter) throw new ForbiddenException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible(db, caller);
        if (filter.UnitId is { } unitId) query = query.Where(d => d.UnitId == unitId);
        if (filter.From is { } from) query = query.Where(d => d.Date >= from);
        if (filter.To is { } to) query = query.Where(d => d.Date <= to);
        return await Project(db, query.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)).ToListAsync(ct);
    }

    /// <summary>One deduction the caller may see.</summary>
    public async Task<DeductionRow> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, Visible(db, caller).Where(d => d.Id == id)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
    }

    /// <summary>Units for the filter (all visible ones) or, with <paramref name="forEditing"/>, the active units a deduction may be recorded for.</summary>
    public async Task<IReadOnlyList<UnitOption>> UnitsAsync(Caller caller, bool forEditing = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (forEditing && !CanManage(caller)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Units.VisibleTo(caller);
        if (forEditing) query = query.Where(u => u.IsActive);
        return await query.AsNoTracking()
            .OrderBy(u => u.Level).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new UnitOption(u.Id, u.ShortName, u.Level, u.IsActive))
            .ToListAsync(ct);
    }

    /// <summary>新增: records a deduction for a unit of the caller's subtree; returns its id.</summary>
    public async Task<int> CreateAsync(Caller caller, DeductionInput input, CancellationToken ct = default)
    {
        RequireManager(caller);
        var (unitId, points, reason, date) = Validate(input);
        return await write.RunAsync(caller, async w =>
        {
            var unit = await UnitInScopeAsync(w.Db, caller, unitId, ct);
            if (!unit.IsActive) throw new DomainException("该单位已停用，不能扣分");
            var deduction = new Deduction { UnitId = unitId, Points = points, Reason = reason, Date = date, CreatedById = caller.UserId };
            w.Db.Deductions.Add(deduction);
            await w.SaveAsync(ct);
            w.Audit(AuditActions.DeductionCreate, AuditEntityTypes.Deduction, deduction.Id, Describe(unit.ShortName, points, date, reason));
            var id = deduction.Id;
            w.AfterCommit(() => DomainLog.DeductionChanged(logger, AuditActions.DeductionCreate, caller.UserId, caller.UserName, id, unitId, points, date));
            w.Publish(new ChangeEvent(ChangeKind.DeductionChanged, UnitId: unitId));
            return id;
        }, ct);
    }

    /// <summary>
    /// 修改: changes unit, points, reason or date of a deduction in the caller's subtree. With
    /// <paramref name="expectedUpdatedAt"/> (the value the dialog read), a change saved by someone else
    /// in between is refused instead of silently overwritten.
    /// </summary>
    public async Task UpdateAsync(Caller caller, int id, DeductionInput input, DateTime? expectedUpdatedAt = null, CancellationToken ct = default)
    {
        RequireManager(caller);
        Validate(input, input.Date); // field rules first; the date window once the stored date is known
        await write.RunAsync(caller, async w =>
        {
            var db = w.Db;
            var deduction = await FindInScopeAsync(db, caller, id, ct);
            if (expectedUpdatedAt is not null && expectedUpdatedAt.Value != deduction.UpdatedAt)
                throw new ConcurrencyException();
            var (unitId, points, reason, date) = Validate(input, deduction.Date);
            var oldUnitName = await db.Units.Where(u => u.Id == deduction.UnitId).Select(u => u.ShortName).SingleAsync(ct);
            var before = Describe(oldUnitName, deduction.Points, deduction.Date, deduction.Reason);
            var newUnitName = oldUnitName;
            if (unitId != deduction.UnitId)
            {
                var unit = await UnitInScopeAsync(db, caller, unitId, ct);
                if (!unit.IsActive) throw new DomainException("该单位已停用，不能扣分");
                newUnitName = unit.ShortName;
            }
            deduction.UnitId = unitId;
            deduction.Points = points;
            deduction.Reason = reason;
            deduction.Date = date;
            w.Touch(deduction); // a save of unchanged values still moves UpdatedAt, as before
            w.Audit(AuditActions.DeductionUpdate, AuditEntityTypes.Deduction, id,
                $"修改前 {before}；修改后 {Describe(newUnitName, points, date, reason)}");
            w.AfterCommit(() => DomainLog.DeductionChanged(logger, AuditActions.DeductionUpdate, caller.UserId, caller.UserName, id, unitId, points, date));
            w.Publish(new ChangeEvent(ChangeKind.DeductionChanged, UnitId: unitId));
        }, ct);
    }

    /// <summary>删除: removes one deduction in the caller's subtree (see the batch overload).</summary>
    public Task DeleteAsync(Caller caller, int id, CancellationToken ct = default) =>
        DeleteAsync(caller, [new DeductionVersion(id, null)], ct);

    /// <summary>
    /// 删除 + 确定: removes the ticked deductions in one transaction — all or none. Refused, and nothing deleted, when
    /// one of them is missing or outside the caller's subtree (<see cref="NotFoundException"/>) or was changed since
    /// the list read it (its <see cref="DeductionVersion.UpdatedAt"/> differs: <see cref="ConcurrencyException"/>).
    /// One audit line per deduction, one change event for the whole batch after the commit.
    /// </summary>
    public async Task DeleteAsync(Caller caller, IReadOnlyCollection<DeductionVersion> deductions, CancellationToken ct = default)
    {
        RequireManager(caller);
        ArgumentNullException.ThrowIfNull(deductions);
        var wanted = deductions.GroupBy(d => d.Id).Select(g => g.First()).ToList();
        if (wanted.Count == 0) throw new DomainException("请勾选需要删除的扣分记录");
        if (wanted.Count > MaxBatch) throw new DomainException($"一次最多删除{MaxBatch}条扣分记录");
        var ids = wanted.Select(d => d.Id).ToList();
        await write.RunAsync(caller, async w =>
        {
            var found = await w.Db.Deductions.Include(d => d.Unit)
                .Where(d => ids.Contains(d.Id)).Where(DeductionScope.Manageable(caller))
                .ToDictionaryAsync(d => d.Id, ct);
            if (found.Count != ids.Count)
                throw ids.Count == 1 ? new NotFoundException() : new NotFoundException("所选扣分记录中有不存在或不在管辖范围内的记录，未删除任何记录，请刷新后重试");
            if (wanted.Any(v => v.UpdatedAt is { } seen && found[v.Id].UpdatedAt != seen))
                throw ids.Count == 1 ? new ConcurrencyException() : new ConcurrencyException("所选扣分记录中有已被他人修改的记录，未删除任何记录，请刷新后重试");
            foreach (var deduction in found.Values.OrderBy(d => d.Id))
            {
                w.Db.Deductions.Remove(deduction);
                w.Audit(AuditActions.DeductionDelete, AuditEntityTypes.Deduction, deduction.Id,
                    Describe(deduction.Unit!.ShortName, deduction.Points, deduction.Date, deduction.Reason));
            }
            var removed = found.Values.OrderBy(d => d.Id).Select(d => (d.Id, d.UnitId, d.Points, d.Date)).ToList();
            w.AfterCommit(() =>
            {
                foreach (var d in removed)
                    DomainLog.DeductionChanged(logger, AuditActions.DeductionDelete, caller.UserId, caller.UserName, d.Id, d.UnitId, d.Points.Value, d.Date);
            });
            var units = removed.Select(d => d.UnitId).Distinct().ToList();
            w.Publish(new ChangeEvent(ChangeKind.DeductionChanged, UnitId: units.Count == 1 ? units[0] : null));
        }, ct);
    }

    // The field rules, shared with the dialog so that it shows the same messages before saving.

    public static string? UnitError(int? unitId) => unitId is null or <= 0 ? "请选择扣分单位" : null;

    public static string? PointsError(int? points) => points switch
    {
        null => "请填写扣分分值",
        0 => "扣分分值必须大于0",
        < 0 => "扣分分值不能为负数",
        > Deduction.MaxPoints => $"扣分分值不能超过{Deduction.MaxPoints}分",
        _ => null,
    };

    public static string? ReasonError(string? reason)
    {
        var trimmed = (reason ?? "").Trim();
        if (trimmed.Length == 0) return "请填写扣分原因";
        return trimmed.Length > Deduction.ReasonMaxLength
            ? $"扣分原因不能超过{Deduction.ReasonMaxLength}个字"
            : TextRules.UnsafeCharacterError(trimmed, "扣分原因", multiline: true);
    }

    /// <summary>
    /// The date rule: required, and within <see cref="DateWindow"/> of <paramref name="today"/>; a deduction's
    /// <paramref name="unchanged"/> date (修改 of an old record) stays allowed.
    /// </summary>
    public static string? DateError(DateOnly? date, DateOnly today, DateOnly? unchanged = null)
    {
        if (date is null) return "请选择扣分日期";
        if (!DateRules.IsInRange(date.Value)) return DateRules.OutOfRangeMessage("扣分日期");
        if (date == unchanged) return null;
        var (from, to) = DateWindow(today);
        if (date > to) return $"扣分日期不能晚于{to:yyyy-MM-dd}（下月月底），请检查年份";
        if (date < from) return $"扣分日期不能早于{from:yyyy-MM-dd}（上一年年初），请检查年份";
        return null;
    }

    private (int UnitId, int Points, string Reason, DateOnly Date) Validate(DeductionInput input, DateOnly? unchangedDate = null)
    {
        var error = UnitError(input.UnitId) ?? PointsError(input.Points) ?? ReasonError(input.Reason)
            ?? DateError(input.Date, ChinaTime.Today(clock), unchangedDate);
        if (error is not null) throw new DomainException(error);
        return (input.UnitId!.Value, input.Points!.Value, input.Reason!.Trim(), input.Date!.Value);
    }

    private static string Describe(string unitName, Points points, DateOnly date, string reason) =>
        $"{unitName} 扣{points}分，日期 {date:yyyy-MM-dd}，原因：{reason}";

    private static void RequireManager(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanManage(caller)) throw new ForbiddenException("只有审核员或管理员可以管理扣分");
    }

    private static IQueryable<Deduction> Visible(AppDbContext db, Caller caller) =>
        db.Deductions.AsNoTracking().Where(DeductionScope.Visible(caller));

    private static IQueryable<DeductionRow> Project(AppDbContext db, IQueryable<Deduction> query) =>
        from d in query
        join u in db.Users on d.CreatedById equals u.Id into creators
        from u in creators.DefaultIfEmpty()
        select new DeductionRow(d.Id, d.UnitId, d.Unit!.ShortName, new Points(d.PointsHundredths), d.Reason, d.Date,
            d.CreatedById, u == null ? "" : u.DisplayName, d.CreatedAt, d.UpdatedAt, d.Kind);

    private static async Task<Unit> UnitInScopeAsync(AppDbContext db, Caller caller, int unitId, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !DeductionScope.CanManageUnit(caller, unit.Path)) throw new NotFoundException("扣分单位不存在或不在管辖范围内");
        return unit;
    }

    private static async Task<Deduction> FindInScopeAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        return await db.Deductions.Where(d => d.Id == id).Where(DeductionScope.Manageable(caller)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
    }
}
