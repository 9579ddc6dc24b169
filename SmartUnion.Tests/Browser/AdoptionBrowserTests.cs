using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>The manual's 公文采用及驳回 on the 公文采用信息 page, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public class AdoptionBrowserTests(BrowserFixture fixture)
{
    /// <summary>A reported item of 姑苏区总 (reporter gusu) with one attachment, created directly in the database.</summary>
    private async Task<(int ItemId, int AttachmentId)> AddReportedItemAsync(string title)
    {
        return await fixture.App.WithDbAsync(async db =>
        {
            var gusu = await db.Users.SingleAsync(u => u.UserName == "gusu");
            var now = DateTime.UtcNow;
            var item = new InfoItem
            {
                Title = title,
                Body = "2018年1月1日信息报送平台上线\n请各区及时报送信息",
                Category = InfoCategory.General,
                UnitId = gusu.UnitId,
                AuthorId = gusu.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            item.Report(now);
            item.Attachments.Add(new Attachment
            {
                FileName = "劳模方案.txt", StoredName = Guid.NewGuid().ToString("N"), Size = 12, ContentType = "text/plain",
                UploadedAt = now, UploadedById = gusu.Id,
            });
            db.Items.Add(item);
            await db.SaveChangesAsync();
            return (item.Id, item.Attachments[0].Id);
        });
    }

    private static ILocator Row(IPage page, string publication, string form) =>
        page.Locator($"tr.adoption-row[data-publication='{publication}'][data-form='{form}']");

    /// <summary>Opens a MudSelect in the given cell and picks the option with exactly this text.</summary>
    private static async Task PickAsync(IPage page, ILocator cell, string text)
    {
        await cell.Locator(".mud-input-control").ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") });
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task TickAsync(IPage page, string publication, string form, string year, string issue)
    {
        var row = Row(page, publication, form);
        await PickAsync(page, row.Locator("td.year-select"), year);
        await PickAsync(page, row.Locator("td.issue-select"), issue);
        await row.Locator("td.adopt-check input[type=checkbox]").CheckAsync();
    }

    private static async Task ConfirmAsync(IPage page) =>
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();

    [Fact]
    public async Task TheReviewerAdoptsAnItemInTwoFormsOfTheSuzhouBulletin()
    {
        var (itemId, attachmentId) = await AddReportedItemAsync("系统上线");
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");

        await Expect(page.Locator("#item-title")).ToHaveTextAsync("系统上线");
        await Expect(page.Locator("#item-body")).ToContainTextAsync("请各区及时报送信息");
        await Expect(page.Locator("#item-category")).ToHaveTextAsync("一般信息");
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已上报");
        var attachments = page.Locator("#attachments");
        await Expect(attachments).ToContainTextAsync("劳模方案.txt");
        await Expect(attachments.GetByRole(AriaRole.Link, new() { Name = "下载" })).ToHaveAttributeAsync("href", $"/attachments/{attachmentId}");
        await Expect(page.Locator("#adoption-grid thead th")).ToHaveTextAsync(["所属市区", "期刊名称", "采用形式", "采用年", "采用期次", "是否采用"]);
        await Expect(page.Locator("#adoption-grid tbody tr")).ToHaveCountAsync(18);
        // Websites and channels have neither year nor issue.
        await Expect(Row(page, "苏州工会网", "文字").Locator(".mud-select")).ToHaveCountAsync(0);

        await TickAsync(page, "《苏州工会信息》", "正文", "2017", "12期");
        await TickAsync(page, "《苏州工会信息》", "简讯", "2018", "1期");
        await page.Locator("#adopt-button").ClickAsync();
        await ConfirmAsync(page);

        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已录用");
        var today = SmartUnion.Domain.Services.ChinaTime.FormatDate(DateTime.UtcNow);
        await Expect(Row(page, "《苏州工会信息》", "正文").Locator(".adopted-at")).ToHaveTextAsync($"已录用 {today}");
        await Expect(Row(page, "《苏州工会信息》", "简讯").Locator(".adopted-at")).ToHaveTextAsync($"已录用 {today}");
        await Expect(page.Locator(".adopted-at")).ToHaveCountAsync(2);

        var stored = await fixture.App.WithDbAsync(db => db.Adoptions.Where(a => a.InfoItemId == itemId)
            .Select(a => new { a.AdoptionForm!.Name, a.Year, a.Issue, a.Points }).OrderBy(a => a.Year).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(("正文", 2017, 12, 5), (stored[0].Name, stored[0].Year!.Value, stored[0].Issue!.Value, stored[0].Points));
        Assert.Equal(("简讯", 2018, 1, 3), (stored[1].Name, stored[1].Year!.Value, stored[1].Issue!.Value, stored[1].Points));

        // The reporter sees the same page read-only, with the adoptions and no 修改 (the item is locked).
        var reporter = await fixture.LoginAsync("gusu", path: $"/items/{itemId}");
        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已录用");
        await Expect(reporter.Locator("#adoptions tbody tr")).ToHaveCountAsync(2);
        await Expect(reporter.Locator("#adoptions")).ToContainTextAsync("12期");
        await Expect(reporter.Locator("#adopt-button")).ToHaveCountAsync(0);
        await Expect(reporter.Locator("#edit-button")).ToHaveCountAsync(0);

        // 驳回 of an adopted item is refused with the manual's message.
        await page.Locator("#reject-button").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "已被录用的公文不可以被驳回" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        await reporter.Context.CloseAsync();
    }

    [Fact]
    public async Task ARejectionWithAReasonReachesTheReportersOpenPage()
    {
        var (itemId, _) = await AddReportedItemAsync("需驳回的公文");
        var reporter = await fixture.LoginAsync("gusu", path: $"/items/{itemId}");
        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已上报");
        await Expect(reporter.Locator("#edit-button")).ToHaveAttributeAsync("href", $"/items/{itemId}/edit");
        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");

        await reviewer.Locator("#reject-button").ClickAsync();
        var dialog = reviewer.Locator(".mud-dialog");
        await ConfirmAsync(reviewer);
        await Expect(dialog).ToContainTextAsync("请填写驳回理由"); // an empty reason is refused
        await dialog.Locator("textarea").FillAsync("内容与报送要求不符，请补充具体数据");
        await ConfirmAsync(reviewer);

        await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已驳回");
        await Expect(reviewer.Locator("#item-reject-reason")).ToHaveTextAsync("内容与报送要求不符，请补充具体数据");
        await Expect(reviewer.Locator("#adopt-button")).ToBeDisabledAsync();
        // The reporter's page follows without a reload and still offers 修改.
        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已驳回");
        await Expect(reporter.Locator("#item-reject-reason")).ToHaveTextAsync("内容与报送要求不符，请补充具体数据");
        await Expect(reporter.Locator("#edit-button")).ToBeVisibleAsync();
        await reviewer.Context.CloseAsync();
        await reporter.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReportersOpenPageShowsTheAdoptionWithinTwoSeconds()
    {
        var (itemId, _) = await AddReportedItemAsync("实时录用");
        var reporter = await fixture.LoginAsync("gusu", path: $"/items/{itemId}");
        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已上报");
        await Expect(reporter.Locator("#no-adoptions")).ToBeVisibleAsync();
        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");

        await Row(reviewer, "苏州工会网", "文字").Locator("td.adopt-check input[type=checkbox]").CheckAsync();
        await reviewer.Locator("#adopt-button").ClickAsync();
        await ConfirmAsync(reviewer);
        await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已录用");

        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已录用", new() { Timeout = 2000 });
        await Expect(reporter.Locator("#adoptions")).ToContainTextAsync("苏州工会网");
        await reviewer.Context.CloseAsync();
        await reporter.Context.CloseAsync();
    }

    [Fact]
    public async Task AReporterOfAnotherDistrictCannotOpenTheItem()
    {
        var (itemId, _) = await AddReportedItemAsync("他区公文");
        var page = await fixture.LoginAsync("kunshan", path: $"/items/{itemId}");
        await Expect(page.Locator("#item-not-found")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-title")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheAdminSeesTheAdoptionInTheAuditLog()
    {
        var (itemId, _) = await AddReportedItemAsync("审计公文");
        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");
        await Row(reviewer, "市总综合录用", "录用").Locator("td.adopt-check input[type=checkbox]").CheckAsync();
        await reviewer.Locator("#adopt-button").ClickAsync();
        await ConfirmAsync(reviewer);
        await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已录用");

        var admin = await fixture.LoginAsync("admin", path: "/settings/audit");
        await Expect(admin.Locator("#audit-table thead th")).ToHaveTextAsync(["时间", "用户", "操作", "对象", "详情"]);
        await admin.Locator("#audit-search").FillAsync("审计公文");
        await admin.Locator("#audit-search-button").ClickAsync();
        var row = admin.Locator("#audit-table tbody tr").Filter(new() { HasText = "公文《审计公文》" }).Filter(new() { HasText = "市总综合录用" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("采用");
        await Expect(row).ToContainTextAsync("市总审核员");
        await reviewer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
