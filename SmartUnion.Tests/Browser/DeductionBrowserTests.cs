using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>扣分管理's 修改 and 删除 clicked as a reviewer does, checked in the list and in the ranking; the Chinese reconnect dialog.</summary>
[Collection(SecondBrowserCollection.Name)]
public class DeductionBrowserTests(BrowserFixture fixture)
{
    private static Period ThisYear => Period.Year(ChinaTime.Today(TimeProvider.System).Year);
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private async Task<Caller> CallerAsync(string userName)
    {
        var id = await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        return (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }

    private DeductionService Deductions => fixture.App.Services.GetRequiredService<DeductionService>();

    private async Task<int> TotalAsync(string unit) =>
        (await fixture.App.Services.GetRequiredService<RankingService>().GetRankingAsync(await CallerAsync("shenhe"), ThisYear))
            .SingleOrDefault(r => r.Score.UnitName == unit) is { } row ? (int)row.Score.Total : 0;

    private async Task<int> AddDeductionAsync(string unit, int points, string reason)
    {
        var unitId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.Single(u => u.ShortName == unit).Id));
        return await Deductions.CreateAsync(await CallerAsync("shenhe"), new DeductionInput(unitId, points, reason, Today));
    }

    private static ILocator Row(IPage page, string reason) =>
        page.Locator($"#deduction-table tbody tr:has(td.deduction-reason:text-is('{reason}'))");

    private static async Task ExpectRankingTotalAsync(IPage page, string unit, int total)
    {
        await page.Locator(".mud-navmenu").GetByText("查看积分排名", new() { Exact = true }).ClickAsync();
        var cell = page.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{unit}')) td.ranking-total");
        await Assertions.Expect(page.Locator(".mud-dialog td.ranking-unit").First).ToBeVisibleAsync();
        if (total == 0) await Assertions.Expect(cell).ToHaveCountAsync(0);
        else await Assertions.Expect(cell).ToHaveTextAsync(total.ToString());
    }

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    [Fact]
    public async Task 修改ChangesTheTickedDeductionInTheListAndTheRankingFollows()
    {
        const string unit = "张家港市总";
        var before = await TotalAsync(unit);
        var reason = Unique("报送不及时");
        await AddDeductionAsync(unit, 2, reason);
        // Deducting 7 instead of 2 must not leave exactly 0 (the ranking hides zero units).
        var newPoints = before - 7 == 0 ? 8 : 7;
        var newReason = Unique("内容不实");

        var page = await fixture.LoginAsync("shenhe", path: "/deductions");
        await Row(page, reason).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#edit-button").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog .mud-dialog-title")).ToHaveTextAsync("修改扣分");
        await Assertions.Expect(page.Locator("#deduction-points")).ToHaveValueAsync("2");
        await page.Locator("#deduction-points").FillAsync(newPoints.ToString());
        await page.Locator("#deduction-reason").FillAsync(newReason);
        await page.Locator("#deduction-save").ClickAsync();

        await Assertions.Expect(page.Locator("#deduction-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, reason)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, newReason).Locator("td.deduction-points")).ToHaveTextAsync(newPoints.ToString());
        await Assertions.Expect(Row(page, newReason).Locator("td.deduction-unit")).ToHaveTextAsync(unit);
        Assert.Equal(before - newPoints, await TotalAsync(unit));
        await ExpectRankingTotalAsync(page, unit, before - newPoints);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task 删除WithConfirmationRemovesBothTickedDeductionsAndGivesThePointsBack()
    {
        const string unit = "太仓市总";
        var before = await TotalAsync(unit);
        var first = Unique("删除测试甲");
        var second = Unique("删除测试乙");
        await AddDeductionAsync(unit, 3, first);
        await AddDeductionAsync(unit, 4, second);
        Assert.Equal(before - 7, await TotalAsync(unit));

        var page = await fixture.LoginAsync("shenhe", path: "/deductions");
        await Row(page, first).Locator("input[type=checkbox]").CheckAsync();
        await Row(page, second).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#delete-button").ClickAsync();
        var confirm = page.Locator(".mud-dialog");
        await Assertions.Expect(confirm).ToContainTextAsync("确定删除选中的 2 条扣分记录吗？");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();

        await Assertions.Expect(Row(page, first)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, second)).ToHaveCountAsync(0);
        Assert.Equal(before, await TotalAsync(unit));
        await ExpectRankingTotalAsync(page, unit, before);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task 删除CancelledKeepsTheTickedDeduction()
    {
        var reason = Unique("取消删除");
        await AddDeductionAsync("常熟市总", 1, reason);
        var page = await fixture.LoginAsync("shenhe", path: "/deductions");
        await Row(page, reason).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#delete-button").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, reason)).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ALostConnectionShowsTheReconnectDialogInChineseAndItClosesOnceTheServerAnswersAgain()
    {
        var page = await fixture.LoginAsync("shenhe", path: "/deductions");
        // New connections fail until the route is removed; then the circuit's connection is cut.
        await page.RouteAsync("**/_blazor/negotiate**", route => route.AbortAsync());
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        var dialog = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("p:visible")).ToHaveTextAsync(new Regex("正在重新连接服务器|秒后重试"));
        await Assertions.Expect(dialog).ToContainTextAsync("秒后重试", new() { Timeout = 20_000 });
        Assert.DoesNotMatch("[A-Za-z]{4,}", await dialog.InnerTextAsync());

        await page.UnrouteAsync("**/_blazor/negotiate**");
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
        // The same circuit goes on: the page still works.
        await page.Locator("#add-button").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog .mud-dialog-title")).ToHaveTextAsync("新增扣分");
        await page.Context.CloseAsync();
    }
}
