using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Dialogs;

namespace SmartUnion.Tests.Components;

/// <summary>The 发布 panel under a one-month ranking: the button only for callers who may publish and only for a month that is over.</summary>
public class PublishMonthPanelTests : BunitTestBase
{
    private TestDatabase db = default!;

    public PublishMonthPanelTests()
    {
        Services.AddSingleton(_ => db.Get<PublishedRankingService>());
        Services.AddSingleton<TimeProvider>(_ => db.Clock);
    }

    public override async Task InitializeAsync() => db = await TestDatabase.CreateAsync(); // today: 2026-11-26

    protected override async Task CleanUpAsync() => await db.DisposeAsync();

    private IRenderedComponent<PublishMonthPanel> Panel(Caller caller, DateOnly month) =>
        Render<PublishMonthPanel>(p => p.Add(v => v.Caller, caller).Add(v => v.Month, month));

    [Fact]
    public async Task OnlyTheCityReviewerSees发布ForAMonthThatIsOverAnd重新发布WithTheHistoryOnceItIsPublished()
    {
        var city = await db.CreateUserAsync("panel-city", "苏州市总工会", Roles.Reviewer);
        var district = await db.CreateUserAsync("panel-district", "姑苏区总", Roles.Reviewer);
        var october = new DateOnly(2026, 10, 1);

        Assert.Single(Panel(city, october).FindAll("#publish-month"));
        Assert.Empty(Panel(city, new DateOnly(2026, 11, 1)).FindAll("#publish-month, #republish-month"));
        Assert.Empty(Panel(district, october).FindAll("#publish-month, #republish-month"));

        await db.Get<PublishedRankingService>().PublishAsync(city, 2026, 10, null);
        var published = Panel(city, october);
        Assert.Single(published.FindAll("#republish-month"));
        Assert.Equal("第1版", published.Find("#publish-history td.publish-version-number").TextContent);
        var seenByDistrict = Panel(district, october);
        Assert.Empty(seenByDistrict.FindAll("#republish-month"));
        Assert.Single(seenByDistrict.FindAll("#publish-history tr.publish-version"));
    }
}
