using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Dialogs;
using SmartUnion.Web.Endpoints;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>办公工作 › 公文信息: filters, the server-paged list with one column per publication, 新增/修改/删除/上报, 驳回, 查看积分排名, 导出Excel.</summary>
public partial class ItemList
{
    private static readonly int[] pageSizes = [10, 20, 50, 100];

    [Inject] private ItemService Items { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IChangeNotifier Notifier { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService DialogService { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private AdoptionService Adoptions { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private Caller? caller;
    private IReadOnlyList<UnitFilterOption> units = [];
    private IReadOnlyList<PublicationColumnGroup> columns = [];
    private IReadOnlyList<ItemListRow> rows = [];
    private readonly HashSet<int> selected = [];
    private LiveRequery? live;
    private ItemListScope? scope;
    private volatile bool settingsChanged;
    private bool busy;
    private bool exporting;
    private readonly CancellationTokenSource disposed = new();

    // The page of the table: its position, size, sort and the rows' count for the applied filter.
    private int page;
    private int pageSize = ItemListQuery.DefaultPageSize;
    private ItemSortField sortBy = ItemSortField.ReportedAt;
    private bool descending = true;
    private int totalCount;
    private bool loading;
    private bool loaded;
    private CancellationTokenSource? loadCancellation;
    private ElementReference selectAllBox;
    private bool? renderedAllState = false;

    // Whether each filter select is open (its items render only then).
    private bool unitOpen;
    private bool categoryOpen;
    private bool adoptionOpen;

    // Filter inputs; they apply when 搜索 is clicked.
    private int? filterUnitId;
    private InfoCategory? filterCategory;
    private AdoptionFilter filterAdoption = AdoptionFilter.All;
    private DateTime? filterFrom;
    private DateTime? filterTo;

    // The count of the current filter, reused while only the page or the sort changes (a count can read a
    // million index entries at province scale); forgotten on 搜索, after a change and after 上报/删除.
    private ItemListQuery? countedFilter;
    private int countedTotal;

    /// <summary>
    /// How long the list waits after a change event before it re-queries, so that a burst (上报 of 50 ticked items is
    /// 50 events) costs one query per open list, not one per event.
    /// </summary>
    internal static TimeSpan ChangeQuietPeriod => LiveRequery.QuietPeriod;

    /// <summary>How many times the list has queried its rows (for tests).</summary>
    internal int LoadCount { get; private set; }

    /// <summary>The filter and sort of the rows on screen (for 导出Excel).</summary>
    public ItemListQuery CurrentQuery { get; private set; } = new();

    /// <summary>The ticked rows of the current page.</summary>
    public IReadOnlyCollection<int> SelectedIds => selected;

    private IEnumerable<PublicationColumn> Publications => columns.SelectMany(g => g.Publications);

    private int ColumnCount => 6 + columns.Sum(g => g.Publications.Count);

    private int LastPage => totalCount == 0 ? 0 : (totalCount - 1) / pageSize;

    private string PageInfo => totalCount == 0 ? "共 0 条"
        : $"第 {page * pageSize + 1}-{Math.Min(totalCount, (page + 1) * pageSize)} 条，共 {totalCount} 条";

    private string UnitText(int? unitId) => unitId is { } id ? units.FirstOrDefault(u => u.Id == id)?.Name ?? "" : "全部";

    private static string CategoryText(InfoCategory? category) => category?.Text() ?? "全部";

    private static string AdoptionText(AdoptionFilter option) => option.Text();

    /// <summary>The 录用情况 choices the caller is offered.</summary>
    internal IReadOnlyList<AdoptionFilter> AdoptionOptions => AdoptionOptionsFor(caller);

    /// <summary>The 录用情况 choices for a caller: 未上报 (drafts) only for reporters, the only ones who ever see a draft.</summary>
    internal static IReadOnlyList<AdoptionFilter> AdoptionOptionsFor(Caller? caller) =>
        caller?.IsReporter == true
            ? Enum.GetValues<AdoptionFilter>()
            : Enum.GetValues<AdoptionFilter>().Where(f => f != AdoptionFilter.NotReported).ToArray();

    private string SortDirectionOf(ItemSortField field) => field != sortBy ? "none" : descending ? "desc" : "asc";

    private string? AriaSort(ItemSortField field) => field != sortBy ? null : descending ? "descending" : "ascending";

    private string? DateRangeError => filterFrom is { } f && filterTo is { } t && t.Date < f.Date ? DateRules.EndBeforeStartMessage("报送") : null;

    private bool? AllOnPageState => rows.Count == 0 || selected.Count == 0 ? false
        : rows.All(r => selected.Contains(r.Id)) ? true : null;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            caller = await CurrentCaller.GetAsync();
            units = await Items.GetUnitOptionsAsync(caller);
            columns = await Items.GetPublicationColumnsAsync(caller);
            scope = await Items.GetListScopeAsync(caller);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        live = new LiveRequery(Notifier, Concerns, work => InvokeAsync(work), RequeryAsync);
        if (caller is not null) await LoadAsync();
    }

    /// <summary>
    /// Loads the current page for the applied filter and sort. A newer load cancels an older one still running;
    /// a page past the end (after deletions elsewhere) moves to the last page.
    /// </summary>
    private async Task LoadAsync()
    {
        loadCancellation?.Cancel();
        loadCancellation?.Dispose();
        var cancellation = loadCancellation = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        CurrentQuery = CurrentQuery with { SortBy = sortBy, Descending = descending, Page = page, PageSize = pageSize };
        loading = true;
        LoadCount++;
        try
        {
            caller ??= await CurrentCaller.GetAsync();
            var filterKey = CurrentQuery with { SortBy = default, Descending = default, Page = 0, PageSize = 0, KnownTotal = null };
            var request = filterKey == countedFilter ? CurrentQuery with { KnownTotal = countedTotal } : CurrentQuery;
            var result = await Items.ListAsync(caller, request, cancellation.Token);
            if (cancellation.IsCancellationRequested) return;
            (countedFilter, countedTotal) = (filterKey, result.TotalCount);
            totalCount = result.TotalCount;
            rows = result.Rows;
            // A tick only stands for a row the user can see.
            selected.IntersectWith(rows.Select(r => r.Id));
            if (rows.Count == 0 && page > LastPage)
            {
                page = LastPage;
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
            Snackbar.Add(ex.Message, Severity.Error);
            rows = [];
            totalCount = 0;
            selected.Clear();
        }
        if (cancellation == loadCancellation)
        {
            loading = false;
            loaded = true;
        }
    }

    private async Task GoToPageAsync(int target)
    {
        page = Math.Clamp(target, 0, LastPage);
        await LoadAsync();
    }

    private async Task ChangePageSizeAsync(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), out var size) || !pageSizes.Contains(size)) return;
        // Keep the first row of the page in view.
        page = page * pageSize / size;
        pageSize = size;
        await LoadAsync();
    }

    /// <summary>A click on a column's sort label: the same column flips its direction; another starts ascending (上报日期: newest first).</summary>
    private async Task SortByAsync(ItemSortField field)
    {
        if (field == sortBy) descending = !descending;
        else (sortBy, descending) = (field, field == ItemSortField.ReportedAt);
        page = 0;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A check box's "partly ticked" look is a DOM property, not an attribute: set it when it changes.
        var state = AllOnPageState;
        if (state == renderedAllState) return;
        renderedAllState = state;
        try
        {
            await JS.InvokeVoidAsync("smartUnion.setIndeterminate", selectAllBox, state is null);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
            // the page was left
        }
    }

    private async Task SearchAsync()
    {
        if (DateRangeError is { } error)
        {
            Snackbar.Add(error, Severity.Error);
            return;
        }
        CurrentQuery = CurrentQuery with
        {
            UnitId = filterUnitId,
            Category = filterCategory,
            Adoption = filterAdoption,
            ReportedFrom = filterFrom is { } f ? DateOnly.FromDateTime(f) : null,
            ReportedTo = filterTo is { } t ? DateOnly.FromDateTime(t) : null,
        };
        selected.Clear();
        countedFilter = null;
        page = 0;
        await LoadAsync();
    }

    private void Toggle(int id, bool on)
    {
        if (on) selected.Add(id); else selected.Remove(id);
    }

    private void ToggleAll(bool? on)
    {
        if (on == true) selected.UnionWith(rows.Select(r => r.Id)); else selected.Clear();
    }

    private void EditSelected()
    {
        if (selected.Count != 1)
        {
            Snackbar.Add("请勾选一条公文进行修改", Severity.Warning);
            return;
        }
        var row = rows.First(r => selected.Contains(r.Id));
        if (InfoItem.EditRefusalFor(row.State) is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Error);
            return;
        }
        Navigation.NavigateTo($"items/{row.Id}/edit");
    }

