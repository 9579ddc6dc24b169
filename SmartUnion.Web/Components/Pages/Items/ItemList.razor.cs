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

    private MudTable<ItemListRow>? table;
    private Caller? caller;
    private IReadOnlyList<UnitFilterOption> units = [];
    private IReadOnlyList<PublicationColumnGroup> columns = [];
    private IReadOnlyList<ItemListRow> rows = [];
    private readonly HashSet<int> selected = [];
    private IDisposable? subscription;
    private bool busy;
    private bool exporting;
    private readonly CancellationTokenSource disposed = new();

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

    /// <summary>The filter and sort of the rows on screen (for 导出Excel).</summary>
    public ItemListQuery CurrentQuery { get; private set; } = new();

    /// <summary>The ticked rows of the current page.</summary>
    public IReadOnlyCollection<int> SelectedIds => selected;

    private IEnumerable<PublicationColumn> Publications => columns.SelectMany(g => g.Publications);

    private string? DateRangeError => filterFrom is { } f && filterTo is { } t && t.Date < f.Date ? "报送结束日期不能早于报送开始日期" : null;

    private bool? AllOnPageState => rows.Count == 0 || selected.Count == 0 ? false
        : rows.All(r => selected.Contains(r.Id)) ? true : null;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            caller = await CurrentCaller.GetAsync();
            units = await Items.GetUnitOptionsAsync(caller);
            columns = await Items.GetPublicationColumnsAsync(caller);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        subscription = Notifier.Subscribe(OnChangeAsync);
    }

    private async Task<TableData<ItemListRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        CurrentQuery = CurrentQuery with
        {
            SortBy = Enum.TryParse<ItemSortField>(state.SortLabel, out var sortBy) ? sortBy : ItemSortField.ReportedAt,
            Descending = state.SortDirection != SortDirection.Ascending,
            Page = state.Page,
            PageSize = state.PageSize,
        };
        try
        {
            caller ??= await CurrentCaller.GetAsync();
            var filterKey = CurrentQuery with { SortBy = default, Descending = default, Page = 0, PageSize = 0, KnownTotal = null };
            var request = filterKey == countedFilter ? CurrentQuery with { KnownTotal = countedTotal } : CurrentQuery;
            var page = await Items.ListAsync(caller, request, ct);
            (countedFilter, countedTotal) = (filterKey, page.TotalCount);
            rows = page.Rows;
            // A tick only stands for a row the user can see.
            selected.IntersectWith(rows.Select(r => r.Id));
            return new TableData<ItemListRow> { Items = page.Rows, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException)
        {
            return new TableData<ItemListRow> { Items = rows, TotalItems = rows.Count };
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            rows = [];
            selected.Clear();
            return new TableData<ItemListRow> { Items = [], TotalItems = 0 };
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
        if (table is not null) await table.ReloadServerData();
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
        if (row.State == ItemState.Adopted)
        {
            Snackbar.Add("已录用的公文不可以修改或删除", Severity.Error);
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
        if (table is not null) await table.ReloadServerData();
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
        if (table is not null) await table.ReloadServerData();
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

    private async Task OnChangeAsync(ChangeEvent change)
    {
        if (change.Kind is not (ChangeKind.ItemSaved or ChangeKind.ItemDeleted or ChangeKind.ItemReported
            or ChangeKind.ItemAdopted or ChangeKind.ItemUnadopted or ChangeKind.ItemRejected or ChangeKind.SettingsChanged))
            return;
        await InvokeAsync(async () =>
        {
            if (change.Kind == ChangeKind.SettingsChanged && caller is not null)
                columns = await Items.GetPublicationColumnsAsync(caller);
            countedFilter = null;
            if (table is not null) await table.ReloadServerData();
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        subscription?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }
}
