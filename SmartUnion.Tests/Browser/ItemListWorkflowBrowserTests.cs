using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// The manual's 公文采用及驳回 from the 公文信息 list: the blue title link to 公文采用信息, 采用 showing 已录用 and
/// the date under the publication's column (also live in another user's list), 驳回 from the list and the
/// reporter's 修改 + 上报 again, and 导出Excel.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ItemListWorkflowBrowserTests(BrowserFixture fixture)
{
    private static string UniqueTitle(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private Task<int> ReportedItemAsync(string title) => fixture.ReportedItemAsync(title);

    private static ILocator ListRow(IPage page, string title) => page.Locator("#item-table tbody tr", new() { HasText = title });

    private static ILocator AdoptionCell(ILocator row, string publication) => row.Locator($"td.adoption-cell[data-label='{publication}']");

    private static ILocator GridRow(IPage page, string publication, string form) =>
        page.Locator($"tr.adoption-row[data-publication='{publication}'][data-form='{form}']");

    private static async Task PickAsync(IPage page, ILocator cell, string text)
    {
        await cell.Locator(".mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task TickAsync(IPage page, string publication, string form, string year, string issue)
    {
        var row = GridRow(page, publication, form);
        await PickAsync(page, row.Locator("td.year-select"), year);
        await PickAsync(page, row.Locator("td.issue-select"), issue);
        await row.Locator("td.adopt-check input[type=checkbox]").CheckAsync();
    }

    private static Task ConfirmAsync(IPage page) =>
        page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();

    /// <summary>Runs a journey and keeps a screenshot of each page when it fails (in the temp folder); closes the contexts.</summary>
    private static async Task JourneyAsync(string name, IEnumerable<IPage> pages, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            var i = 0;
            foreach (var page in pages)
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"smartunion-{name}-{i++}.png"), FullPage = true });
            throw;
        }
        finally
        {
            foreach (var page in pages) await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task TheReviewerOpensAnItemFromTheListDownloadsItsAttachmentAndAdoptsIt()
    {
        var title = UniqueTitle("劳模工匠宣讲");
        var itemId = await ReportedItemAsync(title);
        var page = await fixture.LoginAsync("shenhe");
        await JourneyAsync("list-adopt", [page], async () =>
        {
            // 公文信息 → the blue title → 公文采用信息.
            var row = ListRow(page, title);
            await Expect(row.Locator(".item-state")).ToHaveTextAsync("已上报");
            await row.Locator("a.item-title").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/items/{itemId}$"));
            await Expect(page.Locator("#item-title")).ToHaveTextAsync(title);

            // 附件信息 › 下载.
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.Locator("#attachments").GetByRole(AriaRole.Link, new() { Name = "下载" }).ClickAsync());
            Assert.Equal("劳模方案.txt", download.SuggestedFilename);
            Assert.Equal(BrowserTestData.AttachmentText, await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8));

            // 《苏州工会信息》 正文 (2017, 12期) and 简讯 (2018, 1期), 采用 → 确定.
            await TickAsync(page, "《苏州工会信息》", "正文", "2017", "12期");
            await TickAsync(page, "《苏州工会信息》", "简讯", "2018", "1期");
            await page.Locator("#adopt-button").ClickAsync();
            await ConfirmAsync(page);
            await Expect(page.Locator("#item-state")).ToHaveTextAsync("已录用");

            // Back on the list: 已录用 with the 录用日期 under 《苏州工会信息》, nothing under the others.
            await page.Locator("#back-button").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/items$"));
            var today = ChinaTime.FormatDate(DateTime.UtcNow);
            await Expect(row.Locator(".item-state")).ToHaveTextAsync("已录用");
            await Expect(AdoptionCell(row, "《苏州工会信息》")).ToHaveTextAsync(new Regex($"^\\s*已录用\\s*{today}\\s*$"));
            await Expect(AdoptionCell(row, "苏州工会网")).ToHaveTextAsync(new Regex("^\\s*$"));
        });
    }

    [Fact]
    public async Task TheReportersOpenListShowsTheAdoptionWithinTwoSecondsWithoutAReload()
    {
        var title = UniqueTitle("实时列表");
        var itemId = await ReportedItemAsync(title);
        var reporter = await fixture.LoginAsync("gusu");
        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");
        await JourneyAsync("list-live", [reporter, reviewer], async () =>
        {
            var row = ListRow(reporter, title);
            await Expect(row.Locator(".item-state")).ToHaveTextAsync("已上报");
            var url = reporter.Url;

            await GridRow(reviewer, "江苏工会网", "文字").Locator("td.adopt-check input[type=checkbox]").CheckAsync();
            await reviewer.Locator("#adopt-button").ClickAsync();
            await ConfirmAsync(reviewer);
            await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已录用");

            await Expect(row.Locator(".item-state")).ToHaveTextAsync("已录用", new() { Timeout = 2000 });
            await Expect(AdoptionCell(row, "江苏工会网")).ToContainTextAsync("已录用", new() { Timeout = 2000 });
            Assert.Equal(url, reporter.Url);
        });
    }

    [Fact]
    public async Task ARejectionFromTheListReachesTheReporterWhoEditsAndReportsAgain()
    {
        var title = UniqueTitle("需补充数据");
        var newTitle = UniqueTitle("已补充数据");
        var itemId = await ReportedItemAsync(title);
        var reviewer = await fixture.LoginAsync("shenhe");
        var reporter = await fixture.LoginAsync("gusu");
        await JourneyAsync("list-reject", [reviewer, reporter], async () =>
        {
            // 审核员: tick, 驳回, 驳回理由, 确定.
            var row = ListRow(reviewer, title);
            await row.Locator(".row-select input[type=checkbox]").CheckAsync();
            await reviewer.Locator("#reject-items").ClickAsync();
            var dialog = reviewer.Locator(".mud-dialog");
            await dialog.Locator("textarea").FillAsync("请补充全年活动的具体数据");
            await ConfirmAsync(reviewer);
            await Expect(reviewer.Locator(".mud-snackbar")).ToContainTextAsync("已驳回1条公文");
            await Expect(row.Locator(".item-state")).ToHaveTextAsync("已驳回");

            // 报送员: the open list follows; the detail shows 已驳回 and the reason.
            var reporterRow = ListRow(reporter, title);
            await Expect(reporterRow.Locator(".item-state")).ToHaveTextAsync("已驳回");
            await reporterRow.Locator("a.item-title").ClickAsync();
            await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已驳回");
            await Expect(reporter.Locator("#item-reject-reason")).ToHaveTextAsync("请补充全年活动的具体数据");

            // 修改 → 保存 → back on the list, tick, 上报 → 确定 → 已上报.
            await reporter.Locator("#edit-button").ClickAsync();
            await Expect(reporter).ToHaveURLAsync(new Regex($"/items/{itemId}/edit$"));
            // The detail page's title cell and the form's input share the id: wait for the input.
            var titleInput = reporter.Locator("input#item-title");
            await Expect(titleInput).ToHaveValueAsync(title);
            await titleInput.FillAsync(newTitle);
            await reporter.Locator("#save-item").ClickAsync();
            await Expect(reporter).ToHaveURLAsync(new Regex("/items$"));
            var edited = ListRow(reporter, newTitle);
            await Expect(edited.Locator(".item-state")).ToHaveTextAsync("已驳回");
            await edited.Locator(".row-select input[type=checkbox]").CheckAsync();
            await reporter.Locator("#report-items").ClickAsync();
            await ConfirmAsync(reporter);
            await Expect(edited.Locator(".item-state")).ToHaveTextAsync("已上报");

            // The reviewer's list follows as well.
            await Expect(ListRow(reviewer, newTitle).Locator(".item-state")).ToHaveTextAsync("已上报");
            var stored = await fixture.App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == itemId));
            Assert.Equal(ItemState.Reported, stored.State);
        });
    }

    [Fact]
    public async Task ExportingTheListDownloadsTheFilteredRowsWithTheAdoptionDates()
    {
        var title = UniqueTitle("导出公文");
        var itemId = await ReportedItemAsync(title);
        await fixture.AdoptAsync(itemId, ("市总综合录用", "录用", null, null));

        var page = await fixture.LoginAsync("shenhe");
        await JourneyAsync("list-export", [page], async () =>
        {
            // 报送工会 = 姑苏区总, 搜索, then 导出Excel: every row of that filter.
            await page.Locator("#filter-unit").SelectOptionAsync(new SelectOptionValue { Label = "　姑苏区总" });
            await page.Locator("#search-button").ClickAsync();
            await Expect(ListRow(page, title)).ToHaveCountAsync(1);
            await Expect(page.Locator("#item-table tbody td[data-label='报送工会']").First).ToHaveTextAsync("姑苏区总");

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-items").ClickAsync());
            Assert.Equal($"公文信息_{ChinaTime.Today(TimeProvider.System):yyyy-MM-dd}.xlsx", download.SuggestedFilename);
            await using var file = File.OpenRead(await download.PathAsync());
            using var wb = new XLWorkbook(file);
            var ws = wb.Worksheet(ItemListExportBuilder.SheetName);
            Assert.Equal(["公文标题", "公文类别", "报送工会", "上报日期", "状态"], Enumerable.Range(1, 5).Select(c => ws.Cell(1, c).GetString()));
            Assert.Equal("市级", ws.Cell(1, 6).GetString());
            Assert.Equal("《苏州工会信息》", ws.Cell(2, 6).GetString());
            var column = ws.Row(2).CellsUsed().Single(c => c.GetString() == "市总综合录用").Address.ColumnNumber;

            var rows = ws.RowsUsed().Where(r => r.RowNumber() > ItemListExportBuilder.HeaderRows).ToList();
            var expected = await fixture.App.WithDbAsync(db => db.Items.CountAsync(i => i.Unit!.ShortName == "姑苏区总" && i.State != ItemState.Draft));
            Assert.Equal(expected, rows.Count);
            Assert.All(rows, r => Assert.Equal("姑苏区总", r.Cell(3).GetString()));
            var row = rows.Single(r => r.Cell(1).GetString() == title);
            Assert.Equal("已录用", row.Cell(5).GetString());
            Assert.Equal(ChinaTime.Today(TimeProvider.System).ToDateTime(TimeOnly.MinValue), row.Cell(column).GetDateTime());
            await Expect(page.Locator("#export-progress")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task 查看积分排名OnTheListOpensTheRankingAndCancelClosesIt()
    {
        var page = await fixture.LoginAsync("kunshan");
        await JourneyAsync("list-ranking", [page], async () =>
        {
            // 办公工作 › 公文信息 › 查看积分排名, as the manual says.
            await page.Locator("#show-ranking").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Expect(dialog.Locator(".mud-dialog-title")).ToHaveTextAsync("查看积分排名");
            await Expect(dialog.Locator("td.ranking-unit").First).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
            await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            await Expect(page.Locator("#item-table")).ToBeVisibleAsync();
        });
    }
}
