using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Dialogs;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// 公文采用信息: the item, its attachments and the 录用情况 grid. Reviewers tick rows and 采用 or 驳回;
/// everyone else sees it read-only. Re-queries when the item changes elsewhere.
/// </summary>
public partial class ItemDetail : IDisposable
{
    private static readonly Dictionary<string, object> DownloadAttributes = new() { ["download"] = "" };

    [Parameter] public int Id { get; set; }

    [Inject] private AdoptionService Adoptions { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IChangeNotifier Changes { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Caller? caller;
    private ItemDetailModel? detail;
    private List<GridRow> rows = [];
    private bool notFound;
    private bool busy;
    private IDisposable? subscription;

    /// <summary>Reviewers of the subtree adopt reported or adopted items; a rejected one must be reported again first.</summary>
    private bool CanAdopt => detail is { CanReview: true, State: ItemState.Reported or ItemState.Adopted };

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
            subscription = Changes.Subscribe(OnChangeAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        caller = await CurrentCaller.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            detail = await Adoptions.GetDetailAsync(caller!, Id);
            notFound = false;
            var thisYear = ChinaTime.Today(Clock).Year;
            rows = detail.Rows.Select(r => new GridRow(r)
            {
                Ticked = r.IsAdopted,
                Year = r.Adoption?.Year ?? thisYear,
                Issue = r.Adoption?.Issue ?? 1,
            }).ToList();
        }
        catch (NotFoundException)
        {
            notFound = true;
            detail = null;
        }
    }

    private async Task OnChangeAsync(ChangeEvent change)
    {
        if (change.ItemId != Id || busy) return;
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    /// <summary>The year choices: next year back to the earliest allowed, plus a stored year outside that range.</summary>
    private IEnumerable<int> YearsFor(GridRow row)
    {
        var newest = ChinaTime.Today(Clock).Year + 1;
        var years = Enumerable.Range(Adoption.MinYear, newest - Adoption.MinYear + 1).Reverse();
        return row.Year > newest ? years.Prepend(row.Year) : years;
    }

    private async Task AdoptAsync()
    {
        if (detail is null) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("采用", "确定按所勾选的期刊保存录用情况吗？", yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        var ticked = rows.Where(r => r.Ticked)
            .Select(r => new AdoptionChoice(r.Source.PublicationId, r.Source.AdoptionFormId,
                r.Source.HasIssues ? r.Year : null, r.Source.HasIssues ? r.Issue : null))
            .ToList();
        await RunAsync(async () =>
        {
            var result = await Adoptions.SaveAdoptionsAsync(caller!, Id, detail.Version, ticked);
            Snackbar.Add(result.Changed ? "采用成功" : "录用情况没有变化", result.Changed ? Severity.Success : Severity.Info);
        });
    }

    private async Task RejectAsync()
    {
        if (detail is null) return;
        if (detail.State == ItemState.Adopted)
        {
            Snackbar.Add("已被录用的公文不可以被驳回", Severity.Error);
            return;
        }
        var reason = await RejectDialog.ShowAsync(Dialogs);
        if (reason is null) return;
        await RunAsync(async () =>
        {
            await Adoptions.RejectAsync(caller!, Id, detail.Version, reason);
            Snackbar.Add("驳回成功", Severity.Success);
        });
    }

    /// <summary>Runs a change, shows a refusal as a message, and reloads either way.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
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

    private static Color StateColor(ItemState state) => state switch
    {
        ItemState.Adopted => Color.Success,
        ItemState.Rejected => Color.Error,
        ItemState.Reported => Color.Info,
        _ => Color.Default,
    };

    public void Dispose() => subscription?.Dispose();

    /// <summary>The editable state of one grid row.</summary>
    private sealed class GridRow(AdoptionRow source)
    {
        public AdoptionRow Source { get; } = source;
        public bool Ticked { get; set; }
        public int Year { get; set; }
        public int Issue { get; set; }
    }
}
