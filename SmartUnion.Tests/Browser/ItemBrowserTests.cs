using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>The manual's 公文上报 and 公文查询、修改、删除 workflows in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public class ItemBrowserTests(BrowserFixture fixture)
{
    private static string UniqueTitle(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>Runs a journey and keeps a screenshot of the page when it fails (in the temp folder).</summary>
    private static async Task WithScreenshotOnFailureAsync(IPage page, string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"smartunion-{name}.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static ILocator Row(IPage page, string title) => page.Locator("#item-table tbody tr", new() { HasText = title });

    [Fact]
    public async Task AReporterAddsAnItemWithAnAttachmentSavesItAndReportsIt()
    {
        var title = UniqueTitle("信息报送平台上线公告");
        var page = await fixture.LoginAsync("gusu", path: "/");
        await WithScreenshotOnFailureAsync(page, "add-report", async () =>
        {
            // 第一步: 办公工作 › 公文信息.
            await page.Locator(".mud-navmenu").GetByText("公文信息", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("th.level-header")).ToHaveTextAsync(["市级", "省级", "国家级"]);
            await Assertions.Expect(page.Locator("th.publication-header").First).ToHaveTextAsync("《苏州工会信息》");

            // 第二步: 新增 → the empty 公文信息 form.
            await page.Locator("#add-item").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/new$"));

            // 第三步: 标题, 正文, 信息分类, 附件信息.
            await page.Locator("#item-title").FillAsync(title);
            await page.Locator("#item-body").FillAsync("2018年1月1日信息报送平台上线\n全文见附件");
            await page.Locator("#item-category").ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("社情民意信息", new() { Exact = true }).ClickAsync();
            // The select's hidden input is rendered by the server: once it holds the value, the server has it.
            await Assertions.Expect(page.Locator("#item-category")).ToHaveValueAsync(nameof(InfoCategory.PublicOpinion));
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "劳模方案.txt",
                MimeType = "text/plain",
                Buffer = Encoding.UTF8.GetBytes("劳模方案全文"),
            });
            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync("劳模方案.txt");
            await page.Locator("#save-item").ClickAsync();

            // 第四步: back in the list, 查询出需要上报的公文, tick it, 上报, 确定.
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            var row = Row(page, title);
            await Assertions.Expect(row.Locator(".item-state")).ToHaveTextAsync("未上报");
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("社情民意信息");
            await row.Locator("input[type=checkbox]").CheckAsync();
            await page.Locator("#report-items").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync("确定上报选中的1条公文吗？");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();

            var today = ChinaTime.FormatDate(DateTime.UtcNow);
            await Assertions.Expect(row.Locator(".reported-at")).ToHaveTextAsync(today);
            await Assertions.Expect(row.Locator(".item-state")).ToHaveTextAsync("已上报");

            var stored = await fixture.App.WithDbAsync(db => db.Items.Include(i => i.Attachments).SingleAsync(i => i.Title == title));
            Assert.Equal(InfoCategory.PublicOpinion, stored.Category);
            Assert.Equal("劳模方案.txt", Assert.Single(stored.Attachments).FileName);
        });
    }

    [Fact]
    public async Task AReporterEditsADraftAndThenDeletesItAfterConfirming()
    {
        var title = UniqueTitle("待修改草稿");
        var newTitle = UniqueTitle("已修改草稿");
        await CreateDraftAsync("wuzhong", title);
        var page = await fixture.LoginAsync("wuzhong");
        await WithScreenshotOnFailureAsync(page, "edit-delete", async () =>
        {
            // 修改: tick exactly one, 修改, change, 保存.
            await Row(page, title).Locator("input[type=checkbox]").CheckAsync();
            await page.Locator("#edit-item").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/\\d+/edit$"));
            await Assertions.Expect(page.Locator("#item-title")).ToHaveValueAsync(title);
            await page.Locator("#item-title").FillAsync(newTitle);
            await page.Locator("#save-item").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("保存成功");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            await Assertions.Expect(Row(page, newTitle)).ToHaveCountAsync(1);
            await Assertions.Expect(Row(page, title)).ToHaveCountAsync(0);

            // 删除: tick, 删除, 取消 keeps it; 删除, 确定 removes it.
            var row = Row(page, newTitle);
            await row.Locator("input[type=checkbox]").CheckAsync();
            await page.Locator("#delete-items").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Assertions.Expect(row).ToHaveCountAsync(1);

            await page.Locator("#delete-items").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync("确定删除选中的1条公文吗？");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("删除成功");
            await Assertions.Expect(Row(page, newTitle)).ToHaveCountAsync(0);
            Assert.False(await fixture.App.WithDbAsync(db => db.Items.AnyAsync(i => i.Title == newTitle)));
        });
    }

    [Fact]
    public async Task ARefusedUploadShowsWhyAndListsNothing()
    {
        var title = UniqueTitle("附件被拒");
        await CreateDraftAsync("changshu", title);
        var id = await fixture.App.WithDbAsync(db => db.Items.Where(i => i.Title == title).Select(i => i.Id).SingleAsync());
        var page = await fixture.LoginAsync("changshu", path: $"/items/{id}/edit");
        await WithScreenshotOnFailureAsync(page, "refused-upload", async () =>
        {
            await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "病毒.exe", MimeType = "application/octet-stream", Buffer = [0x4d, 0x5a],
            });
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("不支持的附件类型“.exe”");
            await Assertions.Expect(page.Locator("#attachment-list")).ToContainTextAsync("暂无附件");
            Assert.False(await fixture.App.WithDbAsync(db => db.Attachments.AnyAsync(a => a.InfoItemId == id)));
        });
    }

    [Fact]
    public async Task EditingNeedsExactlyOneTickedRow()
    {
        var page = await fixture.LoginAsync("xiangcheng");
        await page.Locator("#edit-item").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("请勾选一条公文进行修改");
        Assert.EndsWith("/items", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AFilterThatMatchesNothingShowsTheEmptyState()
    {
        var page = await fixture.LoginAsync("taicang");
        await page.Locator("#filter-from").FillAsync("2001-01-01");
        await page.Locator("#filter-to").FillAsync("2001-01-02");
        await page.Locator("#search-button").ClickAsync();
        await Assertions.Expect(page.Locator("#no-items")).ToHaveTextAsync("没有符合条件的公文");
        await page.Context.CloseAsync();
    }

    private async Task CreateDraftAsync(string userName, string title)
    {
        var services = fixture.App.Services;
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var caller = (await services.GetRequiredService<CallerService>().FindAsync(userId))!;
        await services.GetRequiredService<ItemService>().CreateAsync(caller,
            new ItemInput { Title = title, Body = "草稿正文", Category = InfoCategory.General });
    }
}
