using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>The administrator's side of the monthly cycle: 单位分组, 考核规则 and a unit's own 任务数 (the cycle itself: <see cref="MonthlyCycleBrowserTests"/>).</summary>
[Collection(BrowserCollection.Name)]
public class TaskCompletionBrowserTests(BrowserFixture fixture)
{
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
