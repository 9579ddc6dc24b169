using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// 公文采用及驳回: the detail page's data, adopting (采用) an item by publications and forms, corrections,
/// and rejecting (驳回). Every change runs in one write transaction that re-reads the item, so an adoption
/// and a rejection racing for the same item can never both succeed.
/// </summary>
public class AdoptionService(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    WriteFrame write,
    ILogger<AdoptionService> logger)
{

    /// <summary>The 公文采用信息 page: item, attachments and the adoption grid; NotFound outside the caller's scope.</summary>
    public async Task<ItemDetailModel> GetDetailAsync(Caller caller, int itemId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Items.AsNoTracking()
            .Where(i => i.Id == itemId)
            .Where(ItemScope.Visible(caller))
            .Include(i => i.Unit)
            .Include(i => i.Attachments)
            .Include(i => i.Adoptions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("未找到该公文或无权查看");

        var publications = await db.Publications.AsNoTracking()
            .Include(p => p.Forms)
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .ToListAsync(ct);

        var adoptionsByForm = item.Adoptions.ToDictionary(a => (a.PublicationId, a.AdoptionFormId));
        var rows = new List<AdoptionRow>();
        foreach (var p in publications)
        {
            foreach (var f in p.Forms.OrderBy(f => f.SortOrder).ThenBy(f => f.Id))
            {
                adoptionsByForm.TryGetValue((p.Id, f.Id), out var a);
                var active = p.IsActive && f.IsActive;
                // Inactive rows stay hidden unless they carry an adoption of this item (history must remain visible).
                if (!active && a is null) continue;
                rows.Add(new AdoptionRow(p.Level, p.Id, p.Name, f.Id, f.Name, p.HasIssues, p.IssuesPerYear, f.Points, active,
                    a is null ? null : new AdoptionInfo(a.Id, a.Year, a.Issue, a.AdoptedAt, a.Points)));
            }
        }

        var path = item.Unit!.Path;
        return new ItemDetailModel(
            item.Id, item.Title, item.Body, item.Category, item.UnitId, item.Unit.ShortName, item.State,
            item.ReportedAt, item.RejectReason, item.RejectedAt, item.Version,
            item.Attachments.OrderBy(x => x.UploadedAt).ThenBy(x => x.Id)
                .Select(x => new AttachmentInfo(x.Id, x.FileName, x.Size, x.UploadedAt)).ToList(),
            rows,
            CanReview: ItemScope.CanReview(caller, item, path),
            CanEdit: ItemScope.CanChange(caller, item) && item.IsEditable)
        {
            AdoptRefusal = item.AdoptRefusal,
            RejectRefusal = item.RejectRefusal,
        };
    }

    /// <summary>
    /// 采用 + 确定: makes the item's adoptions equal to the ticked rows. Newly ticked rows become adoptions
    /// (录用日期 now, points of the form now); unticked adopted rows are removed (a correction); a changed
    /// year or issue of an adopted row is corrected. Reviewers of the item's subtree only.
    /// </summary>
    public async Task<AdoptionSaveResult> SaveAdoptionsAsync(Caller caller, int itemId, int? expectedVersion,
        IReadOnlyList<AdoptionChoice> ticked, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        ticked ??= [];
        if (ticked.GroupBy(c => (c.PublicationId, c.AdoptionFormId)).Any(g => g.Count() > 1))
            throw new DomainException("同一期刊的同一采用形式只能采用一次");

        try
        {
            return await write.RunAsync(caller, async w =>
            {
                var db = w.Db;
                var now = w.Now;
                var item = await LoadForReviewAsync(db, caller, itemId, expectedVersion, ct);
                item.EnsureAdoptionsCanChange();

                var formIds = ticked.Select(c => c.AdoptionFormId).Concat(item.Adoptions.Select(a => a.AdoptionFormId)).Distinct().ToList();
                var forms = await db.AdoptionForms.Include(f => f.Publication)
                    .Where(f => formIds.Contains(f.Id))
                    .ToDictionaryAsync(f => f.Id, ct);
                // The points of a new adoption: the form's version in force on its 录用日期 (today, China).
                var versions = await RuleVersions.FormVersionsAsync(db, formIds, ct);
                var day = RuleVersions.ChinaDay(now);

                var toAdd = new List<Adoption>();
                var toUpdate = new List<(Adoption Adoption, int? Year, int? Issue)>();
                foreach (var choice in ticked)
                {
                    if (!forms.TryGetValue(choice.AdoptionFormId, out var form) || form.PublicationId != choice.PublicationId)
                        throw new DomainException("所选期刊或采用形式不存在，请刷新");
                    var publication = form.Publication!;
                    ValidateYearAndIssue(publication, form, choice.Year, choice.Issue);
                    var existing = item.Adoptions.FirstOrDefault(a => a.PublicationId == choice.PublicationId && a.AdoptionFormId == choice.AdoptionFormId);
                    if (existing is null)
                    {
                        if (!publication.IsActive || !form.IsActive)
                            throw new DomainException($"{publication.Name}的采用形式“{form.Name}”已停用，不能采用");
                        toAdd.Add(new Adoption
                        {
                            InfoItemId = item.Id,
                            UnitId = item.UnitId,
                            PublicationId = publication.Id,
                            AdoptionFormId = form.Id,
                            Year = choice.Year,
                            Issue = choice.Issue,
                            AdoptedAt = now,
                            ReviewerId = caller.UserId,
                            Points = RuleVersions.InForce(versions[form.Id], day) ?? form.Points,
                        });
                    }
                    else if (existing.Year != choice.Year || existing.Issue != choice.Issue)
                    {
                        toUpdate.Add((existing, choice.Year, choice.Issue));
                    }
                }
                var tickedKeys = ticked.Select(c => (c.PublicationId, c.AdoptionFormId)).ToHashSet();
                var toRemove = item.Adoptions.Where(a => !tickedKeys.Contains((a.PublicationId, a.AdoptionFormId))).ToList();

                if (toAdd.Count + toUpdate.Count + toRemove.Count == 0)
                {
                    if (ticked.Count == 0)
                        throw new DomainException("请勾选需要采用的期刊");
                    w.Discard();
                    return new AdoptionSaveResult(0, 0, 0, item.State, item.Version);
                }

                foreach (var a in toRemove)
                {
                    db.Adoptions.Remove(a);
                    Audit(w, AuditActions.Unadopt, item, a, $"{Describe(item, forms[a.AdoptionFormId], a.Year, a.Issue)}；分值：{a.Points}");
                }
                foreach (var (a, year, issue) in toUpdate)
                {
                    var text = $"{Describe(item, forms[a.AdoptionFormId], year, issue)}；原采用年：{a.Year}；原采用期次：{a.Issue}；分值：{a.Points}";
                    a.Year = year;
                    a.Issue = issue;
                    Audit(w, AuditActions.AdoptCorrect, item, a, text);
                }
                foreach (var a in toAdd)
                    Audit(w, AuditActions.Adopt, item, a, $"{Describe(item, forms[a.AdoptionFormId], a.Year, a.Issue)}；分值：{a.Points}");
                item.ChangeAdoptions(toAdd, toRemove);
                if (toAdd.Count > 0)
                    await NotificationService.NotifyUnitReportersAsync(w, item, NotificationKind.Adopted,
                        $"《{item.Title}》被{string.Join("、", toAdd.Select(a => Channel(forms[a.AdoptionFormId], a.Year, a.Issue)))}录用", ct);
                if (toAdd.Count + toUpdate.Count > 0)
                    w.Publish(new ChangeEvent(ChangeKind.ItemAdopted, itemId, item.UnitId));
                if (toRemove.Count > 0)
                    w.Publish(new ChangeEvent(ChangeKind.ItemUnadopted, itemId, item.UnitId));
                return new AdoptionSaveResult(toAdd.Count, toRemove.Count, toUpdate.Count, item.State, item.Version);
            }, ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new ConcurrencyException();
        }
    }

    /// <summary>An adoption's audit line, and its structured log line once committed.</summary>
    private void Audit(WriteScope w, string action, InfoItem item, Adoption a, string text)
    {
        w.Audit(action, AuditEntityTypes.Item, item.Id, text);
        var (caller, itemId, unitId) = (w.Caller, item.Id, item.UnitId);
        var (publicationId, formId, year, issue, points) = (a.PublicationId, a.AdoptionFormId, a.Year, a.Issue, a.Points);
        w.AfterCommit(() => DomainLog.AdoptionChanged(logger, action, caller.UserId, caller.UserName, itemId, unitId, publicationId, formId, year, issue, points.Value));
    }

    /// <summary>驳回 one item with a reason; refused once it has any adoption. Reviewers of the item's subtree only.</summary>
    public async Task RejectAsync(Caller caller, int itemId, int? expectedVersion, string reason, CancellationToken ct = default)
    {
        await RejectCoreAsync(caller, [itemId], expectedVersion, reason, ct);
    }

    /// <summary>
    /// 驳回 several items (the list's tick boxes) with one reason: all or nothing, so a refused item
    /// (adopted, already rejected, out of scope) leaves every item unchanged. Returns how many were rejected.
    /// </summary>
    public async Task<int> RejectManyAsync(Caller caller, IReadOnlyCollection<int> itemIds, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var ids = itemIds.Distinct().ToList();
        if (ids.Count == 0)
            throw new DomainException("请勾选需要驳回的公文");
        await RejectCoreAsync(caller, ids, null, reason, ct);
        return ids.Count;
    }

    private async Task RejectCoreAsync(Caller caller, IReadOnlyList<int> ids, int? expectedVersion, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        reason = InfoItem.CheckRejectReason(reason);
        await write.RunAsync(caller, async w =>
        {
            foreach (var id in ids)
            {
                var item = await LoadForReviewAsync(w.Db, caller, id, expectedVersion, ct);
                try
                {
                    item.Reject(reason, caller.UserId, w.Now);
                }
                catch (DomainException ex) when (ids.Count > 1)
                {
                    throw new DomainException($"《{item.Title}》：{ex.Message}");
                }
                w.Audit(AuditActions.Reject, AuditEntityTypes.Item, item.Id, $"公文《{item.Title}》；驳回理由：{reason}");
                await NotificationService.NotifyUnitReportersAsync(w, item, NotificationKind.Rejected, $"《{item.Title}》已驳回，驳回理由：{reason}", ct);
                var (itemId, unitId) = (item.Id, item.UnitId);
                w.AfterCommit(() => DomainLog.ItemRejected(logger, AuditActions.Reject, caller.UserId, caller.UserName, itemId, unitId, reason));
                w.Publish(new ChangeEvent(ChangeKind.ItemRejected, itemId, unitId));
            }
        }, ct);
    }

    /// <summary>How many titles a refusal names before it only counts the rest.</summary>
    private const int TitlesNamed = 5;

    /// <summary>Which of these items carry an adoption (the list's 驳回 pre-check), in id order; reviewers; items outside their scope are left out.</summary>
    public async Task<IReadOnlyList<ItemTitle>> FindAdoptedAsync(Caller caller, IReadOnlyCollection<int> itemIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(itemIds);
        caller.RequireRole(Roles.Reviewer);
        var ids = itemIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Items.AsNoTracking()
            .Where(i => ids.Contains(i.Id))
            .Where(ItemScope.Visible(caller))
            .Where(InfoItem.IsAdoptedQuery)
            .OrderBy(i => i.Id)
            .Select(i => new ItemTitle(i.Id, i.Title))
            .ToListAsync(ct);
    }

    /// <summary>The refusal of a 驳回 that includes adopted items, naming them (the first five, then how many in all).</summary>
    public static string AdoptedRefusal(IReadOnlyCollection<ItemTitle> adopted)
    {
        ArgumentNullException.ThrowIfNull(adopted);
        var named = string.Join("、", adopted.Take(TitlesNamed).Select(i => $"《{i.Title}》"));
        var more = adopted.Count > TitlesNamed ? $"等{adopted.Count}条" : "";
        return $"{InfoItem.RejectAdoptedMessage}：{named}{more}";
    }

    /// <summary>
    /// Where the adoption grid starts 采用年 and 采用期次 (see <see cref="CurrentIssues"/>): this year in China time and,
    /// per periodical, the latest issue recorded this year. The current issue rather than the next one: a reviewer
    /// usually enters several items of the issue in hand, and the next issue's number is not known before it appears.
    /// Reviewers; only the adoptions of their subtree count.
    /// </summary>
    public async Task<CurrentIssues> GetCurrentIssuesAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        var year = ChinaTime.Today(clock).Year;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subtree = db.Units.SubtreeIds(caller.UnitPath);
        var latest = await db.Adoptions.AsNoTracking()
            .Where(a => a.Year == year && a.Issue != null && subtree.Contains(a.UnitId))
            .GroupBy(a => a.PublicationId)
            .Select(g => new { PublicationId = g.Key, Issue = g.Max(a => a.Issue ?? 0) })
            .ToDictionaryAsync(x => x.PublicationId, x => x.Issue, ct);
        return new CurrentIssues(year, latest);
    }

    /// <summary>
    /// 撤销采用 of one adoption of the item (a reviewer's correction): the adoption and its points go, audited; the item
    /// returns to 已上报 when it was its last. Reviewers of the item's subtree only.
    /// </summary>
    public async Task<AdoptionSaveResult> UnadoptAsync(Caller caller, int itemId, int adoptionId, int? expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        return await write.RunAsync(caller, async w =>
        {
            var item = await LoadForReviewAsync(w.Db, caller, itemId, expectedVersion, ct);
            var removed = item.Adoptions.FirstOrDefault(a => a.Id == adoptionId)
                ?? throw new DomainException("该录用已被撤销，请刷新");
            var form = await w.Db.AdoptionForms.Include(f => f.Publication).SingleAsync(f => f.Id == removed.AdoptionFormId, ct);
            w.Db.Adoptions.Remove(removed);
            Audit(w, AuditActions.Unadopt, item, removed, $"{Describe(item, form, removed.Year, removed.Issue)}；分值：{removed.Points}");
            item.ChangeAdoptions([], [removed]);
            w.Publish(new ChangeEvent(ChangeKind.ItemUnadopted, itemId, item.UnitId));
            return new AdoptionSaveResult(0, 1, 0, item.State, item.Version);
        }, ct);
    }

    /// <summary>
    /// 撤销驳回: a rejection made by mistake is taken back and the item is reported again (its 上报日期 unchanged),
    /// audited with the reason that is taken back. Reviewers of the item's subtree only.
    /// </summary>
    public async Task UndoRejectAsync(Caller caller, int itemId, int? expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reviewer);
        await write.RunAsync(caller, async w =>
        {
            var item = await LoadForReviewAsync(w.Db, caller, itemId, expectedVersion, ct);
            var reason = item.RejectReason ?? "";
            item.UndoReject();
            w.Audit(AuditActions.UndoReject, AuditEntityTypes.Item, item.Id, $"公文《{item.Title}》；原驳回理由：{reason}");
            var unitId = item.UnitId;
            w.AfterCommit(() => DomainLog.ItemRejected(logger, AuditActions.UndoReject, caller.UserId, caller.UserName, itemId, unitId, reason));
            w.Publish(new ChangeEvent(ChangeKind.ItemRejectionUndone, itemId, unitId));
        }, ct);
    }

    /// <summary>Re-reads the item inside the write transaction and applies the scope and version checks.</summary>
    private static async Task<InfoItem> LoadForReviewAsync(AppDbContext db, Caller caller, int itemId, int? expectedVersion, CancellationToken ct)
    {
        var item = await db.Items
            .Include(i => i.Unit)
            .Include(i => i.Adoptions)
            .FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || !ItemScope.CanSee(caller, item, item.Unit!.Path))
            throw new NotFoundException("未找到该公文或无权查看");
        if (item.State != ItemState.Draft && !ItemScope.CanReview(caller, item, item.Unit.Path))
            throw new NotFoundException("未找到该公文或无权查看");
        if (expectedVersion is not null && item.Version != expectedVersion)
            throw new ConcurrencyException();
        return item;
    }

    private static void ValidateYearAndIssue(Publication publication, AdoptionForm form, int? year, int? issue)
    {
        if (!publication.HasIssues)
        {
            if (year is not null || issue is not null)
                throw new DomainException($"{publication.Name}不设采用年和采用期次");
            return;
        }
        if (year is null)
            throw new DomainException($"请选择{publication.Name}（{form.Name}）的采用年");
        DateRules.EnsureInRange(year.Value, "采用年");
        if (issue is null)
            throw new DomainException($"请选择{publication.Name}（{form.Name}）的采用期次");
        if (issue < 1 || issue > publication.IssuesPerYear)
            throw new DomainException($"{publication.Name}的采用期次须在1至{publication.IssuesPerYear}之间");
    }

    private static string Describe(InfoItem item, AdoptionForm form, int? year, int? issue)
    {
        var text = $"公文《{item.Title}》；期刊：{form.Publication!.Name}；采用形式：{form.Name}";
        if (year is not null) text += $"；采用年：{year}";
        if (issue is not null) text += $"；采用期次：{issue}期";
        return text;
    }

    /// <summary>The notification's words for one adoption: 《苏州工会信息》2026年第5期（正文）.</summary>
    private static string Channel(AdoptionForm form, int? year, int? issue) =>
        $"{form.Publication!.Name}{(year is null ? "" : $"{year}年")}{(issue is null ? "" : $"第{issue}期")}（{form.Name}）";

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
            or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
