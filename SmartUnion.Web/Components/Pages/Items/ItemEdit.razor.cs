using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// The 公文信息 form for 新增 (/items/new) and 修改 (/items/{id}/edit): 标题, 正文, 信息分类, 附件信息, 保存.
/// The form's state and the draft rules are in <see cref="ItemEditForm"/>; the fields are <see cref="ItemEditFields"/>,
/// 附件信息 is <see cref="ItemAttachmentsPanel"/>.
/// </summary>
public partial class ItemEdit
{
    [Inject] private ItemService Items { get; set; } = default!;
    [Inject] private AttachmentService Attachments { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService DialogService { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ItemEdit> Logger { get; set; } = default!;

    /// <summary>The item being edited; null for 新增.</summary>
    [Parameter] public int? Id { get; set; }

    private ItemEditForm model = default!;
    private ItemEditFields? fields;
    private bool loaded;
    private string? loadError;
    private bool saving;
    private CoReporterPicker? coReporters;

    protected override void OnInitialized() => model = new ItemEditForm(Items, Attachments, Logger);

    protected override async Task OnParametersSetAsync()
    {
        loadError = null;
        if (Id is not { } id)
        {
            loaded = true;
            return;
        }
        try
        {
            model.Load(await Items.GetForEditAsync(await CurrentCaller.GetAsync(), id));
        }
        catch (DomainException ex)
        {
            loadError = ex.Message;
        }
        loaded = true;
    }

    /// <summary>保存: creates or updates the draft, then returns to the list.</summary>
    private async Task SaveAsync()
    {
        if (fields is null || !await fields.IsValidAsync())
        {
            Snackbar.Add("请填写标题、正文并选择信息分类", Severity.Error);
            return;
        }
        saving = true;
        try
        {
            await model.SaveAsync(await CurrentCaller.GetAsync());
            if (coReporters is not null && model.ItemId is { } itemId) await coReporters.SaveAsync(itemId);
            // One message for this action: what the form said before (an upload's result) is over once it is saved.
            Snackbar.Clear();
            Snackbar.Add("保存成功", Severity.Success);
            Navigation.NavigateTo("items");
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>
    /// 返回; on a draft that choosing files saved on its own (<see cref="ItemEditForm.AsksToKeepDraft"/>) it asks 是否保存草稿？
    /// — 保存 saves the form as it is now, 不保存 deletes the draft with its attachments, 取消 stays on the form.
    /// </summary>
    private async Task GoBackAsync()
    {
        if (model.AsksToKeepDraft)
        {
            var answer = await DialogService.ShowMessageBoxAsync("返回",
                "是否保存草稿？选择附件时已自动保存为草稿；选择“不保存”将删除该草稿及其附件。",
                yesText: "保存", noText: "不保存", cancelText: "取消");
            if (answer is null) return;
            if (answer == true)
            {
                await SaveAsync();
                return;
            }
            try
            {
                await model.DiscardDraftAsync(await CurrentCaller.GetAsync());
                Snackbar.Clear();
                Snackbar.Add("未保存的草稿已删除", Severity.Info);
            }
            catch (DomainException ex)
            {
                Snackbar.Add(ex.Message, Severity.Error);
                return;
            }
        }
        Navigation.NavigateTo("items");
    }
}
