using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>The bell of the app bar (issue 18): live across browsers, click → the item, 全部已读.</summary>
[Collection(BrowserCollection.Name)]
public class NotificationBrowserTests(BrowserFixture fixture)
{
    private async Task<int> UnreadAsync(string userName) =>
        await fixture.Service<NotificationService>().CountUnreadAsync(await fixture.CallerAsync(userName));

    private static async Task ExpectCountAsync(IPage page, int count, float timeout = 5000)
    {
        if (count == 0) await Expect(page.Locator("#notification-count")).ToHaveCountAsync(0, new() { Timeout = timeout });
        else await Expect(page.Locator("#notification-count")).ToHaveTextAsync(count > 99 ? "99+" : count.ToString(), new() { Timeout = timeout });
    }

    [Fact]
    public async Task AReportersBellCountsUpWithinTwoSecondsWhenAReviewerAdoptsItsItemAndTheClickOpensTheItem()
    {
        var title = $"铃铛测试{Guid.NewGuid():N}"[..12];
        var itemId = await fixture.ReportedItemAsync(title);
        var reporter = await fixture.LoginAsync("gusu", path: "/");
        var before = await UnreadAsync("gusu");
        await ExpectCountAsync(reporter, before);

        // Another browser: the reviewer adopts the item on its 公文采用信息 page.
        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{itemId}");
        await reviewer.Locator("tr.adoption-row[data-publication='苏州工会网'][data-form='文字'] td.adopt-check input[type=checkbox]").CheckAsync();
        await reviewer.Locator("#adopt-button").ClickAsync();
        await reviewer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已录用");

        await ExpectCountAsync(reporter, before + 1, 2000);
        Assert.Equal(before + 1, await UnreadAsync("gusu"));

        await reporter.Locator("#notification-bell").ClickAsync();
        var newest = reporter.Locator("#notification-panel .su-bell-item").First;
        await Expect(newest).ToContainTextAsync($"《{title}》被苏州工会网（文字）录用");
        await Expect(newest).ToContainTextAsync("已录用");
        await newest.ClickAsync();

        await Expect(reporter).ToHaveURLAsync(new Regex($"/items/{itemId}$"));
        await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已录用");
        await ExpectCountAsync(reporter, before);
        Assert.Equal(before, await UnreadAsync("gusu"));

        await reporter.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
    }

    [Fact]
    public async Task AReviewerIsToldOfAReportedItemAndReadsAllWithOneClick()
    {
        var reviewer = await fixture.LoginAsync("shenhe", path: "/");
        var before = await UnreadAsync("shenhe");
        var title = $"待审核铃铛{Guid.NewGuid():N}"[..12];
        await fixture.ReportedItemAsync(title);

        await ExpectCountAsync(reviewer, before + 1, 2000);
        await reviewer.Locator("#notification-bell").ClickAsync();
        await Expect(reviewer.Locator("#notification-panel .su-bell-item").First).ToContainTextAsync($"姑苏区总上报《{title}》，待审核");
        await reviewer.Locator("#notification-read-all").ClickAsync();

        await ExpectCountAsync(reviewer, 0);
        await Expect(reviewer.Locator("#notification-panel .su-bell-unread")).ToHaveCountAsync(0);
        Assert.Equal(0, await UnreadAsync("shenhe"));
        await reviewer.Context.CloseAsync();
    }
}
