using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
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

/// <summary>
/// ChangeKind.Resync (the PostgreSQL listening connection is back, changes may have been missed): open screens
/// re-query everything once, whatever they otherwise listen for.
/// </summary>
public class ResyncTests : BunitTestBase
{
    private TestDatabase t = default!;
    private string userId = "";
    private Caller reporter = default!;
    private Caller reviewer = default!;

    public ResyncTests()
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

    [Fact]
    public async Task AnOpenItemPageRequeriesOnAResyncForAChangeItNeverHeardOf()
    {
        var id = await t.ReportedAsync(reporter, "原标题");
        userId = reviewer.UserId;
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var cut = Render<ItemDetail>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("原标题", cut.Find("#item-title").TextContent.Trim()));

        // Changed by another instance while this one's listening connection was down: no event ever arrives for it.
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.Items.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Title, "另一实例改的标题"));
        t.Notifier.Publish(new ChangeEvent(ChangeKind.Resync));

        cut.WaitForAssertion(() => Assert.Equal("另一实例改的标题", cut.Find("#item-title").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void AResyncMayHaveChangedScoresSoTheRankingRequeries() =>
        Assert.True(new ChangeEvent(ChangeKind.Resync).AffectsScores);

    private sealed class FixedAuthState(string id) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"))));
    }
}
