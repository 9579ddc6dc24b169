using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>The month's cycle: 单位分组 quota → 任务完成情况 (shortfall, 零报送) → 确认 → an open 积分排名 changes live.</summary>
[Collection(BrowserCollection.Name)]
public class TaskCompletionBrowserTests(BrowserFixture fixture)
{
    private const string ZeroUnit = "零报送测试区总";

    private static DateOnly LastMonth
    {
        get
        {
            var today = ChinaTime.Today(TimeProvider.System);
            return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        }
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
        await db.SaveChangesAsync();
        return unit.Id;
    });

    [Fact]
    public async Task AdminSetsAQuotaReviewerSeesShortfallAndZeroReportConfirmsAndAnOpenRankingChangesWithoutReload()
    {
        await AddSilentDistrictAsync();
        var month = LastMonth;

        // 系统设置 › 单位分组: 县市区总工会 gets 5 items a month from last month on.
        var admin = await fixture.LoginAsync("admin", path: "/settings/groups");
        var group = admin.Locator("#group-table tr:has(td.group-name:text-is('县市区总工会'))");
        await group.Locator(".group-set-quota").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-dialog .mud-dialog-title")).ToHaveTextAsync("设置任务数：县市区总工会");
        await admin.Locator("#effective-year").FillAsync(month.Year.ToString());
        await admin.Locator("#effective-month").ClickAsync();
        await admin.Locator(".mud-popover-open").GetByText($"{month.Month}月", new() { Exact = true }).ClickAsync();
        await admin.Locator("#group-quota").FillAsync("5");
        await admin.Locator("#group-save").ClickAsync();
        await Assertions.Expect(group.Locator("td.group-versions")).ToContainTextAsync($"{month.Year}年{month.Month}月起 5篇");
        await admin.Context.CloseAsync();

        // Another user's open 积分排名, from the first day of last month.
        var viewer = await fixture.LoginAsync("kunshan", path: "/ranking");
        await Assertions.Expect(viewer.Locator(".mud-dialog td.ranking-unit").First).ToBeVisibleAsync();
        await viewer.Locator("#ranking-from").FillAsync(month.ToString("yyyy-MM-dd"));
        await Assertions.Expect(viewer.Locator("#ranking-period")).ToContainTextAsync(month.ToString("yyyy-MM-dd"));
        var zeroRow = viewer.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{ZeroUnit}'))");
        await Assertions.Expect(zeroRow).ToHaveCountAsync(0);

        // 办公工作 › 任务完成情况 opens on last month.
        var reviewer = await fixture.LoginAsync("shenhe", path: "/items");
        await reviewer.Locator(".mud-navmenu").GetByText("任务完成情况", new() { Exact = true }).ClickAsync();
        var row = reviewer.Locator($"#task-table tr[data-unit='{ZeroUnit}']");
        await Assertions.Expect(row.Locator(".task-reported")).ToHaveTextAsync("0 / 5");
        await Assertions.Expect(row.Locator(".task-met")).ToHaveTextAsync("未完成");
        await Assertions.Expect(row.Locator(".task-missing")).ToHaveTextAsync("缺5篇");
        await Assertions.Expect(row.Locator(".task-zero")).ToHaveTextAsync("零报送");
        var line = reviewer.Locator($"#task-proposal tr[data-unit='{ZeroUnit}']");
        await Assertions.Expect(line.Locator(".proposal-kind")).ToHaveTextAsync("缺报扣分");
        await Assertions.Expect(line.Locator(".proposal-points")).ToHaveTextAsync("−5");
        await Assertions.Expect(line.Locator(".proposal-status")).ToHaveTextAsync("待确认");

        await reviewer.Locator("#task-confirm").ClickAsync();
        var box = reviewer.Locator(".mud-dialog");
        await Assertions.Expect(box.Locator(".mud-dialog-title")).ToHaveTextAsync("确认扣分和加分");
        await box.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(line.Locator(".proposal-status")).ToHaveTextAsync("已确认");
        await Assertions.Expect(reviewer.Locator("#task-confirm")).ToBeDisabledAsync();

        // The viewer's ranking shows the new deduction without a reload.
        await Assertions.Expect(zeroRow.Locator("td.ranking-deducted")).ToHaveTextAsync("5", new() { Timeout = 5000 });
        await Assertions.Expect(zeroRow.Locator("td.ranking-total")).ToHaveTextAsync("-5");
        var recorded = await fixture.App.WithDbAsync(db => db.QuotaEntries.CountAsync(e => e.Unit!.ShortName == ZeroUnit && e.Month == month));
        Assert.Equal(1, recorded);
        await viewer.Context.CloseAsync();
        await reviewer.Context.CloseAsync();
    }
}
