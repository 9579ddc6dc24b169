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

/// <summary>The list page's own logic: live re-query on change events, unsubscribing, role-dependent buttons, 驳回 from the list.</summary>
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

    public override async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

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
        foreach (var box in cut.FindAll(".row-select input")) box.Change(true);

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
    public async Task RejectingAnAdoptedItemFromTheListShowsTheRefusalAndChangesNothing()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var id = await t.ReportedAsync(reporter, "已录用公文");
        await t.AdoptAsync(id, "苏州工会网", reviewer);
        var cut = await RenderAsAsync(reviewer);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".row-select input")));
        cut.Find(".row-select input").Change(true);

        cut.Find("#reject-items").Click();
        dialogs.WaitForElement("textarea").Input("不符合要求");
        dialogs.Find("#reject-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已被录用的公文不可以被驳回", snackbars.Markup));
        Assert.Equal(ItemState.Adopted, (await t.FindItemAsync(id))!.State);
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

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
