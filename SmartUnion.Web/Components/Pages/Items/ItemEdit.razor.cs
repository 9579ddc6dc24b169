using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>
/// The 公文信息 form for 新增 (/items/new) and 修改 (/items/{id}/edit): 标题, 正文, 信息分类, 附件信息, 保存.
/// </summary>
/// <remarks>
/// Attachments belong to a saved item. When files are chosen on a new, never-saved form, the files are checked
/// (name, type, size) first, then the form is validated and saved as a draft, then the files are uploaded to that
/// draft. This keeps the manual's order (fill in, choose files, 保存) without holding uploads in limbo: there are no
/// orphan temporary files to clean up if the browser goes away before 保存. A refused file saves nothing; if no chosen
/// file arrives, the draft saved for them is deleted again; 返回 on such a draft asks 是否保存草稿？.
/// </remarks>
public partial class ItemEdit
{
    private static readonly Dictionary<string, object> downloadAttribute = new() { ["download"] = "" };

    [Inject] private ItemService Items { get; set; } = default!;
    [Inject] private AttachmentService Attachments { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService DialogService { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ItemEdit> Logger { get; set; } = default!;

    /// <summary>The item being edited; null for 新增.</summary>
    [Parameter] public int? Id { get; set; }

    private MudForm? form;
    private MudFileUpload<IReadOnlyList<IBrowserFile>>? fileUpload;
    private bool loaded;
    private string? loadError;
    private bool saving;
    private bool uploading;
    private string uploadingName = "";
    private int uploadPercent;

    private int? itemId;
    /// <summary>The draft was saved by choosing files on a new item, and 保存 has not been clicked since.</summary>
    private bool autoSavedDraft;
    private int version;
    private ItemState? state;
    private string title = "";
    private string body = "";
    private InfoCategory? category;
    private IReadOnlyList<AttachmentInfo> attachments = [];

    private string AcceptList => string.Join(",", Attachments.AllowedExtensions.Select(e => "." + e));

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
            var item = await Items.GetForEditAsync(await CurrentCaller.GetAsync(), id);
            itemId = item.Id;
            version = item.Version;
            state = item.State;
            title = item.Title;
            body = item.Body;
            category = item.Category;
            attachments = item.Attachments;
        }
        catch (DomainException ex)
        {
            loadError = ex.Message;
        }
        loaded = true;
    }

    private static string? CheckTitle(string value) =>
        (value ?? "").Trim().Length > InfoItem.TitleMaxLength ? $"标题不能超过{InfoItem.TitleMaxLength}个字" : null;

    private ItemInput Input => new() { Title = title, Body = body, Category = category };

    /// <summary>保存: creates or updates the draft, then returns to the list.</summary>
    private async Task SaveAsync()
    {
        if (!await ValidateAsync("请填写标题、正文并选择信息分类")) return;
        saving = true;
        try
        {
            await SaveDraftAsync();
            autoSavedDraft = false;
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
    /// 返回. A draft that choosing files saved on its own, and that the reporter never saved, is not left behind unasked:
    /// 是否保存草稿？ — 保存 saves the form as it is now, 不保存 deletes the draft with its attachments, 取消 stays on the form.
    /// (Deleting silently would throw away uploaded files; keeping silently leaves a draft the reporter never asked for.)
    /// </summary>
    private async Task GoBackAsync()
    {
        if (autoSavedDraft && itemId is { } id)
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
                await Items.DeleteAsync(await CurrentCaller.GetAsync(), [id]);
                autoSavedDraft = false;
                itemId = null;
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

    private async Task<bool> ValidateAsync(string message)
    {
        if (form is null) return false;
        await form.ValidateAsync();
        if (form.IsValid) return true;
        Snackbar.Add(message, Severity.Error);
        return false;
    }

    private async Task SaveDraftAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        var saved = itemId is { } id
            ? await Items.UpdateAsync(caller, id, version, Input)
            : await Items.CreateAsync(caller, Input);
        itemId = saved.Id;
        version = saved.Version;
        state ??= ItemState.Draft;
    }

    /// <summary>
    /// The chosen files: checked, then (a new item) the draft saved, then each file streamed to the server's disk with
    /// progress. One message for the whole choice. This runs from InputFile's JavaScript callback, not from a DOM event:
    /// an exception escaping it is handed back to the browser and logged by Blazor at Debug level only — the reporter
    /// would see nothing and the log would say nothing. So every failure is caught here, logged and shown in Chinese.
    /// </summary>
    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        try
        {
            await UploadFilesAsync(e);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "上传附件失败（公文 {ItemId}，{FileCount} 个文件）", itemId, e.FileCount);
            Snackbar.Add("上传附件失败，请重试；如仍失败，请联系管理员", Severity.Error);
        }
        finally
        {
            uploading = false;
            // The files are in the list below (or were refused); clear the picker so the same file can be chosen again.
            if (fileUpload is not null) await fileUpload.ClearAsync();
        }
    }

