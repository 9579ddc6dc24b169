using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>The 公文信息 list's 关键字 (found by a phrase of 正文, highlighted, scoped) and the reviewers' 待审核 queue.</summary>
[Collection(SecondBrowserCollection.Name)]
public class ItemSearchBrowserTests(BrowserFixture fixture)
{
    /// <summary>Four Chinese characters that no seeded text holds (random, so that runs never share them).</summary>
    private static string UniquePhrase()
    {
        var random = new Random(Guid.NewGuid().GetHashCode());
        return string.Concat(Enumerable.Range(0, 4).Select(_ => (char)random.Next(0x4E00, 0x9FA5)));
    }

    private static ILocator Rows(IPage page) => page.Locator("#item-table tbody tr a.item-title");

    private async Task<int> ReportedAsync(string userName, string title, string body)
    {
        var caller = await fixture.CallerAsync(userName);
        var items = fixture.Service<ItemService>();
        var saved = await items.CreateAsync(caller, new ItemInput { Title = title, Body = body, Category = InfoCategory.General });
        await items.ReportAsync(caller, [saved.Id]);
        return saved.Id;
    }

    private static async Task SearchAsync(IPage page, string keyword)
    {
        await page.Locator("#filter-keyword").FillAsync(keyword);
        await page.Locator("#search-button").ClickAsync();
    }

    private static async Task JourneyAsync(string name, IPage page, Func<Task> journey)
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

    [Fact]
    public async Task AKeywordFindsTheReportersItemByAPhraseOfItsBodyButNotAnotherDistrictsItemHoldingItToo()
    {
        var phrase = UniquePhrase();
        var title = "职工驿站建设" + Guid.NewGuid().ToString("N")[..6];
        await ReportedAsync("gusu", title, $"今年以来，区总工会推进{phrase}工作，覆盖职工三千余人次。");
        var otherTitle = "吴中区职工驿站" + Guid.NewGuid().ToString("N")[..6];
        await ReportedAsync("wuzhong", otherTitle, $"吴中区也在推进{phrase}工作。");

        var page = await fixture.LoginAsync("gusu");
        await JourneyAsync("keyword-search", page, async () =>
        {
            await SearchAsync(page, $" {phrase} ");

            await Expect(Rows(page)).ToHaveCountAsync(1);
            await Expect(Rows(page)).ToHaveTextAsync(title);
            var snippet = page.Locator("#item-table tbody tr .su-snippet");
            await Expect(snippet).ToContainTextAsync($"推进{phrase}工作");
            await Expect(snippet.Locator("mark")).ToHaveTextAsync(phrase);
            await Expect(page.Locator("#item-table")).Not.ToContainTextAsync(otherTitle);
            await Expect(page.Locator("#item-pager")).ToContainTextAsync("共 1 条");

            // A keyword too long gets a Chinese message and leaves the list as it was.
            await SearchAsync(page, new string('工', 200));
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"关键字不能超过{ItemSearch.MaxKeywordLength}个字");
            await Expect(Rows(page)).ToHaveTextAsync(title);

            // Cleared: every item of the unit again.
            await SearchAsync(page, "");
            await Expect(page.Locator("#item-table tbody tr .su-snippet")).ToHaveCountAsync(0);
            await Expect(page.Locator("#item-pager")).Not.ToContainTextAsync("共 1 条");
        });
    }

    [Fact]
    public async Task TheReviewersAwaitingReviewQueueListsReportedItemsWithoutDecisionOldestFirst()
    {
        var phrase = UniquePhrase();
        await ReportedAsync("gusu", $"待审核甲{phrase}", "第一条");
        await ReportedAsync("wuzhong", $"待审核乙{phrase}", "第二条");
        var adopted = await ReportedAsync("gusu", $"已采用丙{phrase}", "第三条");
        await fixture.AdoptAsync(adopted, ("市总综合录用", "录用", null, null));

        var page = await fixture.LoginAsync("shenhe");
        await JourneyAsync("awaiting-review", page, async () =>
        {
            await page.Locator("#filter-adoption").SelectOptionAsync(new SelectOptionValue { Label = "待审核" });
            await SearchAsync(page, phrase);

            // Oldest 上报日期 first; the adopted item is not waiting.
            await Expect(Rows(page)).ToHaveTextAsync([$"待审核甲{phrase}", $"待审核乙{phrase}"]);
            await Expect(page.Locator("#item-table th[aria-sort='ascending']")).ToContainTextAsync("上报日期");
            await Expect(page.Locator("#item-table tbody tr .item-state")).ToHaveTextAsync(["已上报", "已上报"]);

            // Without the keyword, the whole queue is in 上报日期 order, oldest first.
            await SearchAsync(page, "");
            await Expect(page.Locator("#item-table tbody tr").First.Locator(".item-state")).ToHaveTextAsync("已上报");
            var dates = await page.Locator("#item-table tbody td.reported-at").AllTextContentsAsync();
            Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        });
    }
}
