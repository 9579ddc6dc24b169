using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>约稿 and 催报 (issue 16 item 3) in the browser: every button that changes a 约稿 is clicked here.</summary>
[Collection(BrowserCollection.Name)]
public class CommissionBrowserTests(BrowserFixture fixture)
{
    private static ILocator Target(IPage page, string unit) => page.Locator($"#commission-targets tr.target-row[data-unit='{unit}'] .target-state");

    private static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    [Fact]
    public async Task AReviewerCommissionsTwoDistrictsOneAnswersTheLateOneIsRemindedLiveAndClosingMarksItUnanswered()
    {
        var topic = $"约稿测试{Guid.NewGuid():N}"[..12];
        var due = ChinaTime.Today(TimeProvider.System).AddDays(3);

        // The reviewer: 新增约稿 for 姑苏区总 and 吴中区总.
        var reviewer = await fixture.LoginAsync("shenhe", path: "/commissions");
        await reviewer.Locator("#commissions-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await reviewer.Locator("#commission-add").ClickAsync();
        await reviewer.Locator("#commission-topic").FillAsync(topic);
        await reviewer.Locator("#commission-requirements").FillAsync("每单位报送一篇");
        await reviewer.Locator("#commission-due").FillAsync(due.ToString("yyyy-MM-dd"));
        await reviewer.Locator("#commission-units input[data-unit='姑苏区总']").CheckAsync();
        await reviewer.Locator("#commission-units input[data-unit='吴中区总']").CheckAsync();
        await Expect(reviewer.Locator("#commission-selected-count")).ToHaveTextAsync("2");
        await reviewer.Locator("#commission-save").ClickAsync();
        await Expect(reviewer.Locator(".mud-snackbar")).ToContainTextAsync("保存成功");
        var row = reviewer.Locator($"tr.commission-row[data-topic='{topic}']");
        await row.Locator("a").ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new Regex(@"/commissions/\d+$"));
        var id = int.Parse(reviewer.Url.Split('/')[^1]);
        await reviewer.Locator("#commission-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // 修改 before any answer.
        await reviewer.Locator("#commission-edit").ClickAsync();
        await Expect(reviewer.Locator("#commission-topic")).ToHaveValueAsync(topic);
        await reviewer.Locator("#commission-requirements").FillAsync("每单位报送一篇，800字以内");
        await reviewer.Locator("#commission-save").ClickAsync();
        await Expect(reviewer.Locator("#commission-requirements-text")).ToHaveTextAsync("每单位报送一篇，800字以内");
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("待回应");

        // 姑苏区总 answers with a new item from the 约稿's page (回应约稿); its 上报 is the item list's own, tested elsewhere.
        var gusu = await fixture.LoginAsync("gusu", path: $"/commissions/{id}");
        await gusu.Locator("#commission-answer").ClickAsync();
        await Expect(gusu).ToHaveURLAsync(new Regex($"/items/new\\?commission={id}$"));
        await Expect(gusu.Locator("#item-commission")).ToHaveValueAsync(id.ToString());
        var title = $"回应{topic}";
        await gusu.Locator("#item-title").FillAsync(title);
        await gusu.Locator("#item-body").FillAsync("劳模工匠事迹一则");
        await gusu.Locator("#item-category").ClickAsync();
        await gusu.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
        await gusu.Locator("#save-item").ClickAsync();
        await Expect(gusu).ToHaveURLAsync(new Regex("/items$"));
        var item = await fixture.App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Title == title));
        Assert.Equal(id, item.CommissionId);
        await fixture.Service<ItemService>().ReportAsync(await fixture.CallerAsync("gusu"), [item.Id]);
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("已回应");
        await Expect(reviewer.Locator("#commission-targets tr[data-unit='姑苏区总'] a")).ToHaveTextAsync(title);

        // 吴中区总 did not answer: its 首页 lists the 约稿; 催报 reaches its bell live.
        var wuzhong = await fixture.LoginAsync("wuzhong", path: "/");
        await Expect(wuzhong.Locator("#wb-commissions-list")).ToContainTextAsync(topic);
        var notifications = fixture.Service<NotificationService>();
        var before = await notifications.CountUnreadAsync(await fixture.CallerAsync("wuzhong"));
        await reviewer.Locator("#commission-remind").ClickAsync();
        await Dialog(reviewer).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(reviewer.Locator(".mud-snackbar").Last).ToContainTextAsync("已向吴中区总发送催报");
        await Expect(wuzhong.Locator("#notification-count")).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 2000 });
        await Expect(reviewer.Locator("#commission-reminders")).ToContainTextAsync("催报：吴中区总");
        await wuzhong.Locator("#notification-bell").ClickAsync();
        await wuzhong.Locator("#notification-panel .su-bell-item", new() { HasText = $"约稿《{topic}》" }).First.ClickAsync();
        await Expect(wuzhong).ToHaveURLAsync(new Regex($"/commissions/{id}$"));

        // 关闭 (confirmation): the unanswered unit is 未回应 from now on.
        await reviewer.Locator("#commission-close").ClickAsync();
        await Expect(Dialog(reviewer)).ToContainTextAsync("尚未回应的单位将记为“未回应”");
        await Dialog(reviewer).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(reviewer.Locator("#commission-status")).ToContainTextAsync("已关闭");
        await Expect(Target(reviewer, "吴中区总")).ToHaveTextAsync("未回应");
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("已回应");
        await Expect(reviewer.Locator("#commission-remind")).ToHaveCountAsync(0);
        var stored = await fixture.App.WithDbAsync(db => db.CommissionTargets.AsNoTracking().Where(t => t.CommissionId == id)
            .Select(t => new { t.Unit!.ShortName, t.Status }).ToListAsync());
        Assert.Equal(CommissionTargetStatus.Unanswered, stored.Single(t => t.ShortName == "吴中区总").Status);

        await gusu.Context.CloseAsync();
        await wuzhong.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
    }
}
