using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// 任务完成情况 (reviewers and admins, the caller's subtree): a month's 报送数 against the dated 月度报送任务数, 录用数 and
/// 录用率 from the 月度报表 (<see cref="MonthlyReportService"/>, one source of truth), 零报送, and the proposal the
/// 考核规则 in force that month computes — 缺报扣分 and 完成任务加分 — which a reviewer confirms into 扣分/加分 records.
/// <para>
/// Re-confirming: a unit whose quota line (缺报扣分 or 完成任务加分) is confirmed for the month gets no new quota line, even
/// when the month's figures changed since (a re-reported item, a quota version recorded later): the line then shows
/// <see cref="ProposalStatus.ConfirmedDiffers"/> with both figures, and the confirmed record stands. To correct it a
/// reviewer deletes that record in 扣分管理 (the link goes with it) and confirms the month again.
/// </para>
/// <para>
/// 约稿未回应扣分 (<see cref="QuotaEntryKind.UnansweredCommission"/>): the 约稿 due in the month that a unit did not answer
/// (<see cref="CommissionService.UnansweredByUnitAsync"/>: closed ones marked 未回应, open ones past their deadline) times
/// 每个未回应约稿扣分; a line of its own, confirmed and re-confirmed like the quota line (one per unit and month).
/// </para>
/// </summary>
public class TaskCompletionService(IDbContextFactory<AppDbContext> dbFactory, MonthlyReportService monthlyReport, CommissionService commissions,
    WriteFrame write, TimeProvider clock)
{
    /// <summary>The groups for the filter.</summary>
    public async Task<IReadOnlyList<GroupOption>> GroupsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireReviewer(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UnitGroups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Id)
            .Select(g => new GroupOption(g.Id, g.Name)).ToListAsync(ct);
    }

    /// <summary>The month's 任务完成情况 and proposal for the units of the caller's subtree (a future month is refused).</summary>
    public Task<TaskCompletionReport> GetAsync(Caller caller, TaskCompletionRequest request, CancellationToken ct = default) =>
        GetAsync(caller, request, null, ct);

    /// <summary>
    /// As <see cref="GetAsync(Caller, TaskCompletionRequest, CancellationToken)"/>, over the month's 月度报表 summary when the
    /// caller (the 通报) has read it already for the same caller and month.
    /// </summary>
    public async Task<TaskCompletionReport> GetAsync(Caller caller, TaskCompletionRequest request, MonthlyReportSummary? summary, CancellationToken ct = default)
    {
        RequireReviewer(caller);
        ArgumentNullException.ThrowIfNull(request);
        var today = ChinaTime.Today(clock);
        ValidateMonth(request, today);
        var month = request.First;
        var monthEndUtc = request.Period.ToUtcExclusive;

        // 报送数, 录用数, 录用率: the 月度报表's own figures (the same scope: the units the caller sees).
        if (summary is not null && summary.Period != request.Period)
            throw new ArgumentException("The summary is not of the requested month", nameof(summary));
        summary ??= await monthlyReport.GetSummaryAsync(caller, new MonthlyReportRequest(request.Year, request.Month, false), ct);
        var figures = summary.Units.ToDictionary(u => u.UnitId);
        var unanswered = await commissions.UnansweredByUnitAsync(caller, request.Year, request.Month, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().VisibleTo(caller)
            .Where(u => u.CreatedAt < monthEndUtc)
            .Where(u => request.GroupId == null || u.GroupId == request.GroupId)
            .OrderBy(u => u.Level).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new
            {
                u.Id, u.ShortName, u.ParentId, u.IsActive, u.GroupId,
                GroupName = db.UnitGroups.Where(g => g.Id == u.GroupId).Select(g => g.Name).FirstOrDefault() ?? "",
            })
            .ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var groupIds = units.Select(u => u.GroupId).OfType<int>().Distinct().ToList();
        var versions = await db.QuotaVersions.AsNoTracking()
            .Where(v => v.EffectiveFrom <= month && ((v.UnitId != null && unitIds.Contains(v.UnitId.Value)) || (v.GroupId != null && groupIds.Contains(v.GroupId.Value))))
            .Select(v => new { v.UnitId, v.GroupId, v.EffectiveFrom, v.Quota })
            .ToListAsync(ct);
        var rules = await RulesInForceAsync(db, month, ct);
        var confirmed = await db.QuotaEntries.AsNoTracking()
            .Where(e => e.Month == month && unitIds.Contains(e.UnitId))
            .Select(e => new { e.UnitId, e.Kind, e.Points })
            .ToListAsync(ct);

        var rows = new List<TaskCompletionRow>();
        foreach (var u in units)
        {
            var quota = QuotaRules.QuotaOf(
                versions.Where(v => v.UnitId == u.Id).Select(v => new QuotaVersionRow(v.EffectiveFrom, v.Quota)),
                versions.Where(v => u.GroupId != null && v.GroupId == u.GroupId).Select(v => new QuotaVersionRow(v.EffectiveFrom, v.Quota)),
                month);
            var f = figures.GetValueOrDefault(u.Id);
            var reported = f?.Reported ?? 0;
            // The top unit reports to itself only if it has a quota or items; inactive units only with items.
            if ((u.ParentId is null && quota is null && reported == 0) || (!u.IsActive && reported == 0)) continue;
            rows.Add(new TaskCompletionRow(u.Id, u.ShortName, u.GroupName, reported, quota, f?.Adopted ?? 0, f?.AdoptedItems ?? 0, f?.AdoptionRate ?? 0)
            {
                UnansweredCommissions = unanswered.GetValueOrDefault(u.Id),
            });
        }

        var lines = new List<ProposalLine>();
        foreach (var row in rows)
        {
            var computed = rules is null ? [] : Propose(row, rules, request);
            var done = confirmed.Where(e => e.UnitId == row.UnitId).Select(e => (e.Kind, e.Points)).ToList();
            // The quota line (缺报扣分 or 完成任务加分) and the 约稿 line, each against what was confirmed of its kind.
            lines.AddRange(Merge(row, computed.Where(l => IsQuotaKind(l.Kind)).ToList(), done.Where(e => IsQuotaKind(e.Kind)).ToList()));
            lines.AddRange(Merge(row, computed.Where(l => !IsQuotaKind(l.Kind)).ToList(), done.Where(e => !IsQuotaKind(e.Kind)).ToList()));
        }
        return new TaskCompletionReport(request, MonthlyReportService.DescribeScope(caller), rules, IsFinished(request, today), rows, lines);
    }

    /// <summary>
    /// The one place where the rule set turns a unit's month into points: 缺报 (任务数 − 报送数) × 每缺报一篇扣分, or, with
    /// 报送数 ≥ 任务数 &gt; 0, 完成任务基础分 (a monthly figure). A quota of 0 asks nothing and earns nothing; a rule of 0 points
    /// proposes nothing.
    /// </summary>
    public static IReadOnlyList<ProposalLine> Propose(TaskCompletionRow row, QuotaRuleSetRow rules, TaskCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(request);
        var lines = new List<ProposalLine>();
        if (row.Quota is { } quota && quota > 0)
        {
            if (row.Missing > 0 && rules.PointsPerMissingItem > 0)
                lines.Add(new ProposalLine(row.UnitId, row.UnitName, QuotaEntryKind.Shortfall, row.Missing * rules.PointsPerMissingItem,
                    $"{request.MonthText}缺报{row.Missing}篇（任务数{quota}篇，报送{row.Reported}篇），每篇扣{rules.PointsPerMissingItem}分",
                    ProposalStatus.Proposed));
            else if (row.Missing == 0 && rules.MonthlyBasePoints > 0)
                lines.Add(new ProposalLine(row.UnitId, row.UnitName, QuotaEntryKind.QuotaMet, rules.MonthlyBasePoints,
                    $"{request.MonthText}完成报送任务（任务数{quota}篇，报送{row.Reported}篇），基础分{rules.MonthlyBasePoints}分",
                    ProposalStatus.Proposed));
        }
        if (row.UnansweredCommissions > 0 && rules.PointsPerUnansweredCommission > 0)
            lines.Add(new ProposalLine(row.UnitId, row.UnitName, QuotaEntryKind.UnansweredCommission,
                row.UnansweredCommissions * rules.PointsPerUnansweredCommission,
                $"{request.MonthText}有{row.UnansweredCommissions}个约稿未回应，每个扣{rules.PointsPerUnansweredCommission}分",
                ProposalStatus.Proposed));
        return lines;
    }

    private static bool IsQuotaKind(QuotaEntryKind kind) => kind is QuotaEntryKind.Shortfall or QuotaEntryKind.QuotaMet;

    /// <summary>
    /// Lines of one kind (the quota pair, or 约稿) against what was confirmed of it: nothing confirmed → the computed lines;
    /// else each confirmed entry, 已确认 when the month still computes exactly it, else 已确认，与当前计算不同.
    /// </summary>
    private static IEnumerable<ProposalLine> Merge(TaskCompletionRow row, List<ProposalLine> computed, List<(QuotaEntryKind Kind, int Points)> done)
    {
        if (done.Count == 0) return computed;
        return done.Select(e =>
        {
            var now = computed.FirstOrDefault(c => c.Kind == e.Kind);
            var same = now is not null && now.Points == e.Points && computed.Count == 1;
            return new ProposalLine(row.UnitId, row.UnitName, e.Kind, now?.Points ?? 0,
                now?.Reason ?? "按当前数据不应" + e.Kind.Text(), same ? ProposalStatus.Confirmed : ProposalStatus.ConfirmedDiffers, e.Points);
        });
    }

    /// <summary>
    /// 确认: records the proposed lines the reviewer saw (<paramref name="seen"/>) as 扣分/加分 records dated the month's last
    /// day, each linked to the rule version and the month. Idempotent: a line already confirmed (earlier, or by a concurrent
    /// confirm) is skipped, never recorded twice (a unique index on unit, month and kind backs this). Refused when the month
    /// is not over, when a line is outside the caller's subtree, or when the month now computes something else than was seen.
    /// </summary>
    public async Task<ConfirmResult> ConfirmAsync(Caller caller, TaskCompletionRequest request, IReadOnlyCollection<ProposalKey> seen, CancellationToken ct = default)
    {
        RequireReviewer(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(seen);
        var today = ChinaTime.Today(clock);
        ValidateMonth(request, today);
        if (!IsFinished(request, today)) throw new DomainException($"{request.MonthText}尚未结束，月底后才能确认扣分和加分");
        if (seen.Count == 0) throw new DomainException("没有需要确认的扣分或加分");
        var month = request.First;
        var unitIds = seen.Select(s => s.UnitId).Distinct().ToList();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var inScope = await db.Units.AsNoTracking().VisibleTo(caller).Where(u => unitIds.Contains(u.Id)).CountAsync(ct);
            if (inScope != unitIds.Count) throw new NotFoundException("所选单位不存在或不在管辖范围内");
        }

        var report = await GetAsync(caller, request with { GroupId = null }, ct);
        var current = report.Lines.ToDictionary(l => (l.UnitId, l.Kind));
        foreach (var key in seen)
        {
            if (!current.TryGetValue((key.UnitId, key.Kind), out var line) || line.Points != key.Points)
                throw new ConcurrencyException("任务完成情况已发生变化，请刷新后重新确认");
        }
        var rules = report.Rules ?? throw new DomainException("尚未设置考核规则，请管理员在系统设置中设置");
        var toRecord = seen.Select(k => current[(k.UnitId, k.Kind)]).Where(l => l.Status == ProposalStatus.Proposed).ToList();
        try
        {
            return await write.RunAsync(caller, async w =>
            {
                var ruleSetId = await w.Db.QuotaRuleSets.Where(r => r.EffectiveFrom == rules.From).Select(r => r.Id).SingleAsync(ct);
                // Under the write lock: what an earlier or concurrent confirm recorded is visible now.
                var existing = await w.Db.QuotaEntries.Where(e => e.Month == month && unitIds.Contains(e.UnitId))
                    .Select(e => new { e.UnitId, e.Kind }).ToListAsync(ct);
                var created = 0;
                foreach (var line in toRecord)
                {
                    var quotaPair = line.Kind is QuotaEntryKind.Shortfall or QuotaEntryKind.QuotaMet;
                    if (existing.Any(e => e.UnitId == line.UnitId && (e.Kind == line.Kind || (quotaPair && e.Kind is QuotaEntryKind.Shortfall or QuotaEntryKind.QuotaMet))))
                        continue;
                    var deduction = new Deduction
                    {
                        UnitId = line.UnitId, Points = line.Points, Reason = line.Reason, Date = request.Period.To,
                        Kind = line.IsBonus ? DeductionKind.Bonus : DeductionKind.Deduction, CreatedById = caller.UserId,
                    };
                    w.Db.QuotaEntries.Add(new QuotaEntry
                    {
                        UnitId = line.UnitId, Month = month, Kind = line.Kind, RuleSetId = ruleSetId, Deduction = deduction,
                        Points = line.Points, ConfirmedById = caller.UserId, ConfirmedAt = w.Now,
                    });
                    await w.SaveAsync(ct);
                    w.Audit(line.IsBonus ? AuditActions.BonusConfirm : AuditActions.DeductionCreate, AuditEntityTypes.Deduction, deduction.Id,
                        $"{line.UnitName} {(line.IsBonus ? "加" : "扣")}{line.Points}分，日期 {deduction.Date:yyyy-MM-dd}，原因：{line.Reason}（任务完成情况确认）");
                    created++;
                }
                if (created == 0) { w.Discard(); return new ConfirmResult(0, seen.Count); }
                w.Publish(new ChangeEvent(ChangeKind.DeductionChanged, UnitId: unitIds.Count == 1 ? unitIds[0] : null));
                return new ConfirmResult(created, seen.Count - created);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The unique index (unit, month, kind) refused a second set written past the write lock: nothing of this
            // confirm was committed, and the other one's set stands. Any other database error is not ours to hide.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await db.QuotaEntries.AnyAsync(e => e.Month == month && unitIds.Contains(e.UnitId), ct)) throw;
            return new ConfirmResult(0, seen.Count);
        }
    }

    /// <summary>导出Excel: the month's table and its proposal as .xlsx.</summary>
    public async Task WriteExcelAsync(Caller caller, TaskCompletionRequest request, Stream output, CancellationToken ct = default)
    {
        var report = await GetAsync(caller, request, ct);
        TaskCompletionWorkbook.Write(report, output);
    }

    private static async Task<QuotaRuleSetRow?> RulesInForceAsync(AppDbContext db, DateOnly month, CancellationToken ct) =>
        await db.QuotaRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= month).OrderByDescending(r => r.EffectiveFrom)
            .Select(r => new QuotaRuleSetRow(r.EffectiveFrom, r.PointsPerMissingItem, r.MonthlyBasePoints, r.PointsPerUnansweredCommission))
            .FirstOrDefaultAsync(ct);

    private static bool IsFinished(TaskCompletionRequest request, DateOnly today) => request.Period.To < today;

    private static void ValidateMonth(TaskCompletionRequest request, DateOnly today)
    {
        if (request.Month is < 1 or > 12) throw new DomainException("月份必须在1至12之间");
        DateRules.EnsureInRange(request.Year, "年份");
        if (request.First > new DateOnly(today.Year, today.Month, 1))
            throw new DomainException($"{request.MonthText}尚未到来，不能查看未来月份的任务完成情况");
    }

    private static void RequireReviewer(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!DeductionScope.CanManage(caller)) throw new ForbiddenException("只有审核员或管理员可以查看任务完成情况");
    }
}
