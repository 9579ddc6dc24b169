using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>查看积分排名 and 扣分管理 as the manual describes them; expected numbers come from RankingService.</summary>
[Collection(BrowserCollection.Name)]
public class RankingBrowserTests(BrowserFixture fixture)
{
    private static Period ThisYear => Period.Year(ChinaTime.Today(TimeProvider.System).Year);

    private async Task<Caller> CallerAsync(string userName)
    {
        var id = await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        return (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }

    private async Task<IReadOnlyList<RankingRow>> RankingAsync() =>
        await fixture.App.Services.GetRequiredService<RankingService>().GetRankingAsync(await CallerAsync("shenhe"), ThisYear);

    private async Task<int> TotalAsync(string unit) =>
        (await RankingAsync()).SingleOrDefault(r => r.Score.UnitName == unit) is { } row ? (int)row.Score.Total : 0;

    private static ILocator TotalCell(IPage page, string unit) =>
        page.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{unit}')) td.ranking-total");

    /// <summary>Points to deduct so that the unit stays in the ranking (a zero total would hide it).</summary>
    private static int PointsFor(int before) => before - 3 == 0 ? 4 : 3;

    [Fact]
    public async Task TheRankingListsUnitsByPointsWithoutZeroUnitsAndCancelCloses()
    {
        var page = await fixture.LoginAsync("gusu", path: "/items");
        // 办公工作 › 查看积分排名 in the menu opens the dialog.
        await page.Locator(".mud-navmenu").GetByText("查看积分排名", new() { Exact = true }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".mud-dialog-title")).ToHaveTextAsync("查看积分排名");
        await Assertions.Expect(dialog.Locator("td.ranking-unit").First).ToBeVisibleAsync();
        foreach (var header in new[] { "名次", "单位", "录用数", "得分", "扣分", "积分" })
            await Assertions.Expect(dialog.Locator("th", new() { HasTextString = header }).First).ToBeVisibleAsync();

        var expected = await RankingAsync();
        Assert.NotEmpty(expected);
        await Assertions.Expect(dialog.Locator("td.ranking-unit")).ToHaveTextAsync(expected.Select(r => r.Score.UnitName).ToArray());
        var totals = (await dialog.Locator("td.ranking-total").AllInnerTextsAsync()).Select(int.Parse).ToList();
        Assert.Equal(expected.Select(r => (int)r.Score.Total), totals);
        Assert.Equal(totals.OrderByDescending(x => x), totals);
        Assert.DoesNotContain(0, totals);

        // 苏州市总工会 reports nothing: its 0 points keep it out of the table.
        var zeroUnits = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.Select(u => u.ShortName).ToList()));
        zeroUnits.RemoveAll(u => expected.Any(r => r.Score.UnitName == u));
        Assert.Contains("苏州市总工会", zeroUnits);
        foreach (var unit in zeroUnits)
            await Assertions.Expect(dialog.Locator($"td.ranking-unit:text-is('{unit}')")).ToHaveCountAsync(0);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANewDeductionByTheReviewerUpdatesAnotherUsersOpenRankingWithinTwoSeconds()
    {
        const string unit = "吴中区总";
        var viewer = await fixture.LoginAsync("kunshan", path: "/ranking");
        await Assertions.Expect(viewer.Locator(".mud-dialog td.ranking-unit").First).ToBeVisibleAsync();
        var before = await TotalAsync(unit);
        if (before != 0) await Assertions.Expect(TotalCell(viewer, unit)).ToHaveTextAsync(before.ToString());
        var points = PointsFor(before);

        var reviewer = await fixture.LoginAsync("shenhe", path: "/deductions");
        await FillNewDeductionAsync(reviewer, unit, points, "两个浏览器的实时排名测试");
        await reviewer.Locator("#deduction-save").ClickAsync();

        await Assertions.Expect(TotalCell(viewer, unit)).ToHaveTextAsync((before - points).ToString(), new() { Timeout = 2000 });
        Assert.Equal(before - points, await TotalAsync(unit));
        await viewer.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
    }

    [Fact]
    public async Task ADeductionAddedIn扣分管理LowersTheUnitsPointsInTheRankingByThatAmount()
    {
        const string unit = "相城区总";
        var before = await TotalAsync(unit);
        var points = PointsFor(before);
        var reason = $"报送内容与事实不符{Guid.NewGuid():N}"[..14];

        var page = await fixture.LoginAsync("shenhe", path: "/items");
        await page.Locator(".mud-navmenu").GetByText("扣分管理", new() { Exact = true }).ClickAsync();
        await FillNewDeductionAsync(page, unit, points, reason);
        await page.Locator("#deduction-save").ClickAsync();
        await Assertions.Expect(page.Locator("#deduction-dialog")).ToHaveCountAsync(0);
        var row = page.Locator($"#deduction-table tr:has(td.deduction-reason:text-is('{reason}'))");
        await Assertions.Expect(row.Locator("td.deduction-unit")).ToHaveTextAsync(unit);
        await Assertions.Expect(row.Locator("td.deduction-points")).ToHaveTextAsync(points.ToString());
        await Assertions.Expect(row.Locator("td.deduction-creator")).ToHaveTextAsync("市总审核员");

        await page.Locator(".mud-navmenu").GetByText("查看积分排名", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(TotalCell(page, unit)).ToHaveTextAsync((before - points).ToString());
        await page.Context.CloseAsync();
    }

    private static async Task FillNewDeductionAsync(IPage page, string unit, int points, string reason)
    {
        await page.Locator("#add-button").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog .mud-dialog-title")).ToHaveTextAsync("新增扣分");
        await page.Locator("#deduction-unit").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(unit, new() { Exact = true }).ClickAsync();
        await page.Locator("#deduction-points").FillAsync(points.ToString());
        await page.Locator("#deduction-reason").FillAsync(reason);
        await Assertions.Expect(page.Locator("#deduction-date")).ToHaveValueAsync(ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
    }
}
