using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Pages.Workbench;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>首页 (issue 18) per role: its figures checked against the ranking and the data, not against the workbench itself.</summary>
[Collection(SecondBrowserCollection.Name)]
public class WorkbenchBrowserTests(BrowserFixture fixture)
{
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private async Task<(int Points, int? Rank, int Units)> StandingAsync(Period period, string unit)
    {
        var ranking = await fixture.Service<RankingService>().GetRankingAsync(await fixture.CallerAsync("shenhe"), period);
        var row = ranking.SingleOrDefault(r => r.Score.UnitName == unit);
        return (row is null ? 0 : (int)row.Score.Total, row?.Rank, ranking.Count);
    }

    private static string RankText((int Points, int? Rank, int Units) s) => s.Rank is null ? "未上榜" : $"第{s.Rank}名（共{s.Units}个单位）";

    [Fact]
    public async Task AReporterLandsOnItsWorkbenchWithTheRankingsFiguresAndItsRejectedItems()
    {
        var rejectedTitle = $"首页驳回{Guid.NewGuid():N}"[..12];
        var rejectedId = await fixture.ReportedItemAsync(rejectedTitle);
        await fixture.Service<AdoptionService>().RejectAsync(await fixture.CallerAsync("shenhe"), rejectedId, null, "请补充数据");

        var page = await fixture.LoginAsync("gusu", path: "/");
        await Expect(page.Locator("#workbench-ready")).ToBeAttachedAsync();

        var month = await StandingAsync(Period.Month(Today.Year, Today.Month), "姑苏区总");
        var year = await StandingAsync(Period.Year(Today.Year), "姑苏区总");
        await Expect(page.Locator("#wb-month-points")).ToHaveTextAsync(month.Points.ToString());
        await Expect(page.Locator("#wb-month-rank")).ToHaveTextAsync(RankText(month));
        await Expect(page.Locator("#wb-year-points")).ToHaveTextAsync(year.Points.ToString());
        await Expect(page.Locator("#wb-year-rank")).ToHaveTextAsync(RankText(year));

        var gusuUnit = await fixture.App.WithDbAsync(db => db.Units.Where(u => u.ShortName == "姑苏区总").Select(u => u.Id).SingleAsync());
        var rejected = await fixture.App.WithDbAsync(db => db.Items.CountAsync(i => i.UnitId == gusuUnit && i.State == ItemState.Rejected));
        await Expect(page.Locator("#wb-rejected-count")).ToHaveTextAsync(rejected.ToString());
        var link = page.Locator("#wb-rejected-list a", new() { HasText = rejectedTitle });
        await Expect(link).ToHaveAttributeAsync("href", $"items/{rejectedId}/edit");
        await Expect(page.Locator("#wb-chart-months svg").First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-navmenu a.active")).ToHaveTextAsync("首页");

        await link.ClickAsync();
        await Expect(page.Locator("#item-title")).ToHaveValueAsync(rejectedTitle);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReviewersWorkbenchCountsTheItemsWaitingOldestFirstAndUpdatesLiveWhenAnItemIsReported()
    {
        var page = await fixture.LoginAsync("shenhe", path: "/");
        await Expect(page.Locator("#workbench-ready")).ToBeAttachedAsync();

        var pending = await fixture.App.WithDbAsync(db => db.Items.Where(i => i.State == ItemState.Reported)
            .OrderBy(i => i.ReportedAt).ThenBy(i => i.Id).Select(i => i.Title).ToListAsync());
        await Expect(page.Locator("#wb-pending-count")).ToHaveTextAsync(pending.Count.ToString());
        if (pending.Count > 0) await Expect(page.Locator("#wb-pending-list a").First).ToHaveTextAsync(pending[0]);
        var monthStart = ChinaTime.StartOfDayUtc(new DateOnly(Today.Year, Today.Month, 1));
        var dayStart = ChinaTime.StartOfDayUtc(Today);
        var (month, today) = await fixture.App.WithDbAsync(async db =>
            (await db.Adoptions.CountAsync(a => a.AdoptedAt >= monthStart), await db.Adoptions.CountAsync(a => a.AdoptedAt >= dayStart)));
        await Expect(page.Locator("#wb-adoptions-month")).ToHaveTextAsync(month.ToString());
        await Expect(page.Locator("#wb-adoptions-today")).ToHaveTextAsync(today.ToString());

        await fixture.ReportedItemAsync($"首页待审{Guid.NewGuid():N}"[..12]);
        await Expect(page.Locator("#wb-pending-count")).ToHaveTextAsync((pending.Count + 1).ToString(), new() { Timeout = 2000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdminSeesTheReviewersFiguresOfItsSubtreeAndNoReporterPanel()
    {
        var page = await fixture.LoginAsync("admin", path: "/");
        await Expect(page.Locator("#workbench-ready")).ToBeAttachedAsync();
        var pending = await fixture.App.WithDbAsync(db => db.Items.CountAsync(i => i.State == ItemState.Reported));
        await Expect(page.Locator("#wb-pending-count")).ToHaveTextAsync(pending.ToString());
        await Expect(page.Locator("#wb-reporter")).ToHaveCountAsync(0);
        var top = (await fixture.Service<RankingService>().GetRankingAsync(await fixture.CallerAsync("admin"), Period.Year(Today.Year))).Count;
        if (top == 0) await Expect(page.Locator("#wb-chart-units")).ToContainTextAsync("本年暂无积分");
        else await Expect(page.Locator("#wb-chart-units svg").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
