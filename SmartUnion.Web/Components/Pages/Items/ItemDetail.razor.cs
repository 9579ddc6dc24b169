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
    private LiveRequery? live;

    /// <summary>Reviewers of the subtree adopt reported or adopted items; a rejected one must be reported again first.</summary>
    private bool CanAdopt => detail is { CanAdopt: true };

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
            live = new LiveRequery(Changes, change => change.ItemId == Id && !busy, work => InvokeAsync(work), RequeryAsync);
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
            // A row not adopted yet starts at this year and the periodical's current issue.
            var current = detail.CanReview
                ? await Adoptions.GetCurrentIssuesAsync(caller!)
                : new CurrentIssues(ChinaTime.Today(Clock).Year, new Dictionary<int, int>());
            rows = detail.Rows.Select(r => new GridRow(r)
            {
                Ticked = r.IsAdopted,
                Year = r.Adoption?.Year ?? current.Year,
                Issue = r.Adoption?.Issue ?? current.IssueFor(r.PublicationId),
            }).ToList();
        }
        catch (NotFoundException)
        {
            notFound = true;
            detail = null;
        }
    }

    private async Task RequeryAsync()
    {
        await LoadAsync();
        StateHasChanged();
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
        if (!rows.Any(r => r.HasPendingChange))
        {
            Snackbar.Add("请勾选需要采用的期刊", Severity.Warning);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("采用", "确定采用所勾选的期刊吗？", yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        var ticked = rows.Where(r => r.Ticked)
            .Select(r => new AdoptionChoice(r.Source.PublicationId, r.Source.AdoptionFormId,
                r.Source.HasIssues ? r.Year : null, r.Source.HasIssues ? r.Issue : null))
            .ToList();
        await RunAsync(async () =>
        {
            var result = await Adoptions.SaveAdoptionsAsync(caller!, Id, detail.Version, ticked);
            if (result.Added > 0) Snackbar.Add("采用成功", Severity.Success);
            else if (result.Changed) Snackbar.Add("采用期次已修改", Severity.Success);
            else Snackbar.Add("请勾选需要采用的期刊", Severity.Info);
        });
    }

    /// <summary>撤销采用 of one adopted row, after a confirmation naming it.</summary>
    private async Task UnadoptAsync(AdoptionRow row)
    {
        if (detail is null || row.Adoption is not { } adoption) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("撤销采用",
            $"确定撤销{row.PublicationName}（{row.FormName}）的录用吗？撤销后该录用的{adoption.Points}分不再计入积分。",
            yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Adoptions.UnadoptAsync(caller!, Id, adoption.Id, detail.Version);
            Snackbar.Add("撤销采用成功", Severity.Success);
        });
    }

    /// <summary>撤销驳回: a rejection made by mistake is taken back after a confirmation; the item is 已上报 again.</summary>
    private async Task UndoRejectAsync()
    {
        if (detail is null) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("撤销驳回", "确定撤销对该公文的驳回吗？撤销后公文恢复为已上报，驳回理由一并清除。",
            yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Adoptions.UndoRejectAsync(caller!, Id, detail.Version);
            Snackbar.Add("撤销驳回成功", Severity.Success);
        });
    }

    private async Task RejectAsync()
    {
        if (detail is null) return;
        if (detail.RejectRefusal is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Error);
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

    public void Dispose() => live?.Dispose();

    /// <summary>The editable state of one grid row.</summary>
    private sealed class GridRow(AdoptionRow source)
    {
        public AdoptionRow Source { get; } = source;
        public bool Ticked { get; set; }
        public int Year { get; set; }
        public int Issue { get; set; }

        /// <summary>Newly ticked, or an adopted periodical row whose 采用年 or 采用期次 was changed (a correction).</summary>
        public bool HasPendingChange => Ticked && (Source.Adoption is not { } a
            || (Source.HasIssues && (a.Year != Year || a.Issue != Issue)));
    }
}
