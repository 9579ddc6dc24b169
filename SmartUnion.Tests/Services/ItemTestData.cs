using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>Shortcuts for item tests: drafts through the real service, adoptions written directly (the adoption service is another feature).</summary>
internal static class ItemTestData
{
    public static ItemInput Input(string title = "开展劳模工匠进企业宣讲活动", string body = "正文第一行\n正文第二行",
        InfoCategory? category = InfoCategory.General) => new() { Title = title, Body = body, Category = category };

    public static async Task<int> DraftAsync(this TestDatabase t, Caller reporter, string title = "草稿公文", InfoCategory category = InfoCategory.General)
        => (await t.Get<ItemService>().CreateAsync(reporter, Input(title, category: category))).Id;

    public static async Task<int> ReportedAsync(this TestDatabase t, Caller reporter, string title = "已上报公文", InfoCategory category = InfoCategory.General)
    {
        var id = await t.DraftAsync(reporter, title, category);
        await t.Get<ItemService>().ReportAsync(reporter, [id]);
        return id;
    }

    /// <summary>
    /// Many reported items of the reporter's unit written in one save (the search index follows by its triggers): item n
    /// is titled 第n条信息, holds <paramref name="body"/>(n) and was reported a minute after item n-1.
    /// </summary>
    public static async Task AddReportedInBulkAsync(this TestDatabase t, Caller reporter, int count, Func<int, string> body)
    {
        var start = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        await using var db = await t.Factory.CreateDbContextAsync();
        for (var n = 0; n < count; n++)
        {
            var item = InfoItem.NewDraft(reporter.UnitId, reporter.UserId, $"第{n}条信息", body(n), InfoCategory.General);
            item.Report(start.AddMinutes(n));
            db.Items.Add(item);
        }
        await db.SaveChangesAsync();
    }

    public static async Task<int> RejectedAsync(this TestDatabase t, Caller reporter, Caller reviewer, string title = "已驳回公文")
    {
        var id = await t.ReportedAsync(reporter, title);
        await using var db = await t.Factory.CreateDbContextAsync();
        var item = await db.Items.Include(i => i.Adoptions).SingleAsync(i => i.Id == id);
        item.Reject("请补充数据", reviewer.UserId, t.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Records an adoption of a reported item by the named publication's first form.</summary>
    public static async Task AdoptAsync(this TestDatabase t, int itemId, string publicationName, Caller reviewer, DateTime? adoptedAt = null)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var item = await db.Items.Include(i => i.Adoptions).SingleAsync(i => i.Id == itemId);
        var form = await db.AdoptionForms.Where(f => f.Publication!.Name == publicationName).OrderBy(f => f.SortOrder).FirstAsync();
        item.AdoptedBy([new Adoption
        {
            UnitId = item.UnitId, PublicationId = form.PublicationId, AdoptionFormId = form.Id,
            AdoptedAt = adoptedAt ?? t.Clock.GetUtcNow().UtcDateTime, ReviewerId = reviewer.UserId, Points = form.Points,
        }]);
        await db.SaveChangesAsync();
    }

    public static async Task<InfoItem?> FindItemAsync(this TestDatabase t, int id)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Items.AsNoTracking().Include(i => i.Attachments).SingleOrDefaultAsync(i => i.Id == id);
    }

    public static MemoryStream Text(string content) => new(Encoding.UTF8.GetBytes(content));

    public static MemoryStream Bytes(int length) => new(Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray());

    /// <summary>Every file under the attachments folder, temporary ones included.</summary>
    public static string[] FilesOnDisk(this TestDatabase t) =>
        Directory.Exists(t.DataFolder.Attachments)
            ? Directory.GetFiles(t.DataFolder.Attachments, "*", SearchOption.AllDirectories)
            : [];

    public static async Task<ItemListPage> ListAsync(this TestDatabase t, Caller caller, ItemListQuery? query = null) =>
        await t.Get<ItemService>().ListAsync(caller, query ?? new ItemListQuery { PageSize = 100 });
}
