using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>Result of a save: the item's id and its new concurrency version.</summary>
public sealed record SavedItem(int Id, int Version);

/// <summary>
/// 公文上报 and 公文查询、修改、删除: the list, the 公文信息 form, 上报 and 删除.
/// Every method checks the caller against <see cref="ItemScope"/> first.
/// </summary>
public class ItemService(
    IDbContextFactory<AppDbContext> dbFactory,
    AttachmentStore store,
    WriteFrame write)
{
    /// <summary>More ids than this in one 上报/删除 is not a user ticking boxes.</summary>
    public const int MaxBatch = 500;

    /// <summary>
    /// One page of the list for the caller's scope and filter, with the number of matching rows — in ONE
    /// statement (plus the 报送工会 check when a unit is chosen). A caller turning pages under an unchanged
    /// filter passes <see cref="ItemListQuery.KnownTotal"/> and the count is skipped.
    /// </summary>
    public async Task<ItemListPage> ListAsync(Caller caller, ItemListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(0, query.Page);
        var size = Math.Clamp(query.PageSize, 1, ItemListQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection (and one round of pragmas) for the statements below.
        await db.Database.OpenConnectionAsync(ct);
        // A page past the first CountCap matches reads them all anyway: the exact shapes then.
        var (filtered, capped) = await FilterAsync(db, caller, query, ct, exactCount: (page + 1) * size > ItemSearch.CountCap);
        var draftsPossible = DraftsPossible(caller, query);
        // The page's ids first — ordered and offset over narrow covering index entries, not over whole rows
        // (titles, bodies) — then those rows, their unit and their adoptions by primary key.
        var pageIds = Sort(filtered, query, draftsPossible).Skip(page * size).Take(size).Select(i => i.Id);
        var pageItems = Sort(db.Items.AsNoTracking().Where(i => pageIds.Contains(i.Id)), query, draftsPossible);

        var keyword = ItemSearch.Normalize(query.Keyword);
        if (query.KnownTotal is { } known)
            return new ItemListPage(known, await WithSnippetsAsync(db, await Project(pageItems).ToListAsync(ct), keyword, ct));

        // A keyword's matches are counted up to one past the cap (in list order, so that a common phrase stops early);
        // the caller then asks CountAsync for the exact figure.
        var counting = capped ? filtered.Take(ItemSearch.CountCap + 1) : filtered;
        // The count rides along as an uncorrelated scalar subquery: SQLite evaluates it once per statement.
        var counted = await pageItems.Select(i => new
            {
                Total = counting.Count(),
                Row = new ItemListRow(i.Id, i.Title, i.Category, i.UnitId, i.Unit!.ShortName, i.ReportedAt, i.State,
                    i.Adoptions.Select(a => new ItemAdoptionCell(a.PublicationId, a.AdoptedAt)).ToList(), null),
            })
            .ToListAsync(ct);
        var total = counted.Count > 0 ? counted[0].Total : await counting.CountAsync(ct); // no row on this page: the count alone
        var rows = counted.Count > 0 ? await WithSnippetsAsync(db, counted.Select(c => c.Row).ToList(), keyword, ct) : [];
        return capped && total > ItemSearch.CountCap
            ? new ItemListPage(ItemSearch.CountCap, rows, TotalIsLowerBound: true)
            : new ItemListPage(total, rows);
    }

    /// <summary>
    /// The exact number of rows matching the filter (the list asks for it when a page said "1000+", <see
    /// cref="ItemListPage.TotalIsLowerBound"/>).
    /// </summary>
    public async Task<int> CountAsync(Caller caller, ItemListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var (filtered, _) = await FilterAsync(db, caller, query, ct, exactCount: true);
        return await filtered.CountAsync(ct);
    }

    /// <summary>
    /// With a 关键字, the page's rows with the 正文 snippet around the first match: one statement by primary key for the
    /// page's rows only (正文 itself never leaves the database).
    /// </summary>
    private static async Task<IReadOnlyList<ItemListRow>> WithSnippetsAsync(AppDbContext db, List<ItemListRow> rows, string? keyword, CancellationToken ct)
    {
        if (keyword is null || rows.Count == 0) return rows;
        var ids = rows.Select(r => r.Id).ToList();
        var length = ItemSearch.SnippetLengthFor(keyword);
        var snippets = await db.Items.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Body.Contains(keyword))
            .Select(i => new
            {
                i.Id,
                At = i.Body.IndexOf(keyword),
                Text = i.Body.Substring(Math.Max(i.Body.IndexOf(keyword) - ItemSearch.SnippetLead, 0), length),
                Length = i.Body.Length,
            })
            .ToDictionaryAsync(s => s.Id, ct);
        return rows.Select(r => snippets.TryGetValue(r.Id, out var s) ? r with { BodySnippet = ItemSearch.Snippet(s.At, s.Text, length, s.Length) } : r).ToList();
    }

    /// <summary>Every row matching the filter (no paging), streamed in list order: the source of 导出Excel.</summary>
    public async IAsyncEnumerable<ItemListRow> ListAllForExportAsync(Caller caller, ItemListQuery query,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (filtered, _) = await FilterAsync(db, caller, query, ct, exactCount: true);
        await foreach (var row in Project(Sort(filtered, query, DraftsPossible(caller, query))).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    /// <summary>The active publications grouped by level (市级, 省级, 国家级), each ordered by its sort order: the list's column headers.</summary>
    public async Task<IReadOnlyList<PublicationColumnGroup>> GetPublicationColumnsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var publications = await db.Publications.AsNoTracking()
            .Where(p => p.IsActive)
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Level })
            .ToListAsync(ct);
        return publications
            .GroupBy(p => p.Level)
            .Select(g => new PublicationColumnGroup(g.Key, g.Select(p => new PublicationColumn(p.Id, p.Name)).ToList()))
            .ToList();
    }

    /// <summary>
    /// The units whose items the caller's list can show (the same rule as the list's query: a reviewer's or admin's
    /// whole subtree, inactive units included; a reporter's own unit), for telling which change events concern an open list.
    /// </summary>
    public async Task<ItemListScope> GetListScopeAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesSubtree) return new ItemListScope([caller.UnitId], int.MaxValue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        return new ItemListScope(
            units.Where(u => caller.SeesUnit(u.Id, u.Path)).Select(u => u.Id),
            units.Count == 0 ? 0 : units.Max(u => u.Id));
    }

    /// <summary>The units the 报送工会 filter offers: a reporter's own unit; for reviewers and admins their whole subtree.</summary>
    public async Task<IReadOnlyList<UnitFilterOption>> GetUnitOptionsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ownId = caller.UnitId;
        var units = db.Units.VisibleTo(caller).Where(u => u.IsActive || u.Id == ownId);
        var rows = await units.AsNoTracking()
            .Select(u => new { u.Id, u.ShortName, u.Path, u.Level, u.SortOrder })
            .ToListAsync(ct);
        var baseLevel = rows.Count == 0 ? 0 : rows.Min(u => u.Level);
        // Depth-first: a unit is followed by its descendants, siblings in their sort order.
        var byParentPath = rows.ToLookup(u => u.Path[..(u.Path.TrimEnd('/').LastIndexOf('/') + 1)]);
        var result = new List<UnitFilterOption>(rows.Count);
        foreach (var root in rows.Where(r => r.Level == baseLevel).OrderBy(r => r.SortOrder).ThenBy(r => r.Id))
            Add(root.Id, root.ShortName, root.Path, root.Level);
        return result;

        void Add(int id, string name, string unitPath, int level)
        {
            result.Add(new UnitFilterOption(id, name, level - baseLevel));
            foreach (var child in byParentPath[unitPath].OrderBy(c => c.SortOrder).ThenBy(c => c.Id))
                Add(child.Id, child.ShortName, child.Path, child.Level);
        }
    }

    /// <summary>An item for the 公文信息 form: only the reporters of its unit may edit it, and never once adopted.</summary>
    public async Task<ItemForEdit> GetForEditAsync(Caller caller, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Items.AsNoTracking()
            .Where(i => i.Id == id).Where(ItemScope.Visible(caller))
            .Select(i => new
            {
                i.Id, i.Title, i.Body, i.Category, i.State, i.Version, i.UnitId, i.CommissionId,
                Attachments = i.Attachments.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                    .Select(a => new AttachmentInfo(a.Id, a.FileName, a.Size, a.UploadedAt)).ToList(),
            })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        if (item.UnitId != caller.UnitId) throw new ForbiddenException("只能修改本单位的公文");
        if (InfoItem.EditRefusalFor(item.State) is { } refusal) throw new DomainException(refusal);
        return new ItemForEdit(item.Id, item.Title, item.Body, item.Category, item.State, item.Version, item.Attachments, item.CommissionId);
    }

    /// <summary>新增 + 保存: a new draft of the caller's unit.</summary>
    public async Task<SavedItem> CreateAsync(Caller caller, ItemInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        var (title, body, category) = Validate(input);
        var saved = await write.RunAsync(caller, async w =>
        {
            var item = InfoItem.NewDraft(caller.UnitId, caller.UserId, title, body, category);
            if (input.CommissionId is { } commissionId) await CommissionService.CheckAnswerableAsync(w.Db, caller, commissionId, ct);
            item.CommissionId = input.CommissionId;
            w.Db.Items.Add(item);
            await w.SaveAsync(ct); // the audit line needs the id
            w.Audit("新增公文", AuditEntityTypes.Item, item.Id, title);
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved, item.Id, item.UnitId));
            return item;
        }, ct);
        return new SavedItem(saved.Id, saved.Version);
    }

    /// <summary>修改 + 保存: edits title, body and category of an item of the caller's unit that is not adopted; the state stays as it was.</summary>
    public async Task<SavedItem> UpdateAsync(Caller caller, int id, int expectedVersion, ItemInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        var (title, body, category) = Validate(input);
        var saved = await write.RunAsync(caller, async w =>
        {
            var item = (await LoadForChangeAsync(w.Db, caller, [id], ct))[0];
            if (item.Version != expectedVersion) throw new ConcurrencyException();
            item.Edit(title, body, category);
            if (input.CommissionId != item.CommissionId)
            {
                // 约稿: chosen or changed while the item waits for review (a draft or reported), never once reviewed.
                if (item.State is not (ItemState.Draft or ItemState.Reported)) throw new DomainException("已审核的公文不能更改所回应的约稿");
                if (input.CommissionId is { } commissionId) await CommissionService.CheckAnswerableAsync(w.Db, caller, commissionId, ct);
                item.CommissionId = input.CommissionId;
            }
            w.Audit("修改公文", AuditEntityTypes.Item, item.Id, title);
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved, item.Id, item.UnitId));
            return item;
        }, ct);
        return new SavedItem(saved.Id, saved.Version);
    }

    /// <summary>上报 + 确定: the ticked drafts or rejected items become 已上报 dated now — all of them or none.</summary>
    public async Task ReportAsync(Caller caller, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        var distinct = CheckBatch(ids, "请勾选需要上报的公文");
        await write.RunAsync(caller, async w =>
        {
            var items = await LoadForChangeAsync(w.Db, caller, distinct, ct);
            foreach (var item in items)
            {
                try { item.Report(w.Now); }
                catch (DomainException ex) when (ex is not NotFoundException) { throw new DomainException($"《{item.Title}》{ex.Message}"); }
                w.Audit("上报公文", AuditEntityTypes.Item, item.Id, item.Title);
                w.Publish(new ChangeEvent(ChangeKind.ItemReported, item.Id, item.UnitId));
            }
            await NotificationService.NotifyReviewersAsync(w, items, caller.UnitPath, i => $"{caller.UnitName}上报《{i.Title}》，待审核", ct);
        }, ct);
    }

    /// <summary>删除 + 确定: removes the ticked items of the caller's unit and their files; refused for adopted items — all or none.</summary>
    public async Task DeleteAsync(Caller caller, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        var distinct = CheckBatch(ids, "请勾选需要删除的公文");
        await write.RunAsync(caller, async w =>
        {
            var items = await LoadForChangeAsync(w.Db, caller, distinct, ct);
            var storedNames = await w.Db.Attachments.Where(a => distinct.Contains(a.InfoItemId)).Select(a => a.StoredName).ToListAsync(ct);
            foreach (var item in items)
            {
                if (item.EditRefusal is { } refusal) throw new DomainException($"《{item.Title}》已录用，{refusal}");
                w.Audit("删除公文", AuditEntityTypes.Item, item.Id, item.Title);
            }
            w.Db.Items.RemoveRange(items); // attachments rows cascade
            // Files go after the commit: a failed delete leaves the rows and their files intact.
            w.AfterCommit(() => { foreach (var name in storedNames) store.Delete(name); });
            foreach (var item in items) w.Publish(new ChangeEvent(ChangeKind.ItemDeleted, item.Id, item.UnitId));
        }, ct);
    }

    /// <summary>Checks and normalises the form's input; throws a Chinese message for the first problem.</summary>
    public static (string Title, string Body, InfoCategory Category) Validate(ItemInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = (input.Title ?? "").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ').Trim();
        if (title.Length == 0) throw new DomainException("请填写标题");
        if (title.Length > InfoItem.TitleMaxLength) throw new DomainException($"标题不能超过{InfoItem.TitleMaxLength}个字");
        TextRules.EnsureSafe(title, "标题");
        var body = (input.Body ?? "").Replace("\r\n", "\n").Replace('\r', '\n').TrimEnd();
        if (string.IsNullOrWhiteSpace(body)) throw new DomainException("请填写正文");
        if (body.Length > InfoItem.BodyMaxLength) throw new DomainException($"正文不能超过{InfoItem.BodyMaxLength}个字，较长的内容请以附件形式上传");
        TextRules.EnsureSafe(body, "正文", multiline: true);
        if (input.Category is not { } category || !Enum.IsDefined(category)) throw new DomainException("请选择信息分类");
        return (title, body, category);
    }

    /// <summary>
    /// The scope and filter of the list; validates the requested unit and dates. Units are tested as
    /// <c>UnitId IN (ids of a subtree)</c>, so that SQLite drives the composite (UnitId, Category, ReportedAt, State)
    /// index from a handful of units for the count, and scans (Category, ReportedAt, UnitId, State) in 上报日期
    /// order for a page — both covering, no item row read before the page's 20.
    /// </summary>
    /// <param name="exactCount">An exact count or every row (export, a page past <see cref="ItemSearch.CountCap"/>): no shape that is fast only near the top of the list.</param>
    private static async Task<ItemSearch.Filter> FilterAsync(AppDbContext db, Caller caller, ItemListQuery query, CancellationToken ct, bool exactCount)
    {
        IQueryable<int> Subtree(string path) => db.Units.SubtreeIds(path);

        IQueryable<InfoItem> items;
        if (query.UnitId is { } unitId)
        {
            var unitPath = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            var inScope = unitPath is not null && caller.SeesUnit(unitId, unitPath);
            if (!inScope) throw new DomainException("所选报送工会不在您的查询范围内");
            // A unit stands for its subtree: 姑苏区总 includes its street unions.
            if (caller.SeesSubtree && !caller.IsReporter)
            {
                // The chosen subtree lies inside the caller's: the scope narrowed to it is the scope AND the filter.
                items = db.Items.AsNoTracking().Where(ItemScope.Visible(caller, Subtree(unitPath!), UnitScope.IsTopLevel(unitPath!)));
            }
            else
            {
                items = db.Items.AsNoTracking().Where(ItemScope.Visible(caller, Subtree(caller.UnitPath)));
                var chosen = Subtree(unitPath!);
                if (caller.SeesSubtree) items = items.Where(i => chosen.Contains(i.UnitId));
                // A reporter alone sees only its own unit, which is the only unit it may choose: nothing to add.
            }
        }
        else
        {
            items = db.Items.AsNoTracking().Where(ItemScope.Visible(caller, Subtree(caller.UnitPath), UnitScope.IsTopLevel(caller.UnitPath)));
        }

        if (query.Category is { } category)
        {
            if (!Enum.IsDefined(category)) throw new DomainException("信息分类无效");
            items = items.Where(i => i.Category == category);
        }

        items = query.Adoption switch
        {
            AdoptionFilter.All => items,
            AdoptionFilter.NotReported => items.Where(i => i.State == ItemState.Draft),
            AdoptionFilter.Reported => items.Where(i => i.State == ItemState.Reported),
            AdoptionFilter.Adopted => items.Where(i => i.State == ItemState.Adopted),
            // 未录用 = put before a reviewer but carrying no adoption: 已上报 or 已驳回 (drafts excluded).
            AdoptionFilter.NotAdopted => items.Where(i => i.State == ItemState.Reported || i.State == ItemState.Rejected),
            AdoptionFilter.Rejected => items.Where(i => i.State == ItemState.Rejected),
            // 待审核: reported and neither adopted nor rejected — the state 已上报 (an adoption moves an item out of it,
            // removing its last adoption back in).
            AdoptionFilter.AwaitingReview => items.Where(i => i.State == ItemState.Reported),
            _ => throw new DomainException("录用情况无效"),
        };

        DateRules.EnsureOrdered(query.ReportedFrom, query.ReportedTo, "报送");
        if (query.ReportedFrom is { } start)
        {
            DateRules.EnsureInRange(start.Year, "报送开始日期");
            var fromUtc = ChinaTime.StartOfDayUtc(start);
            items = items.Where(i => i.ReportedAt >= fromUtc);
        }
        if (query.ReportedTo is { } end)
        {
            DateRules.EnsureInRange(end.Year, "报送结束日期");
            var toUtcExclusive = ChinaTime.StartOfDayUtc(end.AddDays(1));
            items = items.Where(i => i.ReportedAt < toUtcExclusive);
        }

        // Last, so that it narrows rows already in the caller's scope; it never adds any.
        if (ItemSearch.Normalize(query.Keyword) is { } keyword) return await ItemSearch.ApplyAsync(db, items, keyword, ct, exactCount);
        return new ItemSearch.Filter(items, false);
    }

    /// <summary>
    /// Sorting is done by the database. By 上报日期 descending (the default) drafts, which have no
    /// 上报日期 yet, come first — they are the newest work; ascending puts them last. Ties fall back to the id.
    /// When no draft can be in the result (a reviewer, a date range, a state filter) the "no 上报日期 first" term
    /// is left out: it is constant then, and without it the (…, ReportedAt, …) index yields the order directly,
    /// so a page stops reading after its last row instead of sorting every match.
    /// </summary>
    private static IQueryable<InfoItem> Sort(IQueryable<InfoItem> items, ItemListQuery query, bool draftsPossible) =>
        (query.SortBy, query.Descending, draftsPossible) switch
        {
            (ItemSortField.Title, false, _) => items.OrderBy(i => i.Title).ThenByDescending(i => i.Id),
            (ItemSortField.Title, true, _) => items.OrderByDescending(i => i.Title).ThenByDescending(i => i.Id),
            (ItemSortField.Unit, false, _) => items.OrderBy(i => i.Unit!.SortOrder).ThenBy(i => i.UnitId)
                .ThenByDescending(i => i.ReportedAt == null).ThenByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id),
            (ItemSortField.Unit, true, _) => items.OrderByDescending(i => i.Unit!.SortOrder).ThenByDescending(i => i.UnitId)
                .ThenByDescending(i => i.ReportedAt == null).ThenByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id),
            (_, false, true) => items.OrderBy(i => i.ReportedAt == null).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id),
            (_, false, false) => items.OrderBy(i => i.ReportedAt).ThenBy(i => i.Id),
            (_, true, true) => items.OrderByDescending(i => i.ReportedAt == null).ThenByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id),
            (_, true, false) => items.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id),
        };

    /// <summary>Whether the result can hold drafts (no 上报日期): only reporters see drafts, and neither a date range nor a state filter other than 全部/未上报 lets them through.</summary>
    private static bool DraftsPossible(Caller caller, ItemListQuery query) =>
        caller.IsReporter && query.ReportedFrom is null && query.ReportedTo is null
        && query.Adoption is AdoptionFilter.All or AdoptionFilter.NotReported;

    /// <summary>The row shape, adoptions included as a nested collection: EF Core loads it in the same SQL statement.</summary>
    private static IQueryable<ItemListRow> Project(IQueryable<InfoItem> items) =>
        items.Select(i => new ItemListRow(
            i.Id,
            i.Title,
            i.Category,
            i.UnitId,
            i.Unit!.ShortName,
            i.ReportedAt,
            i.State,
            i.Adoptions.Select(a => new ItemAdoptionCell(a.PublicationId, a.AdoptedAt)).ToList(),
            null));

    /// <summary>
    /// Loads tracked items for a change: unknown or invisible ids are indistinguishable (NotFound);
    /// visible items of another unit (a reviewer's subtree) are refused (Forbidden).
    /// </summary>
    private static async Task<List<InfoItem>> LoadForChangeAsync(AppDbContext db, Caller caller, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var items = await db.Items.Include(i => i.Adoptions)
            .Where(i => ids.Contains(i.Id)).Where(ItemScope.Visible(caller))
            .OrderBy(i => i.Id)
            .ToListAsync(ct);
        if (items.Count != ids.Count) throw new NotFoundException();
        if (items.Any(i => !ItemScope.CanChange(caller, i))) throw new ForbiddenException("只能修改本单位的公文");
        return items;
    }

    private static List<int> CheckBatch(IReadOnlyCollection<int> ids, string emptyMessage)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0) throw new DomainException(emptyMessage);
        if (distinct.Count > MaxBatch) throw new DomainException($"一次最多处理{MaxBatch}条公文");
        return distinct;
    }
}
