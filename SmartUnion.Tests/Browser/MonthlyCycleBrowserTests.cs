using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// The office's month in one run (issue 16): the app's clock starts on the 20th of a month M and moves on to the 2nd of
/// M+1, so that the 约稿's deadline passes and M can be confirmed. Every button of the cycle is clicked here:
/// 设置任务数, 新增约稿 / 修改, 回应约稿, 催报, 关闭, 确认, 生成预览 and 下载.
/// </summary>
[Collection(ClockedBrowserCollection.Name)]
public class MonthlyCycleBrowserTests(ClockedBrowserFixture fixture)
{
    private const string ZeroUnit = "零报送测试区总";
    private const int Quota = 5;

    private DateOnly Month => fixture.Month;

    private static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    private static ILocator Target(IPage page, string unit) => page.Locator($"#commission-targets tr.target-row[data-unit='{unit}'] .target-state");

    [Fact]
    public async Task QuotaCommissionAnswerReminderShortfallConfirmationLiveRankingAndTheBulletinLibreOfficeReads()
    {
        await AddSilentDistrictAsync();
        await SetTheGroupsQuotaAsync();
        var topic = $"约稿{Guid.NewGuid():N}"[..10];
        var (reviewer, commission) = await CommissionGusuAndWuzhongAsync(topic);
        await AnswerAsGusuAsync(commission, topic);
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("已回应");

        // The next month begins: the deadline (the 25th) has passed and 吴中区总 never answered. The sign-ins of the
        // 20th have expired (8 hours), so the reviewer signs in again.
        fixture.Clock.SetChinaTime(Month.AddMonths(1).AddDays(1).ToDateTime(new TimeOnly(9, 0)));
        await reviewer.Context.CloseAsync();
        reviewer = await fixture.LoginAsync("shenhe", path: $"/commissions/{commission}");
        await RemindAndCloseAsync(reviewer, commission, topic);

        var viewer = await OpenRankingAsync();
        await ConfirmTheMonthAsync(reviewer, viewer);
        await DownloadTheBulletinAsync(reviewer, topic);

        foreach (var page in new[] { reviewer, viewer }) await page.Context.CloseAsync();
    }

    /// <summary>A district that has existed for long and never reports, in the demo group 县市区总工会.</summary>
    private Task AddSilentDistrictAsync() => fixture.App.WithDbAsync(async db =>
    {
        var city = await db.Units.SingleAsync(u => u.ParentId == null);
        var group = await db.UnitGroups.SingleAsync(g => g.Name == "县市区总工会");
        var unit = new Unit { Name = ZeroUnit + "工会", ShortName = ZeroUnit, Level = 2, ParentId = city.Id, SortOrder = 99, GroupId = group.Id };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = $"{city.Path}{unit.Id}/";
        return await db.SaveChangesAsync();
    });

    /// <summary>系统设置 › 单位分组: 县市区总工会 gets <see cref="Quota"/> items a month from M on.</summary>
    private async Task SetTheGroupsQuotaAsync()
    {
        var admin = await fixture.LoginAsync("admin", path: "/settings/groups");
        var group = admin.Locator("#group-table tr:has(td.group-name:text-is('县市区总工会'))");
        await group.Locator(".group-set-quota").ClickAsync();
        await Expect(Dialog(admin).Locator(".mud-dialog-title")).ToHaveTextAsync("设置任务数：县市区总工会");
        await admin.Locator("#effective-year").FillAsync(Month.Year.ToString());
        await admin.Locator("#effective-month").ClickAsync();
        await admin.Locator(".mud-popover-open").GetByText($"{Month.Month}月", new() { Exact = true }).ClickAsync();
        await admin.Locator("#group-quota").FillAsync(Quota.ToString());
        await admin.Locator("#group-save").ClickAsync();
        await Expect(group.Locator("td.group-versions")).ToContainTextAsync($"{Month.Year}年{Month.Month}月起 {Quota}篇");
        await admin.Context.CloseAsync();
    }

