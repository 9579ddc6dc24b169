using Microsoft.AspNetCore.Components;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// 公文采用信息: the item and its attachments (<see cref="ItemFacts"/>), then 录用情况 with the review buttons
/// (<see cref="ItemReview"/>). Re-queries when the item changes elsewhere.
/// </summary>
public partial class ItemDetail : IDisposable
{
    [Parameter] public int Id { get; set; }

    [Inject] private AdoptionService Adoptions { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private IChangeNotifier Changes { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Caller? caller;
    private ItemDetailModel? detail;
    private List<AdoptionGridRow> rows = [];
    private bool notFound;
    private ItemReview? review;
    private LiveRequery? live;

    protected override void OnInitialized()
    {
        // A change of this page's own review arrives while it runs; the page reloads after it anyway.
        if (RendererInfo.IsInteractive)
            live = new LiveRequery(Changes, change => (change.ItemId == Id || change.Kind == ChangeKind.Resync) && review?.Busy != true, work => InvokeAsync(work), RequeryAsync);
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
            var current = detail.CanReview
                ? await Adoptions.GetCurrentIssuesAsync(caller!)
                : new CurrentIssues(ChinaTime.Today(Clock).Year, new Dictionary<int, int>());
            rows = AdoptionGridRow.For(detail, current);
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

    public void Dispose() => live?.Dispose();
}
