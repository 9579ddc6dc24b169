using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>The 批示 form of <see cref="ItemInstructionsPanel"/>.</summary>
public sealed class InstructionFormState
{
    public InstructionLevel Level { get; set; } = InstructionLevel.City;
    public string? LeaderTitle { get; set; }
    public string? LeaderName { get; set; }
    public DateTime? Date { get; set; }
    public string? Text { get; set; }

    public InstructionInput Input => new(Level, LeaderTitle, LeaderName, Date is { } d ? DateOnly.FromDateTime(d) : null, Text);

    /// <summary>After a recorded 批示 the form empties (the level and the date stay).</summary>
    public void Clear() => (LeaderTitle, LeaderName, Text) = (null, null, null);

    /// <summary>The bonus a 批示 of this level earns when dated as the form says (the version in force on 批示日期; today when blank).</summary>
    public int PointsOf(InstructionRuleVersions rule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return RuleVersions.InForce(rule.Versions, Date is { } d ? DateOnly.FromDateTime(d) : today) ?? 0;
    }
}

/// <summary>
/// 领导批示 on 公文采用信息 (<see cref="ItemDetail"/>): the item's reviewers record them and delete them (after a
/// confirmation); a refusal shows the service's Chinese message and keeps the input.
/// </summary>
public partial class ItemInstructionsPanel
{
    [Inject] private InstructionService Instructions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public ItemDetailModel Detail { get; set; } = default!;
    [Parameter, EditorRequired] public Caller Caller { get; set; } = default!;
    [Parameter] public EventCallback Changed { get; set; }

    private readonly InstructionFormState form = new();
    private IReadOnlyList<InstructionView> instructions = [];
    private IReadOnlyList<InstructionRuleVersions> rules = [];
    private ChangeRunner runner = default!;

    private DateOnly Today => ChinaTime.Today(Clock);

    private bool CanAdd => Detail.CanReview && Detail.State is ItemState.Reported or ItemState.Adopted;

    protected override void OnInitialized()
    {
        runner = new ChangeRunner(Snackbar);
        form.Date = ChinaTime.Today(Clock).ToDateTime(TimeOnly.MinValue);
    }

    protected override async Task OnParametersSetAsync()
    {
        instructions = await Instructions.ListAsync(Caller, Detail.Id);
        if (Detail.CanReview && rules.Count == 0) rules = await Instructions.GetRuleVersionsAsync(Caller);
    }

    private async Task AddAsync()
    {
        if (!await runner.RunAsync(() => Instructions.AddAsync(Caller, Detail.Id, form.Input))) return;
        form.Clear();
        await DoneAsync("领导批示已录入");
    }

    private async Task DeleteAsync(InstructionView i)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("删除领导批示",
            $"确定删除{i.LeaderTitle}{i.LeaderName}的{i.LevelName}批示吗？删除后该批示的{i.Points}分不再计入积分。", yesText: "确定", cancelText: "取消");
        if (confirmed == true && await runner.RunAsync(() => Instructions.DeleteAsync(Caller, Detail.Id, i.Id)))
            await DoneAsync("领导批示已删除");
    }

    private async Task DoneAsync(string message)
    {
        Snackbar.Add(message, Severity.Success);
        await Changed.InvokeAsync();
        await OnParametersSetAsync();
    }
}
