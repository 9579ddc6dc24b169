using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;
using SmartUnion.Web.Services;

namespace SmartUnion.Tests.Components;

/// <summary>公文采用信息 with its parts (ItemFacts, ItemReview, AdoptionGrid): what a reviewer is offered and what 采用/驳回 do.</summary>
public class ItemDetailTests : BunitTestBase
{
    private TestDatabase t = default!;
    private string userId = "";
    private Caller reporter = default!;
    private Caller reviewer = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;

    public ItemDetailTests()
    {
        Services.AddSingleton(_ => t.Get<AdoptionService>());
        Services.AddSingleton(_ => t.Get<InstructionService>());
        Services.AddSingleton(_ => t.Get<ItemShareService>());
        Services.AddSingleton(_ => t.Get<CallerService>());
        Services.AddSingleton<IChangeNotifier>(_ => t.Notifier);
        Services.AddSingleton<TimeProvider>(_ => t.Clock);
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthState(userId));
        Services.AddScoped<CurrentCaller>();
    }

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        t.Notifier.InBackground = true;
        reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private IRenderedComponent<ItemDetail> RenderAs(Caller caller, int itemId)
    {
        userId = caller.UserId;
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        var cut = Render<ItemDetail>(p => p.Add(c => c.Id, itemId));
        cut.WaitForElement("#item-state");
        return cut;
    }

    private void Confirm()
    {
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "确定"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "确定").Click();
    }

    [Fact]
    public async Task TickingARowAndConfirmingAdoptionAdoptsIt()
    {
        var id = await t.ReportedAsync(reporter, "待采用公文");
        var cut = RenderAs(reviewer, id);

        cut.FindAll(".adoption-row[data-publication='苏州工会网'] input[type=checkbox]")[0].Change(true);
        cut.Find("#adopt-button").Click();
        Confirm();

        snackbars.WaitForAssertion(() => Assert.Contains("采用成功", snackbars.Markup));
        cut.WaitForAssertion(() => Assert.Equal("已录用", cut.Find("#item-state").TextContent.Trim()));
        Assert.Equal(1, await t.CountAsync<Adoption>());
    }

    [Fact]
    public async Task AdoptionWithNothingTickedAsksForATickAndAdoptsNothing()
    {
        var id = await t.ReportedAsync(reporter, "待采用公文");
        var cut = RenderAs(reviewer, id);

        cut.Find("#adopt-button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("请勾选需要采用的期刊", snackbars.Markup));
        Assert.DoesNotContain("确定采用所勾选的期刊吗", dialogs.Markup);
        Assert.Equal(0, await t.CountAsync<Adoption>());
    }

    [Fact]
    public async Task ARejectedItemOffersUndoRejectButNoGridAndNoAdoption()
    {
        var id = await t.RejectedAsync(reporter, reviewer);
        var cut = RenderAs(reviewer, id);

        Assert.Empty(cut.FindAll("#adoption-grid"));
        Assert.NotEmpty(cut.FindAll("#undo-reject-button"));
        Assert.True(cut.Find("#adopt-button").HasAttribute("disabled"));
        Assert.Equal("请补充数据", cut.Find("#item-reject-reason").TextContent.Trim());
    }

    [Fact]
    public async Task AnAdoptedItemIsNotRejectedAndNoReasonIsAskedFor()
    {
        var id = await t.ReportedAsync(reporter, "已录用公文");
        await t.AdoptAsync(id, "苏州工会网", reviewer);
        var cut = RenderAs(reviewer, id);

        cut.Find("#reject-button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已被录用的公文不可以被驳回", snackbars.Markup));
        Assert.Empty(dialogs.FindAll("textarea"));
        Assert.Equal(ItemState.Adopted, (await t.FindItemAsync(id))!.State);
    }

    [Fact]
    public async Task TheReporterSeesTheAdoptionsReadOnlyWithoutReviewButtons()
    {
        var id = await t.ReportedAsync(reporter, "已录用公文");
        await t.AdoptAsync(id, "苏州工会网", reviewer);
        var cut = RenderAs(reporter, id);

        Assert.Empty(cut.FindAll("#adoption-grid"));
        Assert.NotEmpty(cut.FindAll("#adoptions"));
        Assert.Empty(cut.FindAll("#adopt-button"));
        Assert.Empty(cut.FindAll("#reject-button"));
    }

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
