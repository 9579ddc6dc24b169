using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// The state of the 公文信息 list, without any UI: filter inputs, the applied filter, page, page size and sort, the
/// ticked rows, the count cache and the live re-query. The page and its parts (ItemFilters, ItemToolbar, ItemTable)
/// render it; ItemListStateTests test it without a renderer.
/// </summary>
public sealed class ItemListState(ItemService items, Caller caller, Action<string> showError) : IDisposable
{
    public static readonly IReadOnlyList<int> PageSizes = [10, 20, 50, 100];

    private readonly HashSet<int> selected = [];
    private readonly CancellationTokenSource disposed = new();
    private CancellationTokenSource? loadCancellation;
    private LiveRequery? live;
    private ItemListScope? scope;
    private volatile bool settingsChanged;

    // The count of the current filter, reused while only the page or the sort changes (a count can read a
    // million index entries at province scale); forgotten on 搜索, after a change and after 上报/删除.
    private ItemListQuery? countedFilter;
    private int countedTotal;

    public Caller Caller => caller;
    public IReadOnlyList<UnitFilterOption> Units { get; private set; } = [];
    public IReadOnlyList<PublicationColumnGroup> Columns { get; private set; } = [];
    public IReadOnlyList<ItemListRow> Rows { get; private set; } = [];
    public IEnumerable<PublicationColumn> Publications => Columns.SelectMany(g => g.Publications);

    // Filter inputs; they apply on 搜索.
    public int? FilterUnitId { get; set; }
    public InfoCategory? FilterCategory { get; set; }
    public AdoptionFilter FilterAdoption { get; set; } = AdoptionFilter.All;
    public DateTime? FilterFrom { get; set; }
    public DateTime? FilterTo { get; set; }
    /// <summary>关键字 (标题 or 正文 contains it).</summary>
    public string? FilterKeyword { get; set; }

    /// <summary>The keyword of the applied filter, trimmed (what the table highlights); null without one.</summary>
    public string? AppliedKeyword => string.IsNullOrWhiteSpace(CurrentQuery.Keyword) ? null : CurrentQuery.Keyword.Trim();

    /// <summary>The applied filter, sort and page (for 导出Excel).</summary>
    public ItemListQuery CurrentQuery { get; private set; } = new();
    public int Page => CurrentQuery.Page;
    public int PageSize => CurrentQuery.PageSize;
    public int TotalCount { get; private set; }
    /// <summary>A keyword matched more than <see cref="ItemSearch.CountCap"/> rows and the exact count is on its way ("1000+").</summary>
    public bool TotalIsLowerBound { get; private set; }
    public bool Loading { get; private set; }
    public bool Loaded { get; private set; }

    /// <summary>How many times the list has queried its rows (for tests).</summary>
    public int LoadCount { get; private set; }

    /// <summary>After every load and re-query (the page re-renders).</summary>
    public event Action? Changed;

    /// <summary>The ticked rows of the current page.</summary>
    public IReadOnlyCollection<int> SelectedIds => selected;

    public bool IsSelected(int id) => selected.Contains(id);

    /// <summary>The select-all box: ticked, unticked or (null) partly ticked.</summary>
    public bool? AllOnPageState => Rows.Count == 0 || selected.Count == 0 ? false : Rows.All(r => selected.Contains(r.Id)) ? true : null;

    public string? DateRangeError => FilterFrom is { } f && FilterTo is { } t && t.Date < f.Date ? DateRules.EndBeforeStartMessage("报送") : null;

    /// <summary>The 录用情况 choices the caller is offered.</summary>
    public IReadOnlyList<AdoptionFilter> AdoptionOptions => AdoptionOptionsFor(caller);

    /// <summary>
    /// The 录用情况 choices for a caller: 未上报 (drafts) only for reporters, the only ones who ever see a draft; 待审核
    /// (the review queue) only for reviewers.
    /// </summary>
    public static IReadOnlyList<AdoptionFilter> AdoptionOptionsFor(Caller? caller) =>
        AdoptionChoices[(caller?.IsReporter == true ? 1 : 0) + (caller?.IsReviewer == true ? 2 : 0)];

