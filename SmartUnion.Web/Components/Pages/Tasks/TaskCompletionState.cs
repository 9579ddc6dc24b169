using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Tasks;

/// <summary>
/// The state of 任务完成情况, without UI: the chosen month and group, the report on screen, the confirmation and the live
/// re-query (a confirmation elsewhere, a new item, a quota change). TaskCompletionStateTests test it without a renderer.
/// </summary>
public sealed class TaskCompletionState(TaskCompletionService tasks, Caller caller, DateOnly today, Action<string> showError) : IDisposable
{
    /// <summary>"全部分组" in the filter.</summary>
    public const int AllGroups = 0;
    private LiveRequery? live;

    public Caller Caller => caller;
    public IReadOnlyList<int> Years { get; } = Enumerable.Range(2020, Math.Max(1, today.Year - 2020 + 1)).Reverse().ToList();
    public static IReadOnlyList<int> Months { get; } = Enumerable.Range(1, 12).ToList();
    public int Year { get; set; } = today.AddMonths(-1).Year;
    public int Month { get; set; } = today.AddMonths(-1).Month;
    public int GroupId { get; set; } = AllGroups;
    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];
    public IReadOnlyList<int> GroupIds => [AllGroups, .. Groups.Select(g => g.Id)];
    public string GroupText(int id) => id == AllGroups ? "全部分组" : Groups.FirstOrDefault(g => g.Id == id)?.Name ?? "";

    public TaskCompletionReport? Report { get; private set; }
    public bool Loading { get; private set; }
    public string? Error { get; private set; }
    public TaskCompletionRequest Request => new(Year, Month, GroupId == AllGroups ? null : GroupId);
    public IReadOnlyList<ProposalLine> Proposed => Report?.Proposed ?? [];
    public bool CanConfirm => Report is { MonthFinished: true } && Proposed.Count > 0 && !Loading;
    public string ExportHref => $"reports/tasks?month={Year}-{Month:00}" + (GroupId == AllGroups ? "" : $"&group={GroupId}");

    /// <summary>The confirmation dialog's question.</summary>
    public string ConfirmQuestion => $"确认{Request.MonthText}的拟扣分和加分共 {Proposed.Count} 条（扣分 {Proposed.Where(l => !l.IsBonus).Sum(l => l.Points)} 分，"
        + $"加分 {Proposed.Where(l => l.IsBonus).Sum(l => l.Points)} 分）吗？确认后记入扣分管理并计入积分排名。";

    public event Action? Changed;

    public async Task StartAsync(IChangeNotifier notifier, Func<Func<Task>, Task> dispatch)
    {
        Groups = await tasks.GroupsAsync(caller);
        await LoadAsync();
        live = new LiveRequery(notifier, c => c.Kind is ChangeKind.DeductionChanged or ChangeKind.SettingsChanged or ChangeKind.CommissionChanged or ChangeKind.ItemReported
            or ChangeKind.ItemAdopted or ChangeKind.ItemUnadopted or ChangeKind.ItemRejected or ChangeKind.ItemRejectionUndone or ChangeKind.Resync,
            dispatch, LoadAsync);
    }

    /// <summary>查询 and every re-query.</summary>
    public async Task LoadAsync()
    {
        Loading = true;
        Error = null;
        try
        {
            Report = await tasks.GetAsync(caller, Request);
        }
        catch (DomainException ex)
        {
            Report = null;
            Error = ex.Message;
        }
        finally
        {
            Loading = false;
        }
        Changed?.Invoke();
    }

    /// <summary>确认 (after the dialog): records the proposed lines on screen; returns the message to show.</summary>
    public async Task<string?> ConfirmAsync()
    {
        if (!CanConfirm) return null;
        try
        {
            var result = await tasks.ConfirmAsync(caller, Request, Proposed.Select(l => l.Key).ToList());
            await LoadAsync();
            return result.Created > 0 ? $"已确认 {result.Created} 条扣分/加分" : "这些扣分/加分已由他人确认，未重复记录";
        }
        catch (DomainException ex)
        {
            showError(ex.Message);
            await LoadAsync();
            return null;
        }
    }

    public void Dispose() => live?.Dispose();
}