    private async Task UploadFilesAsync(InputFileChangeEventArgs e)
    {
        var files = e.GetMultipleFiles(Math.Max(1, Attachments.MaxFilesPerItem));
        if (files.Count == 0) return;
        var problems = new List<string>();
        // Name, type and size first: a refused file must not leave a draft behind (nor be streamed at all).
        var accepted = new List<(IBrowserFile File, string Name)>();
        foreach (var file in files)
        {
            try { accepted.Add((file, Attachments.CheckBeforeUpload(file.Name, file.Size))); }
            catch (DomainException ex) { problems.Add(ex.Message); }
        }
        if (accepted.Count == 0)
        {
            Snackbar.Add(string.Join("；", problems), Severity.Error);
            return;
        }

        var createdDraft = false;
        if (itemId is null)
        {
            // A new item: save the draft first so the files have an item to belong to (see the class remarks).
            if (!await ValidateAsync("上传附件前请先填写标题、正文和信息分类")) return;
            try
            {
                await SaveDraftAsync();
            }
            catch (DomainException ex)
            {
                Snackbar.Add(ex.Message, Severity.Error);
                return;
            }
            createdDraft = true;
        }

        uploading = true;
        var caller = await CurrentCaller.GetAsync();
        var uploaded = new List<string>();
        try
        {
            foreach (var (file, name) in accepted)
            {
                uploadingName = name;
                uploadPercent = 0;
                StateHasChanged();
                var total = Math.Max(1, file.Size);
                try
                {
                    // One byte over the limit, so the service (not InputFile) is the one that refuses an oversized file.
                    await using var stream = new ProgressStream(file.OpenReadStream(Attachments.MaxFileBytes + 1), read =>
                    {
                        var percent = (int)(read * 100 / total);
                        if (percent < uploadPercent + 5 && percent < 100) return;
                        uploadPercent = percent;
                        _ = InvokeAsync(StateHasChanged);
                    });
                    await Attachments.UploadAsync(caller, itemId!.Value, file.Name, stream);
                    uploaded.Add(name);
                }
                catch (DomainException ex)
                {
                    problems.Add(ex.Message);
                }
                catch (IOException ex)
                {
                    Logger.LogWarning(ex, "附件“{FileName}”上传中断（公文 {ItemId}）", name, itemId);
                    problems.Add($"附件“{name}”上传中断，请重试");
                }
            }
        }
        finally
        {
            attachments = itemId is { } id ? await Attachments.ListAsync(caller, id) : [];
            if (createdDraft && uploaded.Count == 0 && itemId is { } draftId)
            {
                // Nothing arrived: the draft saved only for these files goes again; the form keeps what was typed.
                await Items.DeleteAsync(caller, [draftId]);
                itemId = null;
                version = 0;
                state = null;
                attachments = [];
            }
            else if (createdDraft)
            {
                autoSavedDraft = true;
            }
        }

        var done = uploaded.Count == 0 ? ""
            : (createdDraft ? "已保存为草稿，" : "") + $"附件“{string.Join("”“", uploaded)}”上传成功";
        if (problems.Count == 0) Snackbar.Add(done, Severity.Success);
        else Snackbar.Add(string.Join("；", done.Length > 0 ? [done, .. problems] : problems), Severity.Error);
    }

    private async Task DeleteAttachmentAsync(AttachmentInfo attachment)
    {
        var confirmed = await DialogService.ShowMessageBoxAsync("删除附件", $"确定删除附件“{attachment.FileName}”吗？",
            yesText: "确定", cancelText: "取消");
        if (confirmed != true) return;
        try
        {
            var caller = await CurrentCaller.GetAsync();
            await Attachments.DeleteAsync(caller, attachment.Id);
            attachments = await Attachments.ListAsync(caller, itemId!.Value);
            Snackbar.Add("附件已删除", Severity.Success);
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }
}
