using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// 约稿 and 催报 (issue 16): a reviewer commissions items on a topic from units of its subtree with a deadline (the end of
/// a China day); the target units' reporters answer with an item (<see cref="InfoItem.CommissionId"/>; an answer counts
/// once the item is reported, late when reported after the deadline); 催报 reminds the units without an answer; 关闭 fixes
/// each target's status (未回应 for those without one). Every method checks the caller against <see cref="CommissionScope"/> first.
/// </summary>
public class CommissionService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write, TimeProvider clock)
{
    /// <summary>The most 约稿 the list shows (newest deadline first).</summary>
    public const int ListSize = 200;

    /// <summary>Whether the caller may create 约稿 (the buttons follow this).</summary>
    public static bool CanManage(Caller caller) => CommissionScope.CanManage(caller);

    /// <summary>The 约稿 the caller sees, open ones first, then by deadline (newest first).</summary>
    public async Task<IReadOnlyList<CommissionRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesSubtree && !caller.IsReporter) throw new ForbiddenException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Commissions.AsNoTracking().Where(CommissionScope.Visible(caller))
            .OrderBy(c => c.ClosedAt != null).ThenByDescending(c => c.DueDate).ThenByDescending(c => c.Id)
            .Take(ListSize)
            .Select(c => new { c.Id, c.Topic, c.DueDate, c.DueAt, c.Points, c.ClosedAt, Targets = c.Targets.Select(t => new { t.UnitId, t.Status }).ToList() })
            .ToListAsync(ct);
        var firsts = await FirstAnswersAsync(db, rows.Select(r => r.Id).ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.Select(r =>
        {
            var states = r.Targets.ToDictionary(t => t.UnitId, t => StateOf(t.Status, r.ClosedAt is not null, firsts.TryGetValue((r.Id, t.UnitId), out var first) ? first : null, r.DueAt, now));
            CommissionUnitState? own = states.TryGetValue(caller.UnitId, out var s) && caller.IsReporter ? s : null;
            return new CommissionRow(r.Id, r.Topic, r.DueDate, r.DueAt, r.Points, r.ClosedAt is not null, states.Count,
                states.Values.Count(v => v == CommissionUnitState.Answered), states.Values.Count(v => v == CommissionUnitState.Late),
                states.Values.Count(v => !v.IsAnswered()), own);
        }).ToList();
    }

    /// <summary>One 约稿 with its targets (a reporter: its own unit only), their answers and the 催报 records.</summary>
    public async Task<CommissionDetail> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Commissions.AsNoTracking().Where(x => x.Id == id).Where(CommissionScope.Visible(caller))
            .Select(x => new
            {
                x.Id, x.Topic, x.Requirements, x.DueDate, x.DueAt, x.Points, UnitName = x.Unit!.ShortName, x.CreatedById, x.CreatedAt, x.ClosedAt, x.Version,
                Targets = x.Targets.OrderBy(t => t.Unit!.Level).ThenBy(t => t.Unit!.SortOrder).ThenBy(t => t.UnitId)
                    .Select(t => new { t.UnitId, t.Unit!.ShortName, t.Status }).ToList(),
                Reminders = x.Reminders.OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id).Select(r => new { r.SentAt, r.SentById, r.UnitIds }).ToList(),
            })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("未找到该约稿或无权访问");
        var manages = await db.Commissions.Where(x => x.Id == id).Where(CommissionScope.Manageable(caller)).AnyAsync(ct);
        var targets = manages || caller.SeesSubtree ? c.Targets : c.Targets.Where(t => t.UnitId == caller.UnitId).ToList();
        var unitIds = targets.Select(t => t.UnitId).ToList();
        var answers = await db.Items.AsNoTracking()
            .Where(i => i.CommissionId == id && i.State != ItemState.Draft && unitIds.Contains(i.UnitId))
            .OrderBy(i => i.ReportedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.UnitId, ReportedAt = i.ReportedAt!.Value })
            .ToListAsync(ct);
        var userIds = c.Reminders.Select(r => r.SentById).Append(c.CreatedById).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var remindedIds = c.Reminders.SelectMany(r => r.UnitIds).Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => remindedIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.ShortName, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = c.ClosedAt is not null;
        var views = targets.Select(t =>
        {
            var own = answers.Where(a => a.UnitId == t.UnitId).Select(a => new CommissionAnswer(a.Id, a.Title, a.ReportedAt, Commission.IsLate(a.ReportedAt, c.DueAt))).ToList();
            DateTime? first = own.Count == 0 ? null : own[0].ReportedAt;
            return new CommissionTargetView(t.UnitId, t.ShortName, StateOf(t.Status, closed, first, c.DueAt, now), own);
        }).ToList();
        var reminders = manages || caller.SeesSubtree
            ? c.Reminders.Select(r => new CommissionReminderView(r.SentAt, users.GetValueOrDefault(r.SentById, ""),
                r.UnitIds.Select(u => unitNames.GetValueOrDefault(u, $"#{u}")).ToList())).ToList()
            : [];
        var canAnswer = !closed && caller.IsReporter && c.Targets.Any(t => t.UnitId == caller.UnitId);
        return new CommissionDetail(c.Id, c.Topic, c.Requirements, c.DueDate, c.DueAt, c.Points, c.UnitName,
            users.GetValueOrDefault(c.CreatedById, ""), c.CreatedAt, c.ClosedAt, c.Version, manages && !closed,
            manages && !closed && !await AnyAnswerAsync(db, id, ct), canAnswer, views, reminders);
    }

    /// <summary>The units a reviewer may ask for items (active, strictly below its own unit), depth-first in sort order, with their 单位分组.</summary>
    public async Task<IReadOnlyList<CommissionUnitChoice>> TargetChoicesAsync(Caller caller, CancellationToken ct = default)
    {
        RequireManager(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = caller.UnitId;
        var rows = await db.Units.AsNoTracking().Subtree(caller.UnitPath).Where(u => u.IsActive && u.Id != own)
            .Select(u => new { u.Id, u.ShortName, u.ParentId, u.SortOrder, u.Level, u.GroupId, GroupName = db.UnitGroups.Where(g => g.Id == u.GroupId).Select(g => g.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var byParent = rows.ToLookup(r => r.ParentId);
        var groupOf = rows.ToDictionary(r => r.Id, r => (r.GroupId, r.GroupName));
        var ids = rows.Select(r => r.Id).ToHashSet();
        var result = new List<CommissionUnitChoice>(rows.Count);
        foreach (var root in rows.Where(r => r.ParentId is not { } p || !ids.Contains(p)).OrderBy(r => r.Level).ThenBy(r => r.SortOrder).ThenBy(r => r.Id))
            Add(root.Id, root.ShortName, root.ParentId, 0);
        return result;

        void Add(int id, string name, int? parentId, int depth)
        {
            result.Add(new CommissionUnitChoice(id, name, depth, parentId, groupOf[id].GroupId, groupOf[id].GroupName));
            foreach (var child in byParent[id].OrderBy(c => c.SortOrder).ThenBy(c => c.Id)) Add(child.Id, child.ShortName, child.ParentId, depth + 1);
        }
    }

    /// <summary>The "select all children" helper: the unit and every unit below it among the choices.</summary>
    public static IReadOnlyList<int> WithDescendants(IReadOnlyList<CommissionUnitChoice> choices, int unitId)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var result = new List<int> { unitId };
        for (var i = 0; i < result.Count; i++)
            result.AddRange(choices.Where(c => c.ParentId == result[i]).Select(c => c.Id));
        return result;
    }

    /// <summary>新增约稿: saves it and tells every active 报送员 of each target unit (新约稿); returns its id.</summary>
    public async Task<int> CreateAsync(Caller caller, CommissionInput input, CancellationToken ct = default)
    {
        RequireManager(caller);
        var (topic, requirements, unitIds, dueDate, points) = Validate(input, null);
        return await write.RunAsync(caller, async w =>
        {
            var units = await TargetUnitsAsync(w.Db, caller, unitIds, ct);
            var commission = new Commission
            {
                Topic = topic, Requirements = requirements, Points = points, UnitId = caller.UnitId, CreatedById = caller.UserId,
                Targets = unitIds.Select(u => new CommissionTarget { UnitId = u }).ToList(),
            };
            commission.SetDueDate(dueDate);
            w.Db.Commissions.Add(commission);
            await w.SaveAsync(ct);
            w.Audit("新增约稿", AuditEntityTypes.Commission, commission.Id, Describe(commission, units.Values));
            await NotificationService.NotifyReportersOfUnitsAsync(w, unitIds, NotificationKind.NewCommission, commission.Id,
                $"新约稿《{topic}》，截止日期 {dueDate:yyyy-MM-dd}", ct);
            w.Publish(new ChangeEvent(ChangeKind.CommissionChanged));
            return commission.Id;
        }, ct);
    }

    /// <summary>修改: changes an open 约稿 that no unit has answered yet; newly added target units are told (新约稿).</summary>
    public async Task UpdateAsync(Caller caller, int id, int expectedVersion, CommissionInput input, CancellationToken ct = default)
    {
        RequireManager(caller);
        await write.RunAsync(caller, async w =>
        {
            var c = await FindManageableAsync(w.Db, caller, id, ct);
            if (c.Version != expectedVersion) throw new ConcurrencyException();
            c.EnsureOpen();
            if (await AnyAnswerAsync(w.Db, id, ct)) throw new DomainException("已有单位回应该约稿，不能修改");
            var (topic, requirements, unitIds, dueDate, points) = Validate(input, c.DueDate);
            var units = await TargetUnitsAsync(w.Db, caller, unitIds, ct);
            var added = unitIds.Except(c.Targets.Select(t => t.UnitId)).ToList();
            c.Targets.RemoveAll(t => !unitIds.Contains(t.UnitId));
            c.Targets.AddRange(added.Select(u => new CommissionTarget { UnitId = u }));
            c.Topic = topic;
            c.Requirements = requirements;
            c.Points = points;
            c.SetDueDate(dueDate);
            c.Touch();
            w.Audit("修改约稿", AuditEntityTypes.Commission, id, Describe(c, units.Values));
            await NotificationService.NotifyReportersOfUnitsAsync(w, added, NotificationKind.NewCommission, id,
                $"新约稿《{topic}》，截止日期 {dueDate:yyyy-MM-dd}", ct);
            w.Publish(new ChangeEvent(ChangeKind.CommissionChanged));
        }, ct);
    }

    /// <summary>
    /// 催报: reminds the reporters of the target units without an answer (NotificationKind.Reminder, live) and records who
    /// reminded which units when; returns the units' names. Refused when every unit answered or the 约稿 is closed.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemindAsync(Caller caller, int id, CancellationToken ct = default)
    {
        RequireManager(caller);
        return await write.RunAsync(caller, async w =>
        {
            var c = await FindManageableAsync(w.Db, caller, id, ct);
            c.EnsureOpen();
            var answered = await w.Db.Items.Where(i => i.CommissionId == id && i.State != ItemState.Draft).Select(i => i.UnitId).Distinct().ToListAsync(ct);
            var late = c.Targets.Select(t => t.UnitId).Except(answered).ToList();
            if (late.Count == 0) throw new DomainException("所有单位均已回应，无需催报");
            var names = await w.Db.Units.Where(u => late.Contains(u.Id)).OrderBy(u => u.Level).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
                .Select(u => u.ShortName).ToListAsync(ct);
            w.Db.CommissionReminders.Add(new CommissionReminder { CommissionId = id, SentById = caller.UserId, SentAt = w.Now, UnitIds = late });
            w.Audit("催报", AuditEntityTypes.Commission, id, $"约稿《{c.Topic}》催报：{string.Join("、", names)}");
            await NotificationService.NotifyReportersOfUnitsAsync(w, late, NotificationKind.Reminder, id,
                $"催报：请尽快回应约稿《{c.Topic}》（截止日期 {c.DueDate:yyyy-MM-dd}）", ct);
            w.Publish(new ChangeEvent(ChangeKind.CommissionChanged));
            return names;
        }, ct);
    }

    /// <summary>关闭: fixes every target's status — units without an answer become 未回应 for the month's rule; refused when closed already.</summary>
    public async Task CloseAsync(Caller caller, int id, CancellationToken ct = default)
    {
        RequireManager(caller);
        await write.RunAsync(caller, async w =>
        {
            var c = await FindManageableAsync(w.Db, caller, id, ct);
            c.EnsureOpen();
            var firsts = await FirstAnswersAsync(w.Db, [id], ct);
            c.Close(firsts.ToDictionary(f => f.Key.UnitId, f => f.Value), caller.UserId, w.Now);
            var unanswered = c.Targets.Count(t => t.Status == CommissionTargetStatus.Unanswered);
            w.Audit("关闭约稿", AuditEntityTypes.Commission, id, $"约稿《{c.Topic}》关闭，未回应单位{unanswered}个");
            w.Publish(new ChangeEvent(ChangeKind.CommissionChanged));
        }, ct);
    }

    /// <summary>
    /// For the month's rule: per unit of the caller's subtree, the number of 约稿 due in the China month
    /// <paramref name="year"/>-<paramref name="month"/> (截止日期 in it) that the unit did not answer — closed ones with the
    /// stored 未回应, open ones past their deadline without an answer. Units with none are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> UnansweredByUnitAsync(Caller caller, int year, int month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesSubtree) throw new ForbiddenException();
        if (month is < 1 or > 12 || !DateRules.IsInRange(year)) throw new DomainException("月份无效");
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subtree = db.Units.SubtreeIds(caller.UnitPath);
        var answers = db.Items.Where(i => i.CommissionId != null && i.State != ItemState.Draft);
        var rows = await db.CommissionTargets.AsNoTracking()
            .Where(t => t.Commission!.DueDate >= from && t.Commission.DueDate < to && subtree.Contains(t.UnitId))
            .Where(t => t.Commission!.ClosedAt != null
                ? t.Status == CommissionTargetStatus.Unanswered
                : t.Commission.DueAt <= now && !answers.Any(i => i.CommissionId == t.CommissionId && i.UnitId == t.UnitId))
            .GroupBy(t => t.UnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.UnitId, r => r.Count);
    }

    /// <summary>The open 约稿 targeting the caller's unit (a reporter), soonest deadline first: what its items may answer.</summary>
    public async Task<IReadOnlyList<CommissionOption>> AnswerableAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsReporter) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OpenForUnit(db, caller.UnitId).ToListAsync(ct);
    }

    /// <summary>The open 约稿 of a unit with whether it answered, soonest deadline first.</summary>
    internal static IQueryable<CommissionOption> OpenForUnit(AppDbContext db, int unitId) =>
        db.Commissions.AsNoTracking().Where(c => c.ClosedAt == null && c.Targets.Any(t => t.UnitId == unitId))
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Select(c => new CommissionOption(c.Id, c.Topic, c.DueDate, c.DueAt,
                db.Items.Any(i => i.CommissionId == c.Id && i.UnitId == unitId && i.State != ItemState.Draft)));

    /// <summary>逾期单位 in the caller's view: targets of open 约稿 it sees, past the deadline, without an answer; most overdue first.</summary>
    internal static IQueryable<LateUnit> LateUnits(AppDbContext db, Caller caller, DateTime now)
    {
        var visible = db.Commissions.Where(CommissionScope.Visible(caller)).Select(c => c.Id);
        return db.CommissionTargets.AsNoTracking()
            .Where(t => visible.Contains(t.CommissionId) && t.Commission!.ClosedAt == null && t.Commission.DueAt <= now)
            .Where(t => !db.Items.Any(i => i.CommissionId == t.CommissionId && i.UnitId == t.UnitId && i.State != ItemState.Draft))
            .OrderBy(t => t.Commission!.DueAt).ThenBy(t => t.CommissionId).ThenBy(t => t.Unit!.SortOrder).ThenBy(t => t.UnitId)
            .Select(t => new LateUnit(t.CommissionId, t.Commission!.Topic, t.UnitId, t.Unit!.ShortName, t.Commission.DueDate, t.Commission.DueAt));
    }

    /// <summary>
    /// Inside an item's save: the 约稿 a reporter's item may answer — open and targeting the caller's own unit; else a
    /// Chinese refusal (a 约稿 of another unit looks the same as a missing one).
    /// </summary>
    internal static async Task CheckAnswerableAsync(AppDbContext db, Caller caller, int commissionId, CancellationToken ct)
    {
        var unitId = caller.UnitId;
        var c = await db.Commissions.Where(x => x.Id == commissionId && x.Targets.Any(t => t.UnitId == unitId))
            .Select(x => new { x.ClosedAt }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("所选约稿不存在或未向本单位约稿");
        if (c.ClosedAt is not null) throw new DomainException("所选约稿已关闭，不能再回应");
    }

    /// <summary>The state of a target: the stored one once closed, else from its first answer and the deadline.</summary>
    public static CommissionUnitState StateOf(CommissionTargetStatus stored, bool closed, DateTime? firstAnswer, DateTime dueAt, DateTime now)
    {
        if (closed)
            return stored switch
            {
                CommissionTargetStatus.Answered => CommissionUnitState.Answered,
                CommissionTargetStatus.Late => CommissionUnitState.Late,
                _ => CommissionUnitState.Unanswered,
            };
        if (firstAnswer is { } at) return Commission.IsLate(at, dueAt) ? CommissionUnitState.Late : CommissionUnitState.Answered;
        return now >= dueAt ? CommissionUnitState.Overdue : CommissionUnitState.Pending;
    }

    // The field rules, shared with the dialog so that it shows the same messages before saving.

    public static string? TopicError(string? topic)
    {
        var t = (topic ?? "").Trim();
        if (t.Length == 0) return "请填写约稿主题";
        return t.Length > Commission.TopicMaxLength ? $"约稿主题不能超过{Commission.TopicMaxLength}个字" : TextRules.UnsafeCharacterError(t, "约稿主题");
    }

    public static string? RequirementsError(string? requirements)
    {
        var t = (requirements ?? "").Trim();
        if (t.Length == 0) return "请填写约稿要求";
        return t.Length > Commission.RequirementsMaxLength ? $"约稿要求不能超过{Commission.RequirementsMaxLength}个字" : TextRules.UnsafeCharacterError(t, "约稿要求", multiline: true);
    }

    /// <summary>截止日期: required, today (China) or later, at most a year ahead; an unchanged date (修改) stays allowed.</summary>
    public static string? DueDateError(DateOnly? date, DateOnly today, DateOnly? unchanged = null)
    {
        if (date is null) return "请选择截止日期";
        if (date == unchanged) return null;
        if (date < today) return "截止日期不能早于今天";
        return date > today.AddYears(1) ? $"截止日期不能晚于{today.AddYears(1):yyyy-MM-dd}" : null;
    }

    public static string? PointsError(int? points) => points switch
    {
        null => null,
        <= 0 => "约稿分值必须大于0（不计分请留空）",
        > Commission.MaxPoints => $"约稿分值不能超过{Commission.MaxPoints}分",
        _ => null,
    };

    public static string? UnitsError(IReadOnlyCollection<int>? unitIds) => unitIds switch
    {
        null or { Count: 0 } => "请选择约稿单位",
        { Count: > Commission.MaxTargets } => $"约稿单位不能超过{Commission.MaxTargets}个",
        _ => null,
    };

    private (string Topic, string Requirements, List<int> UnitIds, DateOnly DueDate, int? Points) Validate(CommissionInput input, DateOnly? unchangedDate)
    {
        ArgumentNullException.ThrowIfNull(input);
        var error = TopicError(input.Topic) ?? RequirementsError(input.Requirements) ?? UnitsError(input.UnitIds)
            ?? DueDateError(input.DueDate, ChinaTime.Today(clock), unchangedDate) ?? PointsError(input.Points);
        if (error is not null) throw new DomainException(error);
        var requirements = input.Requirements!.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return (input.Topic!.Trim(), requirements, input.UnitIds!.Distinct().ToList(), input.DueDate!.Value, input.Points);
    }

    /// <summary>The chosen units with their names; all must be active units strictly below the caller's unit.</summary>
    private static async Task<Dictionary<int, string>> TargetUnitsAsync(AppDbContext db, Caller caller, List<int> unitIds, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.ShortName, u.Path, u.IsActive }).ToListAsync(ct);
        if (units.Count != unitIds.Count || units.Any(u => !CommissionScope.CanTarget(caller, u.Id, u.Path)))
            throw new NotFoundException("所选约稿单位不存在或不在管辖范围内");
        if (units.FirstOrDefault(u => !u.IsActive) is { } inactive) throw new DomainException($"{inactive.ShortName}已停用，不能约稿");
        return units.ToDictionary(u => u.Id, u => u.ShortName);
    }

    private static async Task<Commission> FindManageableAsync(AppDbContext db, Caller caller, int id, CancellationToken ct) =>
        await db.Commissions.Include(c => c.Targets).Where(c => c.Id == id).Where(CommissionScope.Manageable(caller)).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("未找到该约稿或无权访问");

    private static Task<bool> AnyAnswerAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Items.AnyAsync(i => i.CommissionId == id && i.State != ItemState.Draft, ct);

    /// <summary>The first answer's 上报 time per (约稿, unit) of reported answers.</summary>
    private static async Task<Dictionary<(int CommissionId, int UnitId), DateTime>> FirstAnswersAsync(AppDbContext db, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Items.AsNoTracking()
            .Where(i => i.CommissionId != null && ids.Contains(i.CommissionId.Value) && i.State != ItemState.Draft)
            .GroupBy(i => new { CommissionId = i.CommissionId!.Value, i.UnitId })
            .Select(g => new { g.Key.CommissionId, g.Key.UnitId, First = g.Min(i => i.ReportedAt) })
            .ToListAsync(ct);
        return rows.Where(r => r.First is not null).ToDictionary(r => (r.CommissionId, r.UnitId), r => r.First!.Value);
    }

    private static string Describe(Commission c, IEnumerable<string> unitNames) =>
        $"约稿《{c.Topic}》，截止日期 {c.DueDate:yyyy-MM-dd}{(c.Points is { } p ? $"，{p}分" : "")}，约稿单位：{string.Join("、", unitNames)}";

    private static void RequireManager(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanManage(caller)) throw new ForbiddenException("只有审核员可以管理约稿");
    }
}
