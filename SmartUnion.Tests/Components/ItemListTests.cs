using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;
using SmartUnion.Web.Services;

namespace SmartUnion.Tests.Components;

/// <summary>
/// The list page's own logic: live re-query on change events, unsubscribing, role-dependent buttons, 驳回 from the list,
/// and the table it renders itself (pager, page size, sort labels, ticks).
/// </summary>
public class ItemListTests : BunitTestBase
{
    private TestDatabase t = default!;

    private string userId = "";
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;

    public ItemListTests()
    {
        // Resolved lazily: the database is created in InitializeAsync, before anything renders.
        Services.AddSingleton(_ => t.Get<ItemService>());
        Services.AddSingleton(_ => t.Get<CallerService>());
        Services.AddSingleton(_ => t.Get<AdoptionService>());
        Services.AddSingleton<IChangeNotifier>(_ => t.Notifier);
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthState(userId));
        Services.AddScoped<CurrentCaller>();
    }

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        // The list waits a moment after a change before it re-queries; delivered synchronously, an action of the list
        // itself (驳回) would wait on the list's own dispatcher.
        t.Notifier.InBackground = true;
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private async Task<IRenderedComponent<ItemList>> RenderAsAsync(Caller caller)
    {
        userId = caller.UserId;
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        var cut = Render<ItemList>();
        await Task.CompletedTask;
        return cut;
    }

    [Fact]
    public async Task AnItemSavedElsewhereAppearsWithoutAReloadAndDisposingUnsubscribes()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        await t.ReportedAsync(reporter, "第一条");
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Contains("第一条", cut.Markup));
        Assert.Equal(1, t.Notifier.SubscriberCount);

        await t.DraftAsync(reporter, "另一窗口新增的公文");
        cut.WaitForAssertion(() => Assert.Contains("另一窗口新增的公文", cut.Markup));

        await DisposeComponentsAsync();
        Assert.Equal(0, t.Notifier.SubscriberCount);
    }

    [Fact]
    public async Task ChangesOfUnitsOutsideTheListsScopeDoNotRequeryIt()
    {
        var gusuReporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var wuzhongReporter = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        var gusuReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var cut = await RenderAsAsync(gusuReviewer);
        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.State!.LoadCount));

        // Another district's item: saved, reported — nothing in this list can change.
        await t.ReportedAsync(wuzhongReporter, "吴中区的公文");
        Assert.Contains(t.Notifier.Published, e => e.UnitId == wuzhongReporter.UnitId);
        await Task.Delay(LiveRequery.QuietPeriod * 5);
        Assert.Equal(1, cut.Instance.State!.LoadCount);

        // Its own district's: the list re-queries and shows it.
        await t.ReportedAsync(gusuReporter, "姑苏区的公文");
        cut.WaitForAssertion(() => Assert.Contains("姑苏区的公文", cut.Markup));
        Assert.True(cut.Instance.State!.LoadCount > 1);
        Assert.DoesNotContain("吴中区的公文", cut.Markup);
        Assert.Empty(t.Notifier.Failures);
    }

    [Fact]
    public async Task ABurstOfChangesCostsOneRequery()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.State!.LoadCount));

        // 上报 of 20 ticked items publishes 20 events at once.
        await t.Notifier.PublishAllAsync(Enumerable.Range(1, 20).Select(id => new ChangeEvent(ChangeKind.ItemReported, id, reporter.UnitId)));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.State!.LoadCount));
        await Task.Delay(LiveRequery.QuietPeriod * 2);
        Assert.Equal(2, cut.Instance.State!.LoadCount);

        // A change after that re-query gets one of its own.
        await t.Notifier.PublishAllAsync([new ChangeEvent(ChangeKind.ItemSaved, 21, reporter.UnitId)]);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.Instance.State!.LoadCount));
        Assert.Empty(t.Notifier.Failures);
    }

    [Fact]
    public async Task AReviewerGetsNoReporterButtonsAndAReporterGetsAllFour()
    {
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Contains("没有符合条件的公文", cut.Markup));
        foreach (var id in new[] { "add-item", "edit-item", "delete-items", "report-items" })
            Assert.Empty(cut.FindAll($"#{id}"));
    }

    [Fact]
    public async Task TheHeaderHasOneCellPerLevelSpanningItsPublications()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("th.level-header").Count));
        var levels = cut.FindAll("th.level-header");
        Assert.Equal(["市级", "省级", "国家级"], levels.Select(th => th.TextContent.Trim()));
        Assert.Equal(["4", "4", "1"], levels.Select(th => th.GetAttribute("colspan")));
        Assert.Equal(9, cut.FindAll("th.publication-header").Count);
        foreach (var id in new[] { "add-item", "edit-item", "delete-items", "report-items" })
            Assert.Single(cut.FindAll($"#{id}"));
    }

    [Fact]
    public async Task ThePublicationColumnsFollowTheSettingsLive()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Equal(9, cut.FindAll("th.publication-header").Count));

        var settings = t.Get<SettingsService>();
        var website = (await settings.GetPublicationsAsync(admin)).Single(p => p.Name == "苏州工会网");
        await settings.SetPublicationActiveAsync(admin, website.Id, false);

        cut.WaitForAssertion(() => Assert.Equal(8, cut.FindAll("th.publication-header").Count));
        Assert.DoesNotContain("苏州工会网", cut.FindAll("th.publication-header").Select(th => th.TextContent.Trim()));
        Assert.Equal(["3", "4", "1"], cut.FindAll("th.level-header").Select(th => th.GetAttribute("colspan")));
        Assert.Empty(t.Notifier.Failures);
    }

    [Fact]
    public async Task AReporterGetsRankingAndExportButNoReject()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#report-items")));
        Assert.Single(cut.FindAll("#show-ranking"));
        Assert.Single(cut.FindAll("#export-items"));
        Assert.Empty(cut.FindAll("#reject-items"));
    }

    [Fact]
    public async Task AReviewerGetsRejectRankingAndExport()
    {
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#reject-items")));
        Assert.Equal("驳回", cut.Find("#reject-items").TextContent.Trim());
        Assert.Single(cut.FindAll("#show-ranking"));
        Assert.Single(cut.FindAll("#export-items"));
    }

    [Fact]
    public async Task RejectingTickedItemsFromTheListRejectsThemWithTheReason()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var first = await t.ReportedAsync(reporter, "待驳回一");
        var second = await t.ReportedAsync(reporter, "待驳回二");
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".row-select input").Count));
        // Each change re-renders the rows: find the boxes again for every tick.
        for (var i = 0; i < 2; i++) cut.FindAll(".row-select input")[i].Change(true);

        cut.Find("#reject-items").Click();
        dialogs.WaitForElement("textarea").Input("请补充具体数据");
        dialogs.Find("#reject-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".item-state").Count(s => s.TextContent.Trim() == "已驳回")));
        foreach (var id in new[] { first, second })
        {
            var item = await t.FindItemAsync(id);
            Assert.Equal(ItemState.Rejected, item!.State);
            Assert.Equal("请补充具体数据", item.RejectReason);
        }
    }

    [Fact]
    public async Task RejectingAnAdoptedItemFromTheListIsRefusedBeforeTheReasonIsAskedNamingIt()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var id = await t.ReportedAsync(reporter, "已录用公文");
        await t.AdoptAsync(id, "苏州工会网", reviewer);
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".row-select input")));
        cut.Find(".row-select input").Change(true);

        cut.Find("#reject-items").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已被录用的公文不可以被驳回：《已录用公文》", snackbars.Markup));
        Assert.Empty(dialogs.FindAll("textarea"));
        Assert.Equal(ItemState.Adopted, (await t.FindItemAsync(id))!.State);
    }

    [Fact]
    public async Task OnlyAReporterIsOfferedTheNotReportedFilterAndOnlyAReviewerTheReviewQueue()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);

        var asReviewer = await RenderAsAsync(reviewer);
        asReviewer.WaitForAssertion(() => Assert.Single(asReviewer.FindAll("#reject-items")));
        Assert.DoesNotContain(AdoptionFilter.NotReported, asReviewer.Instance.State!.AdoptionOptions);
        Assert.Contains(AdoptionFilter.Rejected, asReviewer.Instance.State!.AdoptionOptions);

        Assert.Contains(AdoptionFilter.AwaitingReview, asReviewer.Instance.State!.AdoptionOptions);

        Assert.Contains(AdoptionFilter.NotReported, ItemListState.AdoptionOptionsFor(reporter));
        // The review queue (待审核) is a reviewer's: a reporter gets every other choice.
        Assert.Equal(Enum.GetValues<AdoptionFilter>().Where(f => f != AdoptionFilter.AwaitingReview), ItemListState.AdoptionOptionsFor(reporter));
    }

    [Fact]
    public async Task RejectWithNothingTickedAsksForATick()
    {
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#reject-items")));
        cut.Find("#reject-items").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("请勾选需要驳回的公文", snackbars.Markup));
        Assert.Empty(dialogs.FindAll("#reject-confirm"));
    }

    /// <summary>25 reported items 标题01..标题25 of one reporter, and the list rendered for that reporter.</summary>
    private async Task<IRenderedComponent<ItemList>> RenderTwentyFiveAsync()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        for (var i = 1; i <= 25; i++) await t.ReportedAsync(reporter, $"标题{i:00}");
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Equal("第 1-20 条，共 25 条", cut.Find("#page-info").TextContent));
        return cut;
    }

    private static string[] Titles(IRenderedComponent<ItemList> cut) => cut.FindAll("a.item-title").Select(a => a.TextContent).ToArray();

    private static bool Disabled(IRenderedComponent<ItemList> cut, string label) => cut.Find($"button[aria-label='{label}']").HasAttribute("disabled");

    [Fact]
    public async Task ThePagerMovesBetweenPagesAndDisablesWhatLeadsNowhere()
    {
        var cut = await RenderTwentyFiveAsync();
        Assert.Equal(20, cut.FindAll("#item-table tbody tr").Count);
        Assert.True(Disabled(cut, "首页"));
        Assert.True(Disabled(cut, "上一页"));
        Assert.False(Disabled(cut, "下一页"));

        cut.Find("button[aria-label='下一页']").Click();
        cut.WaitForAssertion(() => Assert.Equal("第 21-25 条，共 25 条", cut.Find("#page-info").TextContent));
        Assert.Equal(5, cut.FindAll("#item-table tbody tr").Count);
        Assert.True(Disabled(cut, "下一页"));
        Assert.True(Disabled(cut, "末页"));
        Assert.False(Disabled(cut, "上一页"));

        cut.Find("button[aria-label='首页']").Click();
        cut.WaitForAssertion(() => Assert.Equal("第 1-20 条，共 25 条", cut.Find("#page-info").TextContent));
        Assert.Equal(ItemListQuery.DefaultPageSize, cut.Instance.State!.CurrentQuery.PageSize);
        Assert.Equal(0, cut.Instance.State!.CurrentQuery.Page);
    }

    [Fact]
    public async Task AnotherPageSizeShowsMoreRowsAndOnlyOfferedSizesApply()
    {
        var cut = await RenderTwentyFiveAsync();
        cut.Find("#page-size").Change("50");
        cut.WaitForAssertion(() => Assert.Equal("第 1-25 条，共 25 条", cut.Find("#page-info").TextContent));
        Assert.Equal(25, cut.FindAll("#item-table tbody tr").Count);
        Assert.True(Disabled(cut, "下一页"));

        // A value the page does not offer (a tampered request) changes nothing.
        cut.Find("#page-size").Change("100000");
        Assert.Equal(50, cut.Instance.State!.CurrentQuery.PageSize);
    }

    [Fact]
    public async Task ASortLabelSortsAscendingThenFlipsAndMarksTheColumn()
    {
        var cut = await RenderTwentyFiveAsync();
        Assert.Equal("descending", cut.FindAll("th[aria-sort]").Single().GetAttribute("aria-sort"));

        cut.FindAll("button.su-sort-label").Single(b => b.TextContent.Trim() == "公文标题").Click();
        cut.WaitForAssertion(() => Assert.Equal("标题01", Titles(cut)[0]));
        Assert.Equal("标题20", Titles(cut)[^1]);
        Assert.Equal(ItemSortField.Title, cut.Instance.State!.CurrentQuery.SortBy);
        Assert.Contains("公文标题", cut.Find("th[aria-sort='ascending']").TextContent);

        cut.FindAll("button.su-sort-label").Single(b => b.TextContent.Trim() == "公文标题").Click();
        cut.WaitForAssertion(() => Assert.Equal("标题25", Titles(cut)[0]));
        Assert.True(cut.Instance.State!.CurrentQuery.Descending);
        Assert.Contains("mud-direction-desc", cut.Find("th[aria-sort='descending'] svg").GetAttribute("class"));
    }

    [Fact]
    public async Task SelectAllTicksTheRowsOfThePageOnlyAndAPageTurnForgetsTheTicks()
    {
        var cut = await RenderTwentyFiveAsync();
        cut.Find("#select-all").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(20, cut.Instance.State!.SelectedIds.Count));
        Assert.All(cut.FindAll(".row-select input"), box => Assert.True(box.HasAttribute("checked")));

        cut.FindAll(".row-select input")[0].Change(false);
        Assert.Equal(19, cut.Instance.State!.SelectedIds.Count);
        Assert.False(cut.Find("#select-all").HasAttribute("checked"));

        cut.Find("button[aria-label='下一页']").Click();
        cut.WaitForAssertion(() => Assert.Equal("第 21-25 条，共 25 条", cut.Find("#page-info").TextContent));
        Assert.Empty(cut.Instance.State!.SelectedIds);
    }

    [Fact]
    public async Task WhenTheLastPageEmptiesElsewhereTheListMovesToTheNewLastPage()
    {
        var cut = await RenderTwentyFiveAsync();
        cut.Find("button[aria-label='末页']").Click();
        cut.WaitForAssertion(() => Assert.Equal("第 21-25 条，共 25 条", cut.Find("#page-info").TextContent));

        var reporter = await t.CallerAsync("gusu-r");
        var lastFive = cut.FindAll("a.item-title").Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[1])).ToList();
        await t.Get<ItemService>().DeleteAsync(reporter, lastFive);

        cut.WaitForAssertion(() => Assert.Equal("第 1-20 条，共 20 条", cut.Find("#page-info").TextContent));
        Assert.Equal(20, cut.FindAll("#item-table tbody tr").Count);
    }

    [Fact]
    public async Task TheDateFilterAppliesOnSearchAndAnEndBeforeTheStartIsRefused()
    {
        var cut = await RenderTwentyFiveAsync();
        cut.Find("#filter-from").Change("2026-11-27");
        cut.Find("#filter-to").Change("2026-11-26");
        cut.Find("#search-button").Click();
        snackbars.WaitForAssertion(() => Assert.Contains("报送结束日期不能早于报送开始日期", snackbars.Markup));
        Assert.Null(cut.Instance.State!.CurrentQuery.ReportedFrom);
        Assert.Equal("第 1-20 条，共 25 条", cut.Find("#page-info").TextContent);

        // The test clock is 2026-11-26 (China time): a range from the next day matches nothing.
        cut.Find("#filter-to").Change("2026-11-28");
        cut.Find("#search-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("没有符合条件的公文", cut.Find("#no-items").TextContent));
        Assert.Equal(new DateOnly(2026, 11, 27), cut.Instance.State!.CurrentQuery.ReportedFrom);
        Assert.Equal(new DateOnly(2026, 11, 28), cut.Instance.State!.CurrentQuery.ReportedTo);

        cut.Find("#filter-from").Change("2026-11-26");
        cut.Find("#search-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("第 1-20 条，共 25 条", cut.Find("#page-info").TextContent));
    }

    [Fact]
    public async Task AnEmptyListSaysSoAndOffersNoTicks()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var cut = await RenderAsAsync(reporter);
        cut.WaitForAssertion(() => Assert.Equal("没有符合条件的公文", cut.Find("#no-items").TextContent));
        Assert.Equal("共 0 条", cut.Find("#page-info").TextContent);
        Assert.True(cut.Find("#select-all").HasAttribute("disabled"));
        Assert.True(Disabled(cut, "下一页"));
    }

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
