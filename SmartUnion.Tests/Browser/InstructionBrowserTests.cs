using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>领导批示: a reviewer records and deletes one on 公文采用信息; the reporter's open 积分排名 and item follow live.</summary>
[Collection(SecondBrowserCollection.Name)]
public class InstructionBrowserTests(BrowserFixture fixture)
{
    private async Task<Caller> CallerAsync(string userName)
    {
        var id = await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == userName).Id));
        return (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }

    private async Task<Points> InstructionPointsAsync(string unit)
    {
        var ranking = await fixture.App.Services.GetRequiredService<RankingService>()
            .GetRankingAsync(await CallerAsync("shenhe"), Period.Year(ChinaTime.Today(TimeProvider.System).Year));
        return ranking.SingleOrDefault(r => r.Score.UnitName == unit)?.Score.InstructionPoints ?? Points.Zero;
    }

    private static ILocator InstructionCell(IPage page, string unit) =>
        page.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{unit}')) td.ranking-instruction-points");

    [Fact]
    public async Task ACityLevelInstructionShowsLiveInTheReportersRankingAndOnItsItemAndDeletingItTakesTheBonusAway()
    {
        const string unit = "姑苏区总";
        var gusu = await CallerAsync("gusu");
        var items = fixture.App.Services.GetRequiredService<ItemService>();
        var id = (await items.CreateAsync(gusu, new ItemInput { Title = "批示浏览器测试公文", Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(gusu, [id]);
        var rules = await fixture.App.Services.GetRequiredService<InstructionService>().GetRulesAsync(gusu);
        var cityBonus = Points.Whole(rules.Single(r => r.Level == InstructionLevel.City).Points);

        var viewer = await fixture.LoginAsync("gusu", path: "/ranking");
        await Assertions.Expect(viewer.Locator(".mud-dialog th", new() { HasTextString = "批示加分" })).ToBeVisibleAsync();
        var before = await InstructionPointsAsync(unit);

        var reviewer = await fixture.LoginAsync("shenhe", path: $"/items/{id}");
        await Assertions.Expect(reviewer.Locator("#no-instructions")).ToBeVisibleAsync();
        await reviewer.Locator("#instruction-title").FillAsync("市委书记");
        await reviewer.Locator("#instruction-name").FillAsync("张三");
        await reviewer.Locator("#instruction-text").FillAsync("经验做法值得推广。");
        await reviewer.Locator("#add-instruction-button").ClickAsync();
        await Assertions.Expect(reviewer.Locator("#instructions td.instruction-level")).ToHaveTextAsync("市级");
        await Assertions.Expect(reviewer.Locator("#instructions td.instruction-points")).ToHaveTextAsync(cityBonus.ToString());

        await Assertions.Expect(InstructionCell(viewer, unit)).ToHaveTextAsync((before + cityBonus).ToString(), new() { Timeout = 5000 });
        Assert.Equal(before + cityBonus, await InstructionPointsAsync(unit));

        // The reporter sees the 批示 on its item; the reviewer deletes it (after a confirmation) and the bonus goes.
        var item = await fixture.LoginAsync("gusu", path: $"/items/{id}");
        await Assertions.Expect(item.Locator("#instructions td.instruction-leader")).ToHaveTextAsync("市委书记 张三");
        await Assertions.Expect(item.Locator("#instruction-form")).ToHaveCountAsync(0);
        await reviewer.Locator(".delete-instruction-button").ClickAsync();
        await reviewer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator("#no-instructions")).ToBeVisibleAsync();
        await Assertions.Expect(item.Locator("#no-instructions")).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(InstructionCell(viewer, unit)).ToHaveTextAsync(before.ToString(), new() { Timeout = 5000 });
        Assert.Equal(before, await InstructionPointsAsync(unit));
        foreach (var page in new[] { viewer, reviewer, item }) await page.Context.CloseAsync();
    }
}

/// <summary>合报份额 on 公文采用信息 and 领导批示加分 under 系统设置: the buttons that change them.</summary>
[Collection(SecondBrowserCollection.Name)]
public class SharesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AReviewerSetsCustomSharesThenEqualSharesAndAnAdminChangesALevelsBonus()
    {
        var services = fixture.App.Services;
        var callers = services.GetRequiredService<CallerService>();
        async Task<Caller> CallerAsync(string name) =>
            (await callers.FindAsync(await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == name).Id))))!;
        var gusu = await CallerAsync("gusu");
        var items = services.GetRequiredService<ItemService>();
        var id = (await items.CreateAsync(gusu, new ItemInput { Title = "合报浏览器测试公文", Body = "正文", Category = InfoCategory.General })).Id;
        var others = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.Where(u => u.IsActive && u.Id != gusu.UnitId && u.ParentId != null)
            .OrderBy(u => u.SortOrder).Take(2).Select(u => u.Id).ToList()));
        await services.GetRequiredService<ItemShareService>().SetCoReportersAsync(gusu, id, others);
        await items.ReportAsync(gusu, [id]);
        await services.GetRequiredService<InstructionService>().AddAsync(await CallerAsync("shenhe"), id,
            new InstructionInput(InstructionLevel.District, "区委书记", "李四", ChinaTime.Today(TimeProvider.System), "好"));
        var bonus = (await services.GetRequiredService<InstructionService>().GetRulesAsync(gusu)).Single(r => r.Level == InstructionLevel.District).Points;

        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");
        var percents = page.Locator("#item-shares input");
        await Assertions.Expect(percents).ToHaveCountAsync(3);
        foreach (var (value, i) in new[] { "50", "30", "20" }.Select((v, i) => (v, i))) await percents.Nth(i).FillAsync(value);
        await page.Locator("#save-shares-button").ClickAsync();
        await Assertions.Expect(page.Locator("#item-shares td.share-instruction-points")).ToHaveTextAsync(
            [Points.Whole(bonus * 50 / 100).ToString(), new Points(bonus * 30L).ToString(), new Points(bonus * 20L).ToString()]);
        await page.Locator("#equal-shares-button").ClickAsync();
        var equal = Points.Split(Points.Whole(bonus), [1, 1, 1]).Select(p => p.ToString()).ToArray();
        await Assertions.Expect(page.Locator("#item-shares td.share-instruction-points")).ToHaveTextAsync(equal);
        await page.Context.CloseAsync();

        var admin = await fixture.LoginAsync("admin", path: "/settings/publications");
        var rule = admin.Locator("#instruction-rule-1");
        await Assertions.Expect(rule).ToHaveValueAsync(bonus.ToString());
        await rule.FillAsync((bonus + 5).ToString());
        await admin.Locator("#save-instruction-rules").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("领导批示加分已保存");
        Assert.Equal(bonus + 5, (await services.GetRequiredService<InstructionService>().GetRulesAsync(gusu)).Single(r => r.Level == InstructionLevel.District).Points);
        // A new version from today (the default 生效日期), listed under the fields.
        var today = ChinaTime.Today(TimeProvider.System);
        await Assertions.Expect(admin.Locator("#instruction-rule-versions")).ToContainTextAsync($"{today:yyyy-MM-dd}起 {bonus + 5}分");
        // Back to the shared fixture's rules: the version is removed (a second version on the same day would be refused).
        await fixture.App.WithDbAsync(db => db.InstructionLevelRuleVersions
            .Where(v => v.Level == InstructionLevel.District && v.EffectiveFrom == today).ExecuteDeleteAsync());
        await admin.Context.CloseAsync();
    }
}
