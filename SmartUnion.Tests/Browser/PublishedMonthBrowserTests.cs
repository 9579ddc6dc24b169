using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Issue 17 item 4 in the browser: the city reviewer 发布 last month from the 积分排名 (confirming), a correction dated in that
/// month made afterwards — a 扣分 with 扣分日期 in it (扣分管理), then 撤销采用 of an adoption dated in it (the app dates a new
/// adoption now, so no user can add one dated in a past month; taking one back is the adoption correction a user has) —
/// shows in another user's open ranking under 发布后调整, not in the published 积分; then
/// 重新发布 with its required reason takes it in as version 2. Shares the clocked app with the monthly cycle: it never moves
/// the clock (it works on the month before the clock's month, whichever test ran first) and uses 太仓市总, which that test
/// leaves alone.
/// </summary>
[Collection(ClockedBrowserCollection.Name)]
public class PublishedMonthBrowserTests(ClockedBrowserFixture fixture)
{
    private const string Unit = "太仓市总";

    private static ILocator Cell(IPage page, string cell) =>
        page.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{Unit}')) td.{cell}");

    [Fact]
    public async Task AReviewerPublishesLastMonthAndALaterCorrectionDatedInItShowsUnderTheAdjustmentUntilItIsRepublished()
    {
        var today = ChinaTime.Today(fixture.Clock);
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthText = $"{last.Year}年{last.Month}月";
        var (item, form, points) = await AdoptForTaicangAsync(last.AddDays(19));

        // Another user's 积分排名 of last month, open the whole time.
        var viewer = await fixture.LoginAsync("changshu", path: "/ranking");
        await viewer.Locator("#ranking-preset-last-month").ClickAsync();
        await Expect(viewer.Locator("#ranking-basis")).ToHaveTextAsync("实时数据（所选月份均未发布）");
        // The month's live 积分 (read from the service: the dialog's text may still be the year's for a moment).
        var published = (await fixture.Service<RankingService>().GetRankingAsync(await fixture.CallerAsync("changshu"), Period.Month(last.Year, last.Month)))
            .Single(r => r.Score.UnitName == Unit).Score.Total.ToString();
        await Expect(Cell(viewer, "ranking-total")).ToHaveTextAsync(published);
        var corrected = new Points(Hundredths(published) - 300 - points * 100).ToString();
        await Expect(viewer.Locator("#publish-month")).ToHaveCountAsync(0);

        var reviewer = await fixture.LoginAsync("shenhe", path: "/ranking");
        await reviewer.Locator("#ranking-preset-last-month").ClickAsync();
        await reviewer.Locator("#publish-month").ClickAsync();
        var dialog = reviewer.Locator(".mud-dialog:has(#publish-message)");
        await Expect(dialog.Locator("#publish-message")).ToContainTextAsync($"确定发布{monthText}积分排名？");
        await Expect(dialog.Locator("#publish-message")).ToContainTextAsync("发布后，该月积分排名将以发布时的数据为准");
        await reviewer.Locator("#publish-confirm").ClickAsync();
        await Expect(reviewer.Locator(".mud-snackbar").Last).ToContainTextAsync($"已发布{monthText}积分排名（第1版）");
        await Expect(reviewer.Locator("#publish-history tr.publish-version")).ToHaveCountAsync(1);
        await Expect(reviewer.Locator("#republish-month")).ToBeVisibleAsync();

        await Expect(viewer.Locator("#ranking-basis")).ToContainTextAsync("已发布（第1版，", new() { Timeout = 5000 });
        await Expect(viewer.Locator(".mud-dialog th", new() { HasTextString = "发布后调整" })).ToBeVisibleAsync();
        await Expect(Cell(viewer, "ranking-total")).ToHaveTextAsync(published);
        await Expect(Cell(viewer, "ranking-adjustment")).ToHaveTextAsync("");

        // 扣分管理 › 新增: 3 points off, dated in the published month.
        var deductions = await fixture.LoginAsync("shenhe", path: "/deductions");
        await deductions.Locator("#add-button").ClickAsync();
        await Expect(deductions.Locator(".mud-dialog .mud-dialog-title")).ToHaveTextAsync("新增扣分");
        await deductions.Locator("#deduction-unit").ClickAsync();
        await deductions.Locator(".mud-popover-open").GetByText(Unit, new() { Exact = true }).ClickAsync();
        await deductions.Locator("#deduction-points").FillAsync("3");
        await deductions.Locator("#deduction-reason").FillAsync($"发布后更正{Guid.NewGuid():N}"[..13]);
        await deductions.Locator("#deduction-date").FillAsync(last.AddDays(14).ToString("yyyy-MM-dd"));
        await deductions.Locator("#deduction-save").ClickAsync();
        await Expect(deductions.Locator("#deduction-dialog")).ToHaveCountAsync(0);

        // Live in the open dialog: the difference under 发布后调整, the published 积分 unchanged.
        await Expect(Cell(viewer, "ranking-adjustment")).ToHaveTextAsync("-3", new() { Timeout = 5000 });
        await Expect(Cell(viewer, "ranking-total")).ToHaveTextAsync(published);
        await Expect(viewer.Locator("#ranking-adjustment-total")).ToContainTextAsync("发布后调整合计：");

        // 撤销采用 of the month's adoption (dated in it): its points leave the live figure, so 发布后调整 grows by them.
        var review = await fixture.LoginAsync("shenhe", path: $"/items/{item}");
        await review.Locator($"tr.adoption-row[data-publication='苏州工会网'][data-form='{form}']")
            .GetByRole(AriaRole.Button, new() { Name = "撤销采用" }).ClickAsync();
        await review.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(review.Locator(".mud-snackbar").Filter(new() { HasText = "撤销采用成功" })).ToBeVisibleAsync();
        await Expect(Cell(viewer, "ranking-adjustment")).ToHaveTextAsync($"-{3 + points}", new() { Timeout = 5000 });
        await Expect(Cell(viewer, "ranking-total")).ToHaveTextAsync(published);
        await review.Context.CloseAsync();

        // 重新发布: refused without a reason (the dialog stays), then version 2 with it.
        await reviewer.Locator("#republish-month").ClickAsync();
        await Expect(dialog.Locator("#publish-message")).ToContainTextAsync($"确定重新发布{monthText}积分排名（第2版）？");
        await reviewer.Locator("#publish-confirm").ClickAsync();
        await Expect(dialog).ToContainTextAsync(PublishedRankingService.ReasonRequiredMessage);
        await reviewer.Locator("textarea#publish-reason").FillAsync("补记太仓市总扣分，撤销一篇录用");
        await reviewer.Locator("#publish-confirm").ClickAsync();
        await Expect(reviewer.Locator("#publish-message")).ToHaveCountAsync(0);
        await Expect(reviewer.Locator("#publish-history tr.publish-version")).ToHaveCountAsync(2);
        await Expect(reviewer.Locator("#publish-history tr.publish-version[data-version='2'] td.publish-reason")).ToHaveTextAsync("补记太仓市总扣分，撤销一篇录用");

        await Expect(viewer.Locator("#ranking-basis")).ToContainTextAsync("已发布（第2版，", new() { Timeout = 5000 });
        await Expect(Cell(viewer, "ranking-total")).ToHaveTextAsync(corrected);
        await Expect(Cell(viewer, "ranking-adjustment")).ToHaveTextAsync("");
        var versions = await fixture.App.WithDbAsync(db => db.PublishedMonths.AsNoTracking().Where(p => p.Month == last)
            .OrderBy(p => p.Version).Select(p => p.Scores.Single(s => s.UnitName == Unit).Total).ToListAsync());
        Assert.Equal([Hundredths(published), Hundredths(published) - 300 - points * 100], versions);

        foreach (var page in new[] { viewer, reviewer, deductions }) await page.Context.CloseAsync();
    }

