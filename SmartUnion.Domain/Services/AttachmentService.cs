using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// 附件信息: upload, list, delete and download of an item's attachments, under the item's scope rules
/// and the configured limits (size per file, files per item, extension allow-list).
/// </summary>
public class AttachmentService(
    IDbContextFactory<AppDbContext> dbFactory,
    AttachmentStore store,
    IOptions<SmartUnionOptions> options,
    WriteFrame write)
{
    public const int FileNameMaxLength = 255;

    private AttachmentOptions Limits => options.Value.Attachments;

    /// <summary>The largest file accepted, in bytes (the UI raises InputFile's limit to this + 1).</summary>
    public long MaxFileBytes => Limits.MaxFileBytes;
    public int MaxFilesPerItem => Limits.MaxFilesPerItem;
    /// <summary>The allowed extensions, lower case without the dot.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; } = Normalize(options.Value.Attachments.AllowedExtensions);

    /// <summary>
    /// Uploads one file to an item of the caller's unit that is not adopted. The content is streamed to a
    /// temporary file (never into memory), hashed, then moved into the store; a refused upload leaves no file and no row.
    /// </summary>
    public async Task<AttachmentInfo> UploadAsync(Caller caller, int itemId, string fileName, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(content);
        caller.RequireRole(Roles.Reporter);
        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            // Before streaming: no point receiving 20 MB for an item the caller may not change.
            var item = await LoadChangeableAsync(check, caller, itemId, track: false, ct);
            await EnsureRoomAsync(check, item.Id, ct);
        }
        var name = SanitizeFileName(fileName);
        var extension = CheckExtension(name);
        await using (var check = await dbFactory.CreateDbContextAsync(ct))
            await EnsureNewNameAsync(check, itemId, name, ct);

        var staged = await store.StageAsync(content, Limits.MaxFileBytes, name, ct);
        string? storedName = null;
        try
        {
            return await write.RunAsync(caller, async w =>
            {
                // Again inside the write transaction: the item may have been adopted or filled up meanwhile.
                var item = await LoadChangeableAsync(w.Db, caller, itemId, track: true, ct);
                await EnsureRoomAsync(w.Db, item.Id, ct);
                await EnsureNewNameAsync(w.Db, item.Id, name, ct);
                storedName = store.Commit(staged);
                var attachment = new Attachment
                {
                    InfoItemId = item.Id,
                    FileName = name,
                    StoredName = storedName,
                    Size = staged.Size,
                    ContentType = ContentTypeOf(extension),
                    Sha256 = staged.Sha256,
                    UploadedAt = w.Now,
                    UploadedById = caller.UserId,
                };
                w.Db.Attachments.Add(attachment);
                // UpdatedAt only: the Version guards title, body and state, and an open form must still save after an upload.
                w.Touch(item);
                await w.SaveAsync(ct);
                w.Audit("上传附件", AuditEntityTypes.Attachment, attachment.Id, $"{item.Id}: {name} ({staged.Size} 字节, {staged.Sha256})");
                w.Publish(new ChangeEvent(ChangeKind.ItemSaved, item.Id, item.UnitId));
                return new AttachmentInfo(attachment.Id, name, staged.Size, w.Now);
            }, ct);
        }
        catch (Exception)
        {
            store.Discard(staged);
            if (storedName is not null) store.Delete(storedName);
            throw;
        }
    }

    /// <summary>
    /// The checks that need no item and no content — name, extension, declared size — so that a form can refuse a file
    /// before it saves anything for it (a new item's draft). Returns the name the upload will store; <see cref="UploadAsync"/>
    /// checks all of this again against the bytes actually received.
    /// </summary>
    public string CheckBeforeUpload(string? fileName, long declaredSize)
    {
        var name = SanitizeFileName(fileName);
        CheckExtension(name);
        if (declaredSize > Limits.MaxFileBytes)
            throw new DomainException($"附件“{name}”超过大小限制（每个文件最大{AttachmentStore.FormatSize(Limits.MaxFileBytes)}）");
        if (declaredSize <= 0) throw new DomainException($"附件“{name}”是空文件");
        return name;
    }

    /// <summary>The attachments of an item the caller may see, oldest first.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(Caller caller, int itemId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await db.Items.AsNoTracking().Where(i => i.Id == itemId).Where(ItemScope.Visible(caller)).AnyAsync(ct);
        if (!visible) throw new NotFoundException();
        return await db.Attachments.AsNoTracking()
            .Where(a => a.InfoItemId == itemId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.Size, a.UploadedAt))
            .ToListAsync(ct);
    }

    /// <summary>删除 of one attachment of an item of the caller's unit that is not adopted; the file goes after the commit.</summary>
    public async Task DeleteAsync(Caller caller, int attachmentId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        await write.RunAsync(caller, async w =>
        {
            var itemId = await w.Db.Attachments.Where(a => a.Id == attachmentId).Select(a => (int?)a.InfoItemId).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException();
            var item = await LoadChangeableAsync(w.Db, caller, itemId, track: true, ct);
            var attachment = await w.Db.Attachments.SingleAsync(a => a.Id == attachmentId, ct);
            w.Db.Attachments.Remove(attachment);
            w.Touch(item);
            w.Audit("删除附件", AuditEntityTypes.Attachment, attachment.Id, $"{item.Id}: {attachment.FileName}");
            w.AfterCommit(() => store.Delete(attachment.StoredName));
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved, item.Id, item.UnitId));
        }, ct);
    }

    /// <summary>下载: the file of an attachment whose item the caller may see; anything else is "not found".</summary>
    public async Task<AttachmentDownload> GetDownloadAsync(Caller caller, int attachmentId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == attachmentId)
            .Where(a => db.Items.Where(ItemScope.Visible(caller)).Any(i => i.Id == a.InfoItemId))
            .Select(a => new { a.FileName, a.ContentType, a.Size, a.StoredName })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        if (!store.Exists(attachment.StoredName)) throw new NotFoundException("附件文件已丢失，请联系管理员");
        return new AttachmentDownload(attachment.FileName, attachment.ContentType, attachment.Size, store.PathOf(attachment.StoredName));
    }

    /// <summary>
    /// Makes a client-supplied file name safe to keep and show: refuses control characters and relative
    /// path segments ("..") with a clear message, strips any directory part a browser may send
    /// (e.g. "C:\fakepath\a.txt" → "a.txt"), and shortens the name to 255 characters keeping its extension.
    /// </summary>
    public static string SanitizeFileName(string? fileName)
    {
        var name = (fileName ?? "").Trim();
        if (name.Length == 0) throw new DomainException("附件文件名不能为空");
        if (name.Any(char.IsControl)) throw new DomainException("附件文件名包含非法字符");
        TextRules.EnsureSafe(name, "附件文件名");
        var segments = name.Split('/', '\\');
        // "../../x.txt" is an attempt to walk out of a folder, not a name a browser sends: refuse it outright.
        if (segments.Any(s => s.Trim() is ".." or ".")) throw new DomainException("附件文件名不能包含路径字符（如“../”）");
        name = segments[^1].Trim().TrimEnd('.', ' ');
        if (name.Length == 0 || name.StartsWith('.') && name.LastIndexOf('.') == 0)
            throw new DomainException("附件文件名无效");
        if (name.Length > FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 20) extension = "";
            name = name[..(FileNameMaxLength - extension.Length)].TrimEnd() + extension;
        }
        return name;
    }

    /// <summary>The lower-case extension (without the dot) if it is on the allow-list; otherwise a Chinese refusal.</summary>
    public string CheckExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        if (extension.Length == 0 || !AllowedExtensions.Contains(extension))
            throw new DomainException($"不支持的附件类型“{(extension.Length == 0 ? "无扩展名" : "." + extension)}”，仅允许：{string.Join("、", AllowedExtensions)}");
        return extension;
    }

    /// <summary>The content type sent on download, derived from the (allowed) extension, never from the client.</summary>
    public static string ContentTypeOf(string extension) => extension switch
    {
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "7z" => "application/x-7z-compressed",
        _ => "application/octet-stream",
    };

    private static string[] Normalize(string[]? configured)
    {
        var list = (configured ?? []).Select(e => e.Trim().TrimStart('.').ToLowerInvariant()).Where(e => e.Length > 0).Distinct().ToArray();
        return list.Length > 0 ? list : AttachmentOptions.DefaultAllowedExtensions;
    }

    private static async Task<InfoItem> LoadChangeableAsync(AppDbContext db, Caller caller, int itemId, bool track, CancellationToken ct)
    {
        var query = db.Items.Where(i => i.Id == itemId).Where(ItemScope.Visible(caller));
        var item = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        if (!ItemScope.CanChange(caller, item)) throw new ForbiddenException("只能修改本单位的公文");
        item.EnsureEditable();
        return item;
    }

    /// <summary>Two attachments of one item under the same name could not be told apart in the list: the second is refused.</summary>
    private static async Task EnsureNewNameAsync(AppDbContext db, int itemId, string name, CancellationToken ct)
    {
        if (await db.Attachments.AnyAsync(a => a.InfoItemId == itemId && a.FileName == name, ct))
            throw new DomainException($"该公文已有同名附件“{name}”，请先删除原附件或改名后再上传");
    }

    private async Task EnsureRoomAsync(AppDbContext db, int itemId, CancellationToken ct)
    {
        var count = await db.Attachments.CountAsync(a => a.InfoItemId == itemId, ct);
        if (count >= Limits.MaxFilesPerItem) throw new DomainException($"每条公文最多上传{Limits.MaxFilesPerItem}个附件");
    }
}
