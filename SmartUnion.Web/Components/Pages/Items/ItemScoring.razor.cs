using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>The inputs of <see cref="ItemScoring"/>: the 批示 form and the share percentages being edited.</summary>
public sealed class ItemScoringState
{
    public InstructionLevel Level { get; set; } = InstructionLevel.City;
    public string? LeaderTitle { get; set; }
    public string? LeaderName { get; set; }
    public DateTime? Date { get; set; }
    public string? Text { get; set; }
    public Dictionary<int, int> Percent { get; } = [];

    public InstructionInput Input => new(Level, LeaderTitle, LeaderName, Date is { } d ? DateOnly.FromDateTime(d) : null, Text);

    /// <summary>After a recorded 批示 the form empties (the level stays).</summary>
    public void Clear() => (LeaderTitle, LeaderName, Text) = (null, null, null);

    /// <summary>The percentages shown: each unit's share rounded to whole percent (equal shares of 3 show 33/33/33 until set).</summary>
    public void ShowShares(ItemSharesView shares)
    {
        Percent.Clear();
        foreach (var l in shares.Lines) Percent[l.UnitId] = (int)Math.Round(l.Percent);
    }
}

/// <summary>
/// 合报份额 and 领导批示 on 公文采用信息 (<see cref="ItemDetail"/>): reviewers of the item set shares and record or delete
/// 批示 (delete after a confirmation); refusals show the service's Chinese message and keep the input.
/// </summary>
public partial class ItemScoring
{
    [Inject] private InstructionService Instructions { get; set; } = default!;
    [Inject] private ItemShareService Shares { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public ItemDetailModel Detail { get; set; } = default!;
    [Parameter, EditorRequired] public Caller Caller { get; set; } = default!;
    [Parameter] public EventCallback Changed { get; set; }

    private readonly ItemScoringState state = new();
    private IReadOnlyList<InstructionView> instructions = [];
    private IReadOnlyList<InstructionRuleRow> rules = [];
    private ItemSharesView? shares;
    private bool busy;

    private bool CanReview => Detail.CanReview;
    private bool CanAddInstruction => CanReview && Detail.State is ItemState.Reported or ItemState.Adopted;

    protected override void OnInitialized() => state.Date = ChinaTime.Today(Clock).ToDateTime(TimeOnly.MinValue);

    protected override async Task OnParametersSetAsync()
    {
        instructions = await Instructions.ListAsync(Caller, Detail.Id);
        shares = await Shares.GetAsync(Caller, Detail.Id);
        if (CanReview)
        {
            state.ShowShares(shares);
            if (rules.Count == 0) rules = await Instructions.GetRulesAsync(Caller);
        }
    }

    private Task AddAsync() => RunAsync(async () =>
    {
        await Instructions.AddAsync(Caller, Detail.Id, state.Input);
        state.Clear();
        Snackbar.Add("领导批示已录入", Severity.Success);
    });

    private async Task DeleteAsync(InstructionView i)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("删除领导批示",
            $"确定删除{i.LeaderTitle}{i.LeaderName}的{i.LevelName}批示吗？删除后该批示的{i.Points}分不再计入积分。", yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Instructions.DeleteAsync(Caller, Detail.Id, i.Id);
            Snackbar.Add("领导批示已删除", Severity.Success);
        });
    }

    private Task SaveSharesAsync() => RunAsync(async () =>
    {
        await Shares.SetSharesAsync(Caller, Detail.Id, new Dictionary<int, int>(state.Percent));
        Snackbar.Add("合报份额已保存", Severity.Success);
    });

    private Task EqualSharesAsync() => RunAsync(async () =>
    {
        await Shares.SetSharesAsync(Caller, Detail.Id, null);
        Snackbar.Add("已按平均分配份额", Severity.Success);
    });

    private async Task RunAsync(Func<Task> change)
    {
        busy = true;
        try
        {
            await change();
            await Changed.InvokeAsync();
            await OnParametersSetAsync();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
    }
}
