using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// A reviewer's corrections on the 公文采用信息 page and the list (issue 13, items 10, 11, 15): 撤销采用, 撤销驳回, the
/// 驳回 pre-check, the reason box, where the adoption grid starts, the 录用情况 filter, and the remembered dark mode.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class ReviewCorrectionBrowserTests(BrowserFixture fixture)
{
    private static int ThisYear => ChinaTime.Today(TimeProvider.System).Year;

    private static ILocator Row(IPage page, string publication, string form) =>
        page.Locator($"tr.adoption-row[data-publication='{publication}'][data-form='{form}']");

    private static ILocator ListRow(IPage page, string title) =>
        page.Locator("#item-table tbody tr").Filter(new() { Has = page.Locator("a.item-title", new() { HasTextString = title }) });

    private static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text });

    private static async Task ConfirmAsync(IPage page) =>
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();

    private async Task<int> GusuPointsAsync()
    {
        var scores = await fixture.Service<RankingService>().GetScoresAsync(await fixture.CallerAsync("shenhe"), Period.Year(ThisYear));
        var gusu = await fixture.CallerAsync("gusu");
        return (int)scores.Where(s => s.UnitId == gusu.UnitId).SumPoints(s => s.AdoptionPoints);
    }

    private Task<ItemState> StateAsync(int id) => fixture.App.WithDbAsync(db => db.Items.Where(i => i.Id == id).Select(i => i.State).SingleAsync());

    [Fact]
    public async Task TheReviewerUndoesOneAdoptionThenTheLastAndTheItemIsReportedAgainInTheListAndTheRanking()
    {
        var id = await fixture.ReportedItemAsync("撤销采用的公文");
        await fixture.AdoptAsync(id, ("苏州工会网", "文字", null, null), ("市总综合录用", "录用", null, null));
        var pointsBefore = await GusuPointsAsync();
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已录用");

        await Row(page, "苏州工会网", "文字").GetByRole(AriaRole.Button, new() { Name = "撤销采用" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("确定撤销苏州工会网（文字）的录用吗？");
        await ConfirmAsync(page);

        await Expect(Snackbar(page, "撤销采用成功")).ToBeVisibleAsync();
        await Expect(Row(page, "苏州工会网", "文字").Locator(".adopted-at")).ToHaveCountAsync(0);
        await Expect(Row(page, "市总综合录用", "录用").Locator(".adopted-at")).ToHaveCountAsync(1);
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已录用");
        Assert.Equal(pointsBefore - 2, await GusuPointsAsync());

        await Row(page, "市总综合录用", "录用").GetByRole(AriaRole.Button, new() { Name = "撤销采用" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已上报");
        await Expect(page.Locator(".adopted-at")).ToHaveCountAsync(0);
        Assert.Equal(pointsBefore - 6, await GusuPointsAsync());
        Assert.Equal(2, await fixture.App.WithDbAsync(db => db.AuditEntries
            .CountAsync(a => a.EntityId == id.ToString() && a.Action == AuditActions.Unadopt)));

        // The list shows the item reported again, with no 已录用 cell.
        await page.GotoAsync("/items");
        await BrowserFixture.WaitForCircuitAsync(page);
        var row = ListRow(page, "撤销采用的公文");
        await Expect(row.Locator(".item-state")).ToHaveTextAsync("已上报");
        await Expect(row.Locator(".adoption-cell .mud-success-text")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheAdoptButtonNoLongerRemovesAdoptions()
    {
        var id = await fixture.ReportedItemAsync("采用不撤销");
        await fixture.AdoptAsync(id, ("苏州工会网", "文字", null, null));
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");

        // An adopted row's tick stays: taking an adoption back is 撤销采用, not an untick followed by 采用.
        await Expect(Row(page, "苏州工会网", "文字").Locator("td.adopt-check input[type=checkbox]")).ToBeDisabledAsync();
        await Row(page, "市总综合录用", "录用").Locator("td.adopt-check input[type=checkbox]").CheckAsync();
        await page.Locator("#adopt-button").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("确定采用所勾选的期刊吗？");
        await ConfirmAsync(page);

        await Expect(Snackbar(page, "采用成功")).ToBeVisibleAsync();
        await Expect(page.Locator(".adopted-at")).ToHaveCountAsync(2);
        Assert.Equal(2, await fixture.App.WithDbAsync(db => db.Adoptions.CountAsync(a => a.InfoItemId == id)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReviewerUndoesAMistakenRejectionAndTheItemIsReportedAgainInTheList()
    {
        var id = await fixture.ReportedItemAsync("误驳回的公文");
        await fixture.Service<AdoptionService>().RejectAsync(await fixture.CallerAsync("shenhe"), id, null, "误操作的驳回");
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已驳回");

        await page.Locator("#undo-reject-button").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("确定撤销对该公文的驳回吗？");
        await ConfirmAsync(page);

        await Expect(Snackbar(page, "撤销驳回成功")).ToBeVisibleAsync();
        await Expect(page.Locator("#item-state")).ToHaveTextAsync("已上报");
        await Expect(page.Locator("#item-reject-reason")).ToHaveCountAsync(0);
        await Expect(page.Locator("#undo-reject-button")).ToHaveCountAsync(0);
        await Expect(page.Locator("#adopt-button")).ToBeEnabledAsync();
        Assert.Equal(ItemState.Reported, await StateAsync(id));
        var audit = await fixture.App.WithDbAsync(db => db.AuditEntries
            .SingleAsync(a => a.EntityId == id.ToString() && a.Action == AuditActions.UndoReject));
        Assert.Contains("误操作的驳回", audit.Details);

        await page.GotoAsync("/items");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Expect(ListRow(page, "误驳回的公文").Locator(".item-state")).ToHaveTextAsync("已上报");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RejectingTickedItemsWithAnAdoptedOneIsRefusedAtOnceNamingIt()
    {
        var adopted = await fixture.ReportedItemAsync("列表驳回已录用");
        await fixture.AdoptAsync(adopted, ("苏州工会网", "图片", null, null));
        var plain = await fixture.ReportedItemAsync("列表驳回未录用");
        var page = await fixture.LoginAsync("shenhe", path: "/items");
        await ListRow(page, "列表驳回已录用").Locator(".row-select input").CheckAsync();
        await ListRow(page, "列表驳回未录用").Locator(".row-select input").CheckAsync();

        await page.Locator("#reject-items").ClickAsync();

        await Expect(Snackbar(page, "已被录用的公文不可以被驳回：《列表驳回已录用》")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        Assert.Equal(ItemState.Adopted, await StateAsync(adopted));
        Assert.Equal(ItemState.Reported, await StateAsync(plain));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReasonBoxShowsItsErrorOnlyAfterAnAttempt()
    {
        var id = await fixture.ReportedItemAsync("驳回理由提示");
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");
        await page.Locator("#reject-button").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("textarea")).ToBeVisibleAsync();
        // Give the dialog time to settle its focus (a blur used to mark the untouched box as wrong).
        await page.WaitForTimeoutAsync(800);
        await Expect(dialog).Not.ToContainTextAsync("请填写驳回理由");

        await ConfirmAsync(page);
        await Expect(dialog).ToContainTextAsync("请填写驳回理由");
        await dialog.Locator("textarea").FillAsync("请补充具体数据");
        await Expect(dialog).Not.ToContainTextAsync("请填写驳回理由");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        Assert.Equal(ItemState.Reported, await StateAsync(id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheAdoptionGridStartsAtThisYearAndThePublicationsCurrentIssue()
    {
        var earlier = await fixture.ReportedItemAsync("本期已录用");
        await fixture.AdoptAsync(earlier, ("市委《苏州信息》", "简讯", ThisYear, 24));
        var id = await fixture.ReportedItemAsync("待录用本期");
        var page = await fixture.LoginAsync("shenhe", path: $"/items/{id}");

        var row = Row(page, "市委《苏州信息》", "正文");
        await Expect(row).ToBeVisibleAsync();
        Assert.Matches($@"(^|\D){ThisYear}(\D|$)", await ShownAsync(row.Locator("td.year-select")));
        Assert.Matches(@"(^|\D)24(\D|$)", await ShownAsync(row.Locator("td.issue-select")));
        Assert.DoesNotMatch(@"(^|\D)1期", await ShownAsync(row.Locator("td.issue-select")));
        await page.Context.CloseAsync();
    }

    /// <summary>What a select cell shows: its text and the values of its inputs.</summary>
    private static async Task<string> ShownAsync(ILocator cell)
    {
        var values = await cell.Locator("input").EvaluateAllAsync<string[]>("els => els.map(e => e.value)");
        return (await cell.InnerTextAsync()) + " " + string.Join(" ", values);
    }

    [Fact]
    public async Task TheReviewersAdoptionFilterOffersNoNotReportedButTheReportersDoes()
    {
        var reviewer = await fixture.LoginAsync("shenhe", path: "/items");
        Assert.DoesNotContain("未上报", await AdoptionFilterOptionsAsync(reviewer));
        var reporter = await fixture.LoginAsync("gusu", path: "/items");
        Assert.Contains("未上报", await AdoptionFilterOptionsAsync(reporter));
        await reviewer.Context.CloseAsync();
        await reporter.Context.CloseAsync();
    }

    private static async Task<IReadOnlyList<string>> AdoptionFilterOptionsAsync(IPage page)
    {
        // The browser's own select (LightSelect): its options are the choices.
        var options = page.Locator("#filter-adoption option");
        await Expect(options.First).ToHaveTextAsync("全部");
        return (await options.AllTextContentsAsync()).Select(t => t.Trim()).ToList();
    }

    [Fact]
    public async Task TheDarkModeChoiceSurvivesAReloadAndIsInThePrerenderedPage()
    {
        var page = await fixture.LoginAsync("gusu", path: "/items");
        var toggle = page.Locator("#dark-mode-toggle");
        await Expect(toggle).ToHaveAttributeAsync("title", "切换到深色模式");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("title", "切换到浅色模式");
        // The page as the server first sends it is dark already: no light flash before the circuit starts.
        var response = await page.Context.APIRequest.GetAsync("/items");
        var html = WebUtility.HtmlDecode(await response.TextAsync());
        Assert.Matches(new Regex("id=\"dark-mode-toggle\"[^>]*title=\"切换到浅色模式\""), html);

        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        await Expect(toggle).ToHaveAttributeAsync("title", "切换到浅色模式");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("title", "切换到深色模式");
        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        await Expect(toggle).ToHaveAttributeAsync("title", "切换到深色模式");
        await page.Context.CloseAsync();
    }
}
