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

/// <summary>The list page's own logic: live re-query on change events, unsubscribing, role-dependent buttons.</summary>
/// <remarks>
/// Not a <see cref="BunitTestBase"/>: that base sets the renderer info in its constructor, which seals the
/// service provider before a derived class can add the page's services.
/// </remarks>
public class ItemListTests : BunitContext, IAsyncLifetime
{
    private TestDatabase t = default!;

    private string userId = "";

    public ItemListTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Resolved lazily: the database is created in InitializeAsync, before anything renders.
        Services.AddSingleton(_ => t.Get<ItemService>());
        Services.AddSingleton(_ => t.Get<CallerService>());
        Services.AddSingleton<IChangeNotifier>(_ => t.Notifier);
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthState(userId));
        Services.AddScoped<CurrentCaller>();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    public async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

    private async Task<IRenderedComponent<ItemList>> RenderAsAsync(Caller caller)
    {
        userId = caller.UserId;
        Render<MudPopoverProvider>();
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

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await t.DisposeAsync();
    }

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
