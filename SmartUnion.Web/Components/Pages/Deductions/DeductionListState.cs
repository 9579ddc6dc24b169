using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Deductions;

/// <summary>
/// The state of 扣分管理, without any UI: the filter, the rows of the applied filter, the page on screen (paged here:
/// a filter's deductions are few), the ticked rows and the live re-query. DeductionListStateTests test it without a renderer.
/// </summary>
public sealed class DeductionListState(DeductionService deductions, Caller caller, Action<string> showError) : IDisposable
{
    public static readonly IReadOnlyList<int> PageSizes = [20, 50, 100];

    private readonly HashSet<int> selected = [];
    private LiveRequery? live;

    public Caller Caller => caller;
    public bool CanManage { get; } = DeductionService.CanManage(caller);
    public IReadOnlyList<UnitOption> FilterUnits { get; private set; } = [];
    public int? FilterUnitId { get; set; }
    public DateTime? FilterFrom { get; set; }
    public DateTime? FilterTo { get; set; }

    /// <summary>Every row of the filter, all pages.</summary>
    public IReadOnlyList<DeductionRow> Rows { get; private set; } = [];
    public int Page { get; private set; }
    public int PageSize { get; private set; } = PageSizes[0];
    public IEnumerable<DeductionRow> PageRows => Rows.Skip(Page * PageSize).Take(PageSize);
    public bool Loading { get; private set; }

    /// <summary>After every load and re-query (the page re-renders).</summary>
    public event Action? Changed;

    /// <summary>The ticked rows (on any page, as MudTable's multi-selection).</summary>
    public IReadOnlyList<DeductionRow> SelectedRows => Rows.Where(r => selected.Contains(r.Id)).ToList();
    public bool IsSelected(int id) => selected.Contains(id);
    public bool AllSelected => Rows.Count > 0 && Rows.All(r => selected.Contains(r.Id));

    public string? DateRangeError => FilterFrom is { } f && FilterTo is { } t && t.Date < f.Date ? DateRules.EndBeforeStartMessage() : null;

    /// <summary>Loads the filter's units and the rows, subscribes to changes (<paramref name="dispatch"/>: the page's InvokeAsync).</summary>
    public async Task StartAsync(IChangeNotifier notifier, Func<Func<Task>, Task> dispatch)
    {
        FilterUnits = await deductions.UnitsAsync(caller);
        await LoadAsync();
        live = new LiveRequery(notifier, change => change.Kind is ChangeKind.DeductionChanged or ChangeKind.SettingsChanged or ChangeKind.Resync,
            dispatch, LoadAsync);
    }

    /// <summary>搜索 and every reload: the rows of the filter; ticks stay on rows still listed; the page stays unless past the end.</summary>
    public async Task LoadAsync()
    {
        if (DateRangeError is { } error)
        {
            showError(error);
            return;
        }
        Loading = true;
        try
        {
            Rows = await deductions.ListAsync(caller, new DeductionFilter(FilterUnitId,
                FilterFrom is null ? null : DateOnly.FromDateTime(FilterFrom.Value),
                FilterTo is null ? null : DateOnly.FromDateTime(FilterTo.Value)));
            selected.IntersectWith(Rows.Select(r => r.Id));
            Page = Math.Min(Page, LastPage);
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
        }
        finally
        {
            Loading = false;
        }
        Changed?.Invoke();
    }

    private int LastPage => Rows.Count == 0 ? 0 : (Rows.Count - 1) / PageSize;

    public Task GoToPageAsync(int page)
    {
        Page = Math.Clamp(page, 0, LastPage);
        return Task.CompletedTask;
    }

    /// <summary>One of <see cref="PageSizes"/>; the first row of the page stays in view.</summary>
    public Task ChangePageSizeAsync(int size)
    {
        if (!PageSizes.Contains(size)) return Task.CompletedTask;
        (Page, PageSize) = (Page * PageSize / size, size);
        return Task.CompletedTask;
    }

    public void Toggle(int id, bool on)
    {
        if (on) selected.Add(id); else selected.Remove(id);
    }

    /// <summary>The select-all box ticks every row of the filter, as MudTable's did.</summary>
    public void ToggleAll(bool on)
    {
        if (on) selected.UnionWith(Rows.Select(r => r.Id)); else selected.Clear();
    }

    public void ClearSelection() => selected.Clear();

    public void Dispose() => live?.Dispose();
}