    private Task DeleteSelectedAsync() => RunOnSelectedAsync("删除", "请勾选需要删除的公文",
        n => $"确定删除选中的{n}条公文吗？删除后附件一并删除，不可恢复。", Items.DeleteAsync, "删除成功");

    private Task ReportSelectedAsync() => RunOnSelectedAsync("上报", "请勾选需要上报的公文",
        n => $"确定上报选中的{n}条公文吗？", Items.ReportAsync, "上报成功");

    private async Task RunOnSelectedAsync(string action, string noneMessage, Func<int, string> question,
        Func<Caller, IReadOnlyCollection<int>, CancellationToken, Task> run, string doneMessage)
    {
        if (selected.Count == 0)
        {
            Snackbar.Add(noneMessage, Severity.Warning);
            return;
        }
        var ids = selected.ToList();
        var confirmed = await DialogService.ShowMessageBoxAsync($"{action}公文", question(ids.Count), yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        busy = true;
        try
        {
            await run(caller!, ids, CancellationToken.None);
            Snackbar.Add(doneMessage, Severity.Success);
            selected.Clear();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
        countedFilter = null;
        await LoadAsync();
    }

    /// <summary>驳回 (reviewers): the ticked items with one reason, all or nothing.</summary>
    private async Task RejectSelectedAsync()
    {
        if (selected.Count == 0)
        {
            Snackbar.Add("请勾选需要驳回的公文", Severity.Warning);
            return;
        }
        var ids = selected.ToList();
        // Refused before the reason is asked for; RejectManyAsync checks again in its transaction.
        try
        {
            var adopted = await Adoptions.FindAdoptedAsync(caller!, ids);
            if (adopted.Count > 0)
            {
                Snackbar.Add(AdoptionService.AdoptedRefusal(adopted), Severity.Error);
                return;
            }
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return;
        }
        var reason = await RejectDialog.ShowAsync(DialogService, ids.Count);
        if (reason is null) return;
        busy = true;
        try
        {
            var count = await Adoptions.RejectManyAsync(caller!, ids, reason);
            Snackbar.Add($"已驳回{count}条公文", Severity.Success);
            selected.Clear();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
        await LoadAsync();
    }

    private Task ShowRankingAsync() => RankingDialog.ShowAsync(DialogService);

    /// <summary>
    /// 导出Excel: the rows of the applied filter and sort (every page) from GET /items/export, fetched by the
    /// browser with its own sign-in cookie; the endpoint applies the caller's scope again.
    /// </summary>
    private async Task ExportAsync()
    {
        if (exporting) return;
        exporting = true;
        try
        {
            var url = Navigation.ToAbsoluteUri(ItemExportEndpoints.UrlFor(CurrentQuery)).ToString();
            // With a token the call has no interop timeout: a big export is not cut short, only leaving the page ends it.
            var refused = await JS.InvokeAsync<string?>("smartUnion.downloadFromUrl", disposed.Token, url);
            if (refused is not null) Snackbar.Add(refused, Severity.Error);
        }
        catch (JSException)
        {
            Snackbar.Add("导出失败，请稍后重试", Severity.Error);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
            // the page was left
        }
        finally
        {
            exporting = false;
        }
    }

    /// <summary>
    /// Whether a change may concern the list: item events of units in the caller's scope, and settings (publication
    /// columns, units), which also reload the columns and unit options.
    /// </summary>
    private bool Concerns(ChangeEvent change)
    {
        if (change.Kind == ChangeKind.SettingsChanged) settingsChanged = true;
        else if (!IsItemChange(change.Kind) || scope?.Concerns(change) == false) return false;
        return true;
    }

    private async Task RequeryAsync()
    {
        if (settingsChanged && caller is not null)
        {
            settingsChanged = false;
            columns = await Items.GetPublicationColumnsAsync(caller);
            units = await Items.GetUnitOptionsAsync(caller);
            scope = await Items.GetListScopeAsync(caller);
        }
        countedFilter = null;
        await LoadAsync();
        StateHasChanged();
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