    // The four lists (by reporter, reviewer), built once: the filters show the same list instance on every render.
    private static readonly AdoptionFilter[][] AdoptionChoices = Enumerable.Range(0, 4).Select(roles =>
        Enum.GetValues<AdoptionFilter>()
            .Where(f => f != AdoptionFilter.NotReported || (roles & 1) != 0)
            .Where(f => f != AdoptionFilter.AwaitingReview || (roles & 2) != 0)
            .ToArray()).ToArray();

    public string UnitText(int? unitId) => unitId is { } id ? Units.FirstOrDefault(u => u.Id == id)?.Name ?? "" : "全部";

    public string SortDirectionOf(ItemSortField field) => field != CurrentQuery.SortBy ? "none" : CurrentQuery.Descending ? "desc" : "asc";

    public string? AriaSort(ItemSortField field) => field != CurrentQuery.SortBy ? null : CurrentQuery.Descending ? "descending" : "ascending";

    /// <summary>Loads units, columns and scope, subscribes to changes (<paramref name="dispatch"/>: the page's InvokeAsync), loads the first page.</summary>
    public async Task StartAsync(IChangeNotifier notifier, Func<Func<Task>, Task> dispatch)
    {
        try
        {
            await LoadSettingsAsync();
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
        }
        live = new LiveRequery(notifier, Concerns, dispatch, RequeryAsync);
        await LoadAsync();
    }

    private async Task LoadSettingsAsync()
    {
        Units = await items.GetUnitOptionsAsync(caller);
        Columns = await items.GetPublicationColumnsAsync(caller);
        scope = await items.GetListScopeAsync(caller);
    }