    /// <summary>The reviewer: 新增约稿 for 姑苏区总 and 吴中区总, due on the 25th, then 修改 before any answer.</summary>
    private async Task<(IPage Reviewer, int Commission)> CommissionGusuAndWuzhongAsync(string topic)
    {
        var reviewer = await fixture.LoginAsync("shenhe", path: "/commissions");
        await reviewer.Locator("#commissions-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await reviewer.Locator("#commission-add").ClickAsync();
        await reviewer.Locator("#commission-topic").FillAsync(topic);
        await reviewer.Locator("#commission-requirements").FillAsync("每单位报送一篇");
        await reviewer.Locator("#commission-due").FillAsync(Month.AddDays(24).ToString("yyyy-MM-dd"));
        await reviewer.Locator("#commission-units input[data-unit='姑苏区总']").CheckAsync();
        await reviewer.Locator("#commission-units input[data-unit='吴中区总']").CheckAsync();
        await Expect(reviewer.Locator("#commission-selected-count")).ToHaveTextAsync("2");
        await reviewer.Locator("#commission-save").ClickAsync();
        await Expect(reviewer.Locator(".mud-snackbar")).ToContainTextAsync("保存成功");
        await reviewer.Locator($"tr.commission-row[data-topic='{topic}'] a").ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new Regex(@"/commissions/\d+$"));
        var id = int.Parse(reviewer.Url.Split('/')[^1]);
        await reviewer.Locator("#commission-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await reviewer.Locator("#commission-edit").ClickAsync();
        await Expect(reviewer.Locator("#commission-topic")).ToHaveValueAsync(topic);
        await reviewer.Locator("#commission-requirements").FillAsync("每单位报送一篇，800字以内");
        await reviewer.Locator("#commission-save").ClickAsync();
        await Expect(reviewer.Locator("#commission-requirements-text")).ToHaveTextAsync("每单位报送一篇，800字以内");
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("待回应");
        await Expect(Target(reviewer, "吴中区总")).ToHaveTextAsync("待回应");
        return (reviewer, id);
    }

    /// <summary>姑苏区总 answers with a new item from the 约稿's page (回应约稿) and reports it (上报 in the list).</summary>
    private async Task AnswerAsGusuAsync(int commission, string topic)
    {
        var gusu = await fixture.LoginAsync("gusu", path: $"/commissions/{commission}");
        await gusu.Locator("#commission-answer").ClickAsync();
        await Expect(gusu).ToHaveURLAsync(new Regex($"/items/new\\?commission={commission}$"));
        await Expect(gusu.Locator("#item-commission")).ToHaveValueAsync(commission.ToString());
        var title = $"回应{topic}";
        await gusu.Locator("#item-title").FillAsync(title);
        await gusu.Locator("#item-body").FillAsync("劳模工匠事迹一则");
        await gusu.Locator("#item-category").ClickAsync();
        await gusu.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
        await gusu.Locator("#save-item").ClickAsync();
        // Saving stores the item and loads the list: on a busy machine more than Expect's 5 s.
        await Expect(gusu).ToHaveURLAsync(new Regex("/items$"), new() { Timeout = 15_000 });
        var item = await fixture.App.WithDbAsync(db => db.Items.AsNoTracking().SingleAsync(i => i.Title == title));
        Assert.Equal(commission, item.CommissionId);
        await fixture.Service<ItemService>().ReportAsync(await fixture.CallerAsync("gusu"), [item.Id]);
        await gusu.Context.CloseAsync();
    }

    /// <summary>吴中区总 is 逾期未回应: 催报 reaches its bell live, then 关闭 marks it 未回应.</summary>
    private async Task RemindAndCloseAsync(IPage reviewer, int commission, string topic)
    {
        await reviewer.Locator("#commission-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(Target(reviewer, "吴中区总")).ToHaveTextAsync("逾期未回应");

        var wuzhong = await fixture.LoginAsync("wuzhong", path: "/");
        await Expect(wuzhong.Locator("#wb-commissions-list")).ToContainTextAsync(topic);
        var before = await fixture.Service<NotificationService>().CountUnreadAsync(await fixture.CallerAsync("wuzhong"));
        await reviewer.Locator("#commission-remind").ClickAsync();
        await Dialog(reviewer).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(reviewer.Locator(".mud-snackbar").Last).ToContainTextAsync("已向吴中区总发送催报");
        await Expect(wuzhong.Locator("#notification-count")).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 5000 });
        await Expect(reviewer.Locator("#commission-reminders")).ToContainTextAsync("催报：吴中区总");
        await wuzhong.Locator("#notification-bell").ClickAsync();
        await wuzhong.Locator("#notification-panel .su-bell-item", new() { HasText = $"约稿《{topic}》" }).First.ClickAsync();
        await Expect(wuzhong).ToHaveURLAsync(new Regex($"/commissions/{commission}$"));
        await wuzhong.Context.CloseAsync();

        await reviewer.Locator("#commission-close").ClickAsync();
        await Expect(Dialog(reviewer)).ToContainTextAsync("尚未回应的单位将记为“未回应”");
        await Dialog(reviewer).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(reviewer.Locator("#commission-status")).ToContainTextAsync("已关闭");
        await Expect(Target(reviewer, "吴中区总")).ToHaveTextAsync("未回应");
        await Expect(Target(reviewer, "姑苏区总")).ToHaveTextAsync("已回应");
        await Expect(reviewer.Locator("#commission-remind")).ToHaveCountAsync(0);
    }

