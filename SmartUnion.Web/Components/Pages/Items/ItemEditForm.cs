using Microsoft.AspNetCore.Components.Forms;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>What the form tells the reporter after an action: a success or an error.</summary>
public sealed record FormMessage(string Text, bool IsError)
{
    public static FormMessage Error(string text) => new(text, true);
}

/// <summary>
/// The state of the 公文信息 form (<see cref="ItemEdit"/>) without the UI: 标题, 正文, 信息分类, the saved draft it edits,
/// its attachments, the draft that choosing files saved on its own, and the upload in progress.
/// </summary>
/// <remarks>
/// Attachments belong to a saved item. When files are chosen on a new, never-saved form, the files are checked
/// (name, type, size) first, then the form is validated and saved as a draft, then the files are uploaded to that
/// draft. This keeps the manual's order (fill in, choose files, 保存) without holding uploads in limbo: there are no
/// orphan temporary files to clean up if the browser goes away before 保存. A refused file saves nothing; if no chosen
/// file arrives, the draft saved for them is deleted again; 返回 on such a draft asks 是否保存草稿？
/// (<see cref="AsksToKeepDraft"/>).
/// </remarks>
public sealed class ItemEditForm(ItemService items, AttachmentService attachments, ILogger logger)
{
    public int? ItemId { get; private set; }
    public int Version { get; private set; }
    public ItemState? State { get; private set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public InfoCategory? Category { get; set; }
    /// <summary>回应约稿: the 约稿 the item answers, or null.</summary>
    public int? CommissionId { get; set; }
    public IReadOnlyList<AttachmentInfo> Attachments { get; private set; } = [];

    /// <summary>The draft was saved by choosing files on a new item, and 保存 has not been clicked since.</summary>
    public bool AutoSavedDraft { get; private set; }

    public bool Uploading { get; private set; }
    public string UploadingName { get; private set; } = "";
    public int UploadPercent { get; private set; }

    /// <summary>
    /// 返回 must ask 是否保存草稿？ rather than leave (or delete) a draft the reporter never saved: deleting silently would
    /// throw away uploaded files; keeping silently leaves a draft the reporter never asked for.
    /// </summary>
    public bool AsksToKeepDraft => AutoSavedDraft && ItemId is not null;

    public ItemInput Input => new() { Title = Title, Body = Body, Category = Category, CommissionId = CommissionId };

    public void Load(ItemForEdit item)
    {
        ItemId = item.Id;
        Version = item.Version;
        State = item.State;
        Title = item.Title;
        Body = item.Body;
        Category = item.Category;
        CommissionId = item.CommissionId;
        Attachments = item.Attachments;
    }

    /// <summary>保存: creates or updates the draft; it is no longer one that choosing files saved on its own.</summary>
    public async Task SaveAsync(Caller caller)
    {
        await SaveDraftAsync(caller);
        AutoSavedDraft = false;
    }

    /// <summary>不保存 on 返回: deletes the draft that choosing files saved, with its attachments.</summary>
    public async Task DiscardDraftAsync(Caller caller)
    {
        if (ItemId is not { } id) return;
        await items.DeleteAsync(caller, [id]);
        AutoSavedDraft = false;
        ItemId = null;
    }

    public async Task DeleteAttachmentAsync(Caller caller, AttachmentInfo attachment)
    {
        await attachments.DeleteAsync(caller, attachment.Id);
        Attachments = await attachments.ListAsync(caller, ItemId!.Value);
    }

    /// <summary>
    /// The chosen files: checked, then (a new item, if <paramref name="formIsValid"/>) the draft saved, then each file
    /// streamed to the server's disk; <paramref name="changed"/> is called when the progress shown should be redrawn.
    /// Returns one message for the whole choice, or null when nothing was chosen. Refusals (<see cref="DomainException"/>)
    /// and interrupted streams are part of the message; anything else is thrown for the caller to log.
    /// </summary>
    public async Task<FormMessage?> UploadAsync(Caller caller, IReadOnlyList<IBrowserFile> files, Func<Task<bool>> formIsValid, Action changed)
    {
        if (files.Count == 0) return null;
        var problems = new List<string>();
        // Name, type and size first: a refused file must not leave a draft behind (nor be streamed at all).
        var accepted = new List<(IBrowserFile File, string Name)>();
        foreach (var file in files)
        {
            try { accepted.Add((file, attachments.CheckBeforeUpload(file.Name, file.Size))); }
            catch (DomainException ex) { problems.Add(ex.Message); }
        }
        if (accepted.Count == 0) return FormMessage.Error(string.Join("；", problems));

        var createdDraft = false;
        if (ItemId is null)
        {
            // A new item: save the draft first so the files have an item to belong to (see the class remarks).
            if (!await formIsValid()) return FormMessage.Error("上传附件前请先填写标题、正文和信息分类");
            try
            {
                await SaveDraftAsync(caller);
            }
            catch (DomainException ex)
            {
                return FormMessage.Error(ex.Message);
            }
            createdDraft = true;
        }

        var uploaded = new List<string>();
        Uploading = true;
        try
        {
            foreach (var (file, name) in accepted)
            {
                if (await UploadOneAsync(caller, file, name, changed) is { } problem) problems.Add(problem);
                else uploaded.Add(name);
            }
        }
        finally
        {
            try { await AfterUploadAsync(caller, createdDraft, uploaded.Count > 0); }
            finally { Uploading = false; }
        }

        var done = uploaded.Count == 0 ? ""
            : (createdDraft ? "已保存为草稿，" : "") + $"附件“{string.Join("”“", uploaded)}”上传成功";
        return problems.Count == 0
            ? new FormMessage(done, false)
            : FormMessage.Error(string.Join("；", done.Length > 0 ? [done, .. problems] : problems));
    }

    /// <summary>Streams one file; returns why it did not arrive, or null.</summary>
    private async Task<string?> UploadOneAsync(Caller caller, IBrowserFile file, string name, Action changed)
    {
        UploadingName = name;
        UploadPercent = 0;
        changed();
        var total = Math.Max(1, file.Size);
        try
        {
            // One byte over the limit, so the service (not InputFile) is the one that refuses an oversized file.
            await using var stream = new ProgressStream(file.OpenReadStream(attachments.MaxFileBytes + 1), read =>
            {
                if (ReportProgress(read, total)) changed();
            });
            await attachments.UploadAsync(caller, ItemId!.Value, file.Name, stream);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "附件“{FileName}”上传中断（公文 {ItemId}）", name, ItemId);
            return $"附件“{name}”上传中断，请重试";
        }
    }

    /// <summary>Moves the percentage shown on in steps of 5 (and to 100): true when it changed.</summary>
    public bool ReportProgress(long read, long total)
    {
        var percent = (int)(read * 100 / Math.Max(1, total));
        if (percent < UploadPercent + 5 && percent < 100) return false;
        UploadPercent = percent;
        return true;
    }

    private async Task AfterUploadAsync(Caller caller, bool createdDraft, bool anyArrived)
    {
        Attachments = ItemId is { } id ? await attachments.ListAsync(caller, id) : [];
        if (createdDraft && !anyArrived && ItemId is { } draftId)
        {
            // Nothing arrived: the draft saved only for these files goes again; the form keeps what was typed.
            await items.DeleteAsync(caller, [draftId]);
            ItemId = null;
            Version = 0;
            State = null;
            Attachments = [];
        }
        else if (createdDraft)
        {
            AutoSavedDraft = true;
        }
    }

    private async Task SaveDraftAsync(Caller caller)
    {
        var saved = ItemId is { } id
            ? await items.UpdateAsync(caller, id, Version, Input)
            : await items.CreateAsync(caller, Input);
        ItemId = saved.Id;
        Version = saved.Version;
        State ??= ItemState.Draft;
    }
}