    /// <summary>
    /// Loads the current page for the applied filter and sort. A newer load cancels an older one still running;
    /// a page past the end (after deletions elsewhere) moves to the last page.
    /// </summary>
    public async Task LoadAsync()
    {
        loadCancellation?.Cancel();
        loadCancellation?.Dispose();
        var cancellation = loadCancellation = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        Loading = true;
        LoadCount++;
        try
        {
            var filterKey = CurrentQuery with { SortBy = default, Descending = default, Page = 0, PageSize = 0, KnownTotal = null };
            var request = filterKey == countedFilter ? CurrentQuery with { KnownTotal = countedTotal } : CurrentQuery;
            var result = await items.ListAsync(caller, request, cancellation.Token);
            if (cancellation.IsCancellationRequested) return;
            if (request.KnownTotal is null)
            {
                (countedFilter, countedTotal) = (filterKey, result.TotalCount);
                TotalIsLowerBound = result.TotalIsLowerBound;
                // The page shows at once with "1000+"; the exact count follows (a newer load cancels it).
                if (TotalIsLowerBound) _ = CountExactlyAsync(request, filterKey, cancellation.Token);
            }
            TotalCount = countedTotal;
            Rows = result.Rows;
            // A tick only stands for a row the user can see.
            selected.IntersectWith(Rows.Select(r => r.Id));
            var lastPage = LastPage;
            if (Rows.Count == 0 && Page > lastPage)
            {
                CurrentQuery = CurrentQuery with { Page = lastPage };
                await LoadAsync();
                return;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
            Rows = [];
            TotalCount = 0;
            TotalIsLowerBound = false;
            selected.Clear();
        }
        if (cancellation == loadCancellation)
        {
            Loading = false;
            Loaded = true;
        }
        Changed?.Invoke();
    }

    /// <summary>The exact count of a filter whose page said "1000+": the pager then offers every page.</summary>
    private async Task CountExactlyAsync(ItemListQuery request, ItemListQuery filterKey, CancellationToken token)
    {
        try
        {
            // On the thread pool: SQLite's provider completes synchronously, and the page must render first.
            var exact = await Task.Run(() => items.CountAsync(caller, request, token), token);
            if (token.IsCancellationRequested || countedFilter != filterKey) return;
            (countedTotal, TotalCount, TotalIsLowerBound) = (exact, exact, false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
            return;
        }
        Changed?.Invoke();
    }

    private int LastPage => TotalCount == 0 ? 0 : (TotalCount - 1) / PageSize;

    /// <summary>After a change of the rows (上报, 删除, 驳回 here or elsewhere): count again, reload.</summary>
    public Task ReloadAsync()
    {
        countedFilter = null;
        return LoadAsync();
    }

    public Task GoToPageAsync(int target)
    {
        CurrentQuery = CurrentQuery with { Page = Math.Clamp(target, 0, LastPage) };
        return LoadAsync();
    }

    /// <summary>One of <see cref="PageSizes"/>; the first row of the page stays in view.</summary>
    public Task ChangePageSizeAsync(int size)
    {
        if (!PageSizes.Contains(size)) return Task.CompletedTask;
        CurrentQuery = CurrentQuery with { Page = Page * PageSize / size, PageSize = size };
        return LoadAsync();
    }

    /// <summary>A click on a column's sort label: the same column flips its direction; another starts ascending (上报日期: newest first).</summary>
    public Task SortByAsync(ItemSortField field)
    {
        var descending = field == CurrentQuery.SortBy ? !CurrentQuery.Descending : field == ItemSortField.ReportedAt;
        CurrentQuery = CurrentQuery with { SortBy = field, Descending = descending, Page = 0 };
        return LoadAsync();
    }

    /// <summary>
    /// 搜索: applies the filter inputs from the first page; false (and nothing changes) when the dates are the wrong way
    /// round or the keyword is refused (too long, control characters). Choosing 待审核 sorts by 上报日期 oldest first
    /// (the queue); leaving it restores newest first.
    /// </summary>
    public async Task<bool> SearchAsync()
    {
        if (DateRangeError is { } error)
        {
            showError(error);
            return false;
        }
        string? keyword;
        try
        {
            keyword = ItemSearch.Normalize(FilterKeyword);
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
            return false;
        }
        var (sortBy, descending) = (CurrentQuery.SortBy, CurrentQuery.Descending);
        if (FilterAdoption != CurrentQuery.Adoption && (FilterAdoption.OldestFirst() || CurrentQuery.Adoption.OldestFirst()))
            (sortBy, descending) = (ItemSortField.ReportedAt, !FilterAdoption.OldestFirst());
        CurrentQuery = CurrentQuery with
        {
            UnitId = FilterUnitId,
            Category = FilterCategory,
            Adoption = FilterAdoption,
            ReportedFrom = FilterFrom is { } f ? DateOnly.FromDateTime(f) : null,
            ReportedTo = FilterTo is { } t ? DateOnly.FromDateTime(t) : null,
            Keyword = keyword,
            SortBy = sortBy,
            Descending = descending,
            Page = 0,
        };
        selected.Clear();
        await ReloadAsync();
        return true;
    }

    public void Toggle(int id, bool on)
    {
        if (on) selected.Add(id); else selected.Remove(id);
    }

    public void ToggleAll(bool on)
    {
        if (on) selected.UnionWith(Rows.Select(r => r.Id)); else selected.Clear();
    }

    public void ClearSelection() => selected.Clear();

    /// <summary>
    /// Whether a change may concern the list: item events of units in the caller's scope, and settings (publication
    /// columns, units), which also reload the columns and unit options; a Resync reloads all of it.
    /// </summary>
    public bool Concerns(ChangeEvent change)
    {
        if (change.Kind is ChangeKind.SettingsChanged or ChangeKind.Resync) settingsChanged = true;
        else if (!IsItemChange(change.Kind) || scope?.Concerns(change) == false) return false;
        return true;
    }

    private async Task RequeryAsync()
    {
        if (settingsChanged)
        {
            settingsChanged = false;
            try
            {
                await LoadSettingsAsync();
            }
            catch (DomainException ex)
            {
                showError(ex.Message);
            }
        }
        await ReloadAsync();
    }

    private static bool IsItemChange(ChangeKind kind) => kind is ChangeKind.ItemSaved or ChangeKind.ItemDeleted
        or ChangeKind.ItemReported or ChangeKind.ItemAdopted or ChangeKind.ItemUnadopted or ChangeKind.ItemRejected
        or ChangeKind.ItemRejectionUndone;

    public void Dispose()
    {
        live?.Dispose();
        disposed.Cancel();
        loadCancellation?.Dispose();
        disposed.Dispose();
    }
}
