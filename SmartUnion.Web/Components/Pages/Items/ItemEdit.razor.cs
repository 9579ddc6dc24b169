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
/// Attachments belong to a saved item. When files are chosen on a new, never-saved form, the form is
/// validated and saved as a draft first, then the files are uploaded to that draft. This keeps the
/// manual's order (fill in, choose files, 保存) without holding uploads in limbo: nothing chosen is lost,
/// and there are no orphan temporary files to clean up if the browser goes away before 保存 — the worst
/// case is a draft in the list, which the reporter can see, edit or delete.
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
        if (!await ValidateAsync()) return;
        saving = true;
        try
        {
            await SaveDraftAsync();
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

    private async Task<bool> ValidateAsync()
    {
        if (form is null) return false;
        await form.ValidateAsync();
        if (form.IsValid) return true;
        Snackbar.Add("请填写标题、正文并选择信息分类", Severity.Error);
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

    /// <summary>Uploads the chosen files one after another, streamed to the server's disk with progress.</summary>
    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var files = e.GetMultipleFiles(Math.Max(1, Attachments.MaxFilesPerItem));
        if (files.Count == 0) return;
        if (itemId is null)
        {
            // A new item: save the draft first so the files have an item to belong to (see the class remarks).
            if (!await ValidateAsync())
            {
                Snackbar.Add("上传附件前请先填写标题、正文和信息分类", Severity.Warning);
                if (fileUpload is not null) await fileUpload.ClearAsync();
                return;
            }
            try
            {
                await SaveDraftAsync();
                Snackbar.Add("已保存为草稿，开始上传附件", Severity.Info);
            }
            catch (DomainException ex)
            {
                Snackbar.Add(ex.Message, Severity.Error);
                return;
            }
        }

        uploading = true;
        var caller = await CurrentCaller.GetAsync();
        try
        {
            foreach (var file in files)
            {
                if (file.Size > Attachments.MaxFileBytes)
                {
                    Snackbar.Add($"附件“{file.Name}”超过大小限制（每个文件最大{AttachmentStore.FormatSize(Attachments.MaxFileBytes)}）", Severity.Error);
                    continue;
                }
                uploadingName = file.Name;
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
                    Snackbar.Add($"附件“{file.Name}”上传成功", Severity.Success);
                }
                catch (DomainException ex)
                {
                    Snackbar.Add(ex.Message, Severity.Error);
                }
                catch (IOException)
                {
                    Snackbar.Add($"附件“{file.Name}”上传中断，请重试", Severity.Error);
                }
            }
            attachments = await Attachments.ListAsync(caller, itemId!.Value);
        }
        finally
        {
            uploading = false;
            // The files are in the list below (or were refused); clear the picker so the same file can be chosen again.
            if (fileUpload is not null) await fileUpload.ClearAsync();
        }
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