    private static long Hundredths(string shown) => (long)(decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture) * 100);

    /// <summary>
    /// A 太仓市总 item adopted by 苏州工会网's first form on <paramref name="day"/> 10:00 (China), written directly: the clock
    /// cannot go back to it. Returns the item, the form's name and its points.
    /// </summary>
    private Task<(int Item, string Form, int Points)> AdoptForTaicangAsync(DateOnly day) => fixture.App.WithDbAsync(async db =>
    {
        var unit = await db.Units.SingleAsync(u => u.ShortName == Unit);
        var author = await db.Users.Where(u => u.UserName == "taicang").Select(u => u.Id).SingleAsync();
        var form = await db.AdoptionForms.Where(f => f.Publication!.Name == "苏州工会网").OrderBy(f => f.SortOrder).FirstAsync();
        var at = ChinaTime.ToUtc(day.ToDateTime(new TimeOnly(10, 0)));
        var item = new InfoItem
        {
            Title = "发布月份浏览器测试公文", Body = "正文", Category = InfoCategory.General, UnitId = unit.Id, AuthorId = author, CreatedAt = at, UpdatedAt = at,
        }.ReportedOn(at).AdoptedBy([new Adoption
        {
            UnitId = unit.Id, PublicationId = form.PublicationId, AdoptionFormId = form.Id, AdoptedAt = at, ReviewerId = author, Points = form.Points,
        }]);
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return (item.Id, form.Name, form.Points);
    });
}
