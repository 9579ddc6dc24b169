using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>Test data for browser tests, made through the app's own services (real files, real events).</summary>
internal static class BrowserTestData
{
    public const string AttachmentName = "劳模方案.txt";
    public const string AttachmentText = "劳模方案全文：开展劳模工匠进企业宣讲活动";

    public static T Service<T>(this BrowserFixture fixture) where T : notnull => fixture.App.Services.GetRequiredService<T>();

    public static async Task<Caller> CallerAsync(this BrowserFixture fixture, string userName)
    {
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        return (await fixture.Service<CallerService>().FindAsync(userId))!;
    }

    /// <summary>A reported item of 姑苏区总 (reporter gusu) with the attachment 劳模方案.txt.</summary>
    public static async Task<int> ReportedItemAsync(this BrowserFixture fixture, string title,
        string body = "2018年1月1日信息报送平台上线\n全文见附件")
    {
        var gusu = await fixture.CallerAsync("gusu");
        var saved = await fixture.Service<ItemService>().CreateAsync(gusu, new ItemInput
        {
            Title = title, Body = body, Category = InfoCategory.General,
        });
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes(AttachmentText)))
            await fixture.Service<AttachmentService>().UploadAsync(gusu, saved.Id, AttachmentName, content);
        await fixture.Service<ItemService>().ReportAsync(gusu, [saved.Id]);
        return saved.Id;
    }

    /// <summary>The reviewer shenhe adopts the item by the named publication's form (year and issue for periodicals).</summary>
    public static async Task AdoptAsync(this BrowserFixture fixture, int itemId, params (string Publication, string Form, int? Year, int? Issue)[] choices)
    {
        var forms = await fixture.App.WithDbAsync(db => db.AdoptionForms
            .Select(f => new { f.Id, f.PublicationId, f.Name, Publication = f.Publication!.Name }).ToListAsync());
        var ticked = choices.Select(c =>
        {
            var form = forms.Single(f => f.Publication == c.Publication && f.Name == c.Form);
            return new AdoptionChoice(form.PublicationId, form.Id, c.Year, c.Issue);
        }).ToList();
        await fixture.Service<AdoptionService>().SaveAdoptionsAsync(await fixture.CallerAsync("shenhe"), itemId, null, ticked);
    }
}
