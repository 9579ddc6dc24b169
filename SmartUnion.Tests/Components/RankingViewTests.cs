using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Dialogs;

namespace SmartUnion.Tests.Components;

public class RankingViewTests : BunitTestBase
{
    private TestDatabase db = default!;
    private Caller reviewer = default!;

    public RankingViewTests()
    {
        Services.AddSingleton(_ => db.Get<RankingService>());
        Services.AddSingleton(_ => db.Get<PublishedRankingService>());
        Services.AddSingleton(_ => db.Get<IChangeNotifier>());
        Services.AddSingleton<TimeProvider>(_ => db.Clock);
    }

    public override async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        reviewer = await db.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
    }

    protected override async Task CleanUpAsync() => await db.DisposeAsync();

    [Fact]
    public async Task TheViewDefaultsToThisYearRecomputesOnADeductionAndUnsubscribesWhenDisposed()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<RankingView>(p => p.Add(v => v.Caller, reviewer));
        Assert.Equal(Period.Year(2026), cut.Instance.Period);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#ranking-empty")));
        Assert.Equal(1, db.Notifier.SubscriberCount);

        var gusu = await db.UnitIdAsync("姑苏区总");
        await db.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(gusu, 4, "原因", new DateOnly(2026, 2, 1)));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("姑苏区总", cut.Find("td.ranking-unit").TextContent);
            Assert.Equal("-4", cut.Find("td.ranking-total").TextContent);
        });

        // 本月 (November 2026) leaves the February deduction out.
        await cut.Find("#ranking-preset-month").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("td.ranking-unit")));
        Assert.Equal(Period.Month(2026, 11), cut.Instance.Period);

        await DisposeComponentsAsync();
        Assert.Equal(0, db.Notifier.SubscriberCount);
    }
}