    /// <summary>Another user's 积分排名 over M, open while the reviewer confirms.</summary>
    private async Task<IPage> OpenRankingAsync()
    {
        var viewer = await fixture.LoginAsync("kunshan", path: "/ranking");
        await Expect(viewer.Locator(".mud-dialog td.ranking-unit").First).ToBeVisibleAsync();
        await viewer.Locator("#ranking-from").FillAsync(Month.ToString("yyyy-MM-dd"));
        await Expect(viewer.Locator("#ranking-period")).ToContainTextAsync(Month.ToString("yyyy-MM-dd"));
        await Expect(viewer.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{ZeroUnit}'))")).ToHaveCountAsync(0);
        return viewer;
    }

    /// <summary>任务完成情况 opens on M: the silent district is 零报送 and short, 吴中区总 owes the 约稿; 确认, and the ranking follows live.</summary>
    private async Task ConfirmTheMonthAsync(IPage reviewer, IPage viewer)
    {
        await reviewer.Locator(".mud-navmenu").GetByText("任务完成情况", new() { Exact = true }).ClickAsync();
        var row = reviewer.Locator($"#task-table tr[data-unit='{ZeroUnit}']");
        await Expect(row.Locator(".task-reported")).ToHaveTextAsync($"0 / {Quota}");
        await Expect(row.Locator(".task-met")).ToHaveTextAsync("未完成");
        await Expect(row.Locator(".task-missing")).ToHaveTextAsync($"缺{Quota}篇");
        await Expect(row.Locator(".task-zero")).ToHaveTextAsync("零报送");
        var shortfall = reviewer.Locator($"#task-proposal tr[data-unit='{ZeroUnit}']");
        await Expect(shortfall.Locator(".proposal-kind")).ToHaveTextAsync("缺报扣分");
        await Expect(shortfall.Locator(".proposal-points")).ToHaveTextAsync($"−{Quota}");
        await Expect(shortfall.Locator(".proposal-status")).ToHaveTextAsync("待确认");
        var unanswered = reviewer.Locator("#task-proposal tr[data-unit='吴中区总']").Filter(new() { HasTextString = "约稿未回应扣分" });
        await Expect(unanswered).ToHaveCountAsync(1);
        var owed = (await unanswered.Locator(".proposal-points").InnerTextAsync()).TrimStart('−');

        await reviewer.Locator("#task-confirm").ClickAsync();
        await Expect(Dialog(reviewer).Locator(".mud-dialog-title")).ToHaveTextAsync("确认扣分和加分");
        await Dialog(reviewer).GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Expect(shortfall.Locator(".proposal-status")).ToHaveTextAsync("已确认");
        await Expect(unanswered.Locator(".proposal-status")).ToHaveTextAsync("已确认");
        await Expect(reviewer.Locator("#task-confirm")).ToBeDisabledAsync();

        var zeroRow = viewer.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{ZeroUnit}'))");
        await Expect(zeroRow.Locator("td.ranking-deducted")).ToHaveTextAsync(Quota.ToString(), new() { Timeout = 5000 });
        await Expect(zeroRow.Locator("td.ranking-total")).ToHaveTextAsync($"-{Quota}");
        var recorded = await fixture.App.WithDbAsync(db => db.QuotaEntries.AsNoTracking()
            .Where(e => e.Unit!.ShortName == "吴中区总" && e.Month == Month && e.Kind == QuotaEntryKind.UnansweredCommission)
            .Select(e => e.Points).ToListAsync());
        Assert.Equal([int.Parse(owed)], recorded);
    }

    /// <summary>月度通报 of M: preview, 下月报送要点, download; LibreOffice reads the five sections with the month's names and numbers.</summary>
    private async Task DownloadTheBulletinAsync(IPage reviewer, string topic)
    {
        var request = new BulletinRequest(Month.Year, Month.Month);
        var expected = await fixture.Service<MonthlyBulletinService>().GetAsync(await fixture.CallerAsync("shenhe"), request);
        var commission = Assert.Single(expected.Commissions, c => c.Topic == topic);
        Assert.Equal((2, 1, 0), (commission.Targets, commission.Answered, commission.Late));
        Assert.Equal(["吴中区总"], commission.NotAnswered);
        Assert.Contains(expected.Groups, g => g.ZeroReportUnits.Contains(ZeroUnit));

        await reviewer.GotoAsync("/bulletin");
        await BrowserFixture.WaitForCircuitAsync(reviewer);
        await Expect(reviewer.Locator("#bulletin-empty")).ToBeVisibleAsync();
        await reviewer.Locator("#bulletin-load").ClickAsync();
        var preview = reviewer.Locator("#bulletin-preview");
        await Expect(preview.Locator(".su-bulletin-title")).ToHaveTextAsync("苏州市总工会信息工作月度通报");
        await Expect(preview.Locator(".su-bulletin-heading")).ToHaveTextAsync(BulletinText.Sections);
        await Expect(preview).ToContainTextAsync(BulletinText.Overview(expected));
        await Expect(reviewer.Locator("#bulletin-download")).ToBeDisabledAsync();
        await reviewer.Locator("textarea#bulletin-points").FillAsync("围绕劳动竞赛多报一线信息\n每月至少报送一篇调研信息");
        await Expect(preview).ToContainTextAsync("每月至少报送一篇调研信息");
        await reviewer.Locator("textarea#bulletin-opening").FillAsync("现将上月信息工作情况通报如下，请各单位对照改进。");
        await Expect(preview).ToContainTextAsync("请各单位对照改进");

        var download = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.Locator("#bulletin-download").ClickAsync());
        Assert.Equal(request.FileName, download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"bulletin-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            var text = await LibreOffice.ToTextAsync(path);
            Assert.Contains(request.IssueText, text);
            var at = BulletinText.Sections.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
            Assert.All(at, i => Assert.True(i >= 0));
            Assert.Equal(at.Order(), at);
            Assert.Contains(BulletinText.Overview(expected), text);
            Assert.Contains("请各单位对照改进", text);
            Assert.Contains("每月至少报送一篇调研信息", text);
            foreach (var group in expected.Groups.Where(g => g.Rows.Count > 0))
            {
                Assert.Contains(group.Name, text);
                Assert.Contains(group.Rows[0].UnitName, text);
            }
            var zero = text.IndexOf(BulletinText.ZeroReports(expected), StringComparison.Ordinal);
            Assert.True(zero > at[2] && zero < at[3], "the 零报送 line is not in 三、零报送单位");
            Assert.Contains(ZeroUnit, BulletinText.ZeroReports(expected));
            var answered = text.IndexOf(BulletinText.Commission(commission), StringComparison.Ordinal);
            Assert.True(answered > at[3] && answered < at[4], "the 约稿 line is not in 四、约稿完成情况");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
