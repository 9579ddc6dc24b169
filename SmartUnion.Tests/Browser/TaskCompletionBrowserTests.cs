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

    /// <summary>
    /// A district that has existed for long and never reports, in the demo group 县市区总工会; removed again with its
    /// confirmed record by <see cref="RemoveSilentDistrictAsync"/>, so that the other browser tests see the demo units only.
    /// </summary>
    private Task<int> AddSilentDistrictAsync() => fixture.App.WithDbAsync(async db =>
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

    private Task RemoveSilentDistrictAsync(int unitId) => fixture.App.WithDbAsync(async db =>
    {
        var deductionIds = await db.QuotaEntries.Where(e => e.UnitId == unitId).Select(e => e.DeductionId).ToListAsync();
        await db.QuotaEntries.Where(e => e.UnitId == unitId).ExecuteDeleteAsync();
        await db.Deductions.Where(d => deductionIds.Contains(d.Id) || d.UnitId == unitId).ExecuteDeleteAsync();
        return await db.Units.Where(u => u.Id == unitId).ExecuteDeleteAsync();
    });

    [Fact]
    public async Task AdminSetsAQuotaReviewerSeesShortfallAndZeroReportConfirmsAndAnOpenRankingChangesWithoutReload()
    {
        var silent = await AddSilentDistrictAsync();
        try
        {
            await RunTheMonthAsync();
        }
        finally
        {
            await RemoveSilentDistrictAsync(silent);
        }
    }

    private async Task RunTheMonthAsync()
    {
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

    private static ILocator GroupRow(IPage page, string name) => page.Locator($"#group-table tr:has(td.group-name:text-is('{name}'))");

    private static async Task SaveGroupAsync(IPage page, string? name, string? quota = null)
    {
        if (name is not null) await page.Locator("#group-name").FillAsync(name);
        if (quota is not null) await page.Locator("#group-quota").FillAsync(quota);
        await page.Locator("#group-save").ClickAsync();
    }

    [Fact]
    public async Task TheAdministratorManagesGroupsTheRuleSetAndAUnitsGroupAndOwnQuotaWithChineseMessagesForBadInput()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        string name = $"产业工会{tag}", renamed = $"产业工会乙{tag}", spare = $"待删分组{tag}";
        var page = await fixture.LoginAsync("admin", path: "/settings/groups");
        var snackbar = page.Locator(".mud-snackbar");

        // 新增分组, then 修改 its name; a duplicate name is refused.
        await page.Locator("#add-group").ClickAsync();
        await SaveGroupAsync(page, name);
        await Assertions.Expect(GroupRow(page, name)).ToHaveCountAsync(1);
        await GroupRow(page, name).Locator(".group-edit").ClickAsync();
        await SaveGroupAsync(page, "县市区总工会");
        await Assertions.Expect(snackbar.Filter(new() { HasTextString = "分组名称“县市区总工会”已存在" })).ToBeVisibleAsync();
        await SaveGroupAsync(page, renamed);
        await Assertions.Expect(GroupRow(page, renamed)).ToHaveCountAsync(1);
        await Assertions.Expect(GroupRow(page, name)).ToHaveCountAsync(0);

        // A quota of 10000 is refused with the allowed range, nothing saved; 4 is saved from this month on.
        await GroupRow(page, renamed).Locator(".group-set-quota").ClickAsync();
        await SaveGroupAsync(page, null, "10000");
        await Assertions.Expect(snackbar.Filter(new() { HasTextString = "月度报送任务数必须在0至100篇之间（填写的是10000）" })).ToBeVisibleAsync();
        await SaveGroupAsync(page, null, "4");
        var today = ChinaTime.Today(TimeProvider.System);
        await Assertions.Expect(GroupRow(page, renamed).Locator("td.group-quota")).ToHaveTextAsync("4篇");
        await Assertions.Expect(GroupRow(page, renamed).Locator("td.group-versions")).ToHaveTextAsync($"{today.Year}年{today.Month}月起 4篇");

        // 考核规则 from this month on.
        await page.Locator("#rules-missing").FillAsync("2");
        await page.Locator("#rules-base").FillAsync("12");
        await page.Locator("#rules-save").ClickAsync();
        await Assertions.Expect(page.Locator(".rules-version").Last).ToHaveTextAsync(
            $"{today.Year}年{today.Month}月起：每缺报一篇扣2分，完成任务基础分每月12分，每个未回应约稿扣2分");

        // 单位管理 › 修改: 太仓市总 joins the group with its own 任务数 of 6.
        await page.GotoAsync("/settings/units");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("#unit-table tbody tr:has(td.unit-name:has-text('太仓市总工会'))").GetByRole(AriaRole.Button, new() { Name = "修改", Exact = true }).ClickAsync();
        await page.Locator("#unit-group").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(renamed, new() { Exact = true }).ClickAsync();
        await page.Locator("#unit-quota").FillAsync("6");
        await page.Locator("#unit-quota-save").ClickAsync();
        await Assertions.Expect(page.Locator("#unit-quota-versions")).ToHaveTextAsync($"{today.Year}年{today.Month}月起 6篇");
        var saved = await fixture.App.WithDbAsync(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.ShortName == "太仓市总");
            var group = await db.UnitGroups.Where(g => g.Id == unit.GroupId).Select(g => g.Name).SingleAsync();
            var quota = await db.QuotaVersions.Where(v => v.UnitId == unit.Id).Select(v => v.Quota).SingleAsync();
            return (group, quota);
        });
        Assert.Equal((renamed, (int?)6), saved);

        // 删除: refused while the group has units; an empty group goes after 确定.
        await page.GotoAsync("/settings/groups");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(GroupRow(page, renamed).Locator("td.group-units")).ToHaveTextAsync("太仓市总");
        await GroupRow(page, renamed).Locator(".group-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(snackbar.Filter(new() { HasTextString = "该分组下还有单位，请先把单位移出该分组" })).ToBeVisibleAsync();
        await page.Locator("#add-group").ClickAsync();
        await SaveGroupAsync(page, spare);
        await GroupRow(page, spare).Locator(".group-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(GroupRow(page, spare)).ToHaveCountAsync(0);
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.UnitGroups.CountAsync(g => g.Name == spare)));
        await page.Context.CloseAsync();
    }
}
