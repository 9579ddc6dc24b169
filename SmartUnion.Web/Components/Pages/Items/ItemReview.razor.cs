using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Dialogs;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// The review part of 公文采用信息 (<see cref="ItemDetail"/>): reviewers tick rows and 采用, 撤销采用, 驳回 or 撤销驳回,
/// each after a confirmation; everyone else sees the adoptions read-only. After each change the page reloads.
/// </summary>
public partial class ItemReview
{
    [Inject] private AdoptionService Adoptions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public ItemDetailModel Detail { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<AdoptionGridRow> Rows { get; set; } = [];
    [Parameter, EditorRequired] public Caller Caller { get; set; } = default!;

    /// <summary>A change was made (or refused): the page loads the item again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private ChangeRunner? runner;
    private ChangeRunner Runner => runner ??= new ChangeRunner(Snackbar);

    /// <summary>A change of this panel is running (the page does not re-query for its own change meanwhile).</summary>
    public bool Busy => runner?.Busy == true;

    /// <summary>Whether the grid and 采用 are offered: the item's own rule (InfoItem.AdoptRefusal), computed by the service.</summary>
    private bool CanAdopt => Detail is { CanAdopt: true };

    private async Task AdoptAsync()
    {
        if (!Rows.Any(r => r.HasPendingChange))
        {
            Snackbar.Add("请勾选需要采用的期刊", Severity.Warning);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("采用", "确定采用所勾选的期刊吗？", yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        var ticked = AdoptionGridRow.Choices(Rows);
        await RunAsync(async () =>
        {
            var result = await Adoptions.SaveAdoptionsAsync(Caller, Detail.Id, Detail.Version, ticked);
            if (result.Added > 0) Snackbar.Add("采用成功", Severity.Success);
            else if (result.Changed) Snackbar.Add("采用期次已修改", Severity.Success);
            else Snackbar.Add("请勾选需要采用的期刊", Severity.Info);
        });
    }

    /// <summary>撤销采用 of one adopted row, after a confirmation naming it.</summary>
    private async Task UnadoptAsync(AdoptionRow row)
    {
        if (row.Adoption is not { } adoption) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync("撤销采用",
            $"确定撤销{row.PublicationName}（{row.FormName}）的录用吗？撤销后该录用的{adoption.Points}分不再计入积分。",
            yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Adoptions.UnadoptAsync(Caller, Detail.Id, adoption.Id, Detail.Version);
            Snackbar.Add("撤销采用成功", Severity.Success);
        });
    }

    /// <summary>撤销驳回: a rejection made by mistake is taken back after a confirmation; the item is 已上报 again.</summary>
    private async Task UndoRejectAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("撤销驳回", "确定撤销对该公文的驳回吗？撤销后公文恢复为已上报，驳回理由一并清除。",
            yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Adoptions.UndoRejectAsync(Caller, Detail.Id, Detail.Version);
            Snackbar.Add("撤销驳回成功", Severity.Success);
        });
    }

    private async Task RejectAsync()
    {
        if (Detail.RejectRefusal is { } refusal)
        {
            Snackbar.Add(refusal, Severity.Error);
            return;
        }
        var reason = await RejectDialog.ShowAsync(Dialogs);
        if (reason is null) return;
        await RunAsync(async () =>
        {
            await Adoptions.RejectAsync(Caller, Detail.Id, Detail.Version, reason);
            Snackbar.Add("驳回成功", Severity.Success);
        });
    }

    /// <summary>Runs a change, shows a refusal as a message, and has the page reload either way.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        await Runner.RunAsync(action);
        await Changed.InvokeAsync();
    }
}
