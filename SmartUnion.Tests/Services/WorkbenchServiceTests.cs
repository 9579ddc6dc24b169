using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class WorkbenchServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller cityReviewer = default!;
    private Caller wuzhongReviewer = default!;
    private AdoptionService adoption = default!;
    private WorkbenchService workbench = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong1", "吴中区总", Roles.Reporter);
        cityReviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
        wuzhongReviewer = await t.CreateUserAsync("shenhe-wz", "吴中区总", Roles.Reviewer);
        adoption = t.Get<AdoptionService>();
        workbench = t.Get<WorkbenchService>();
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task AdoptAsync(int itemId, string publication, string form, int? year = null, int? issue = null)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var f = await db.AdoptionForms.AsNoTracking().SingleAsync(x => x.Publication!.Name == publication && x.Name == form);
        await adoption.SaveAdoptionsAsync(cityReviewer, itemId, null, [new AdoptionChoice(f.PublicationId, f.Id, year, issue)]);
    }

    [Fact]
    public async Task AReporterSeesItsUnitsPointsAndRankAsTheRankingGivesThemItsRejectedItemsAndLatestAdoptions()
    {
        var mine = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "职工书屋");
        var theirs = await AdoptionServiceTests.AddItemAsync(t, wuzhong, title: "吴中经验");
        var rejected = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "待修改");
        await AdoptAsync(mine, "《苏州工会信息》", "正文", 2026, 5);   // 5 points
        await AdoptAsync(theirs, "市委《苏州信息》", "正文", 2026, 2); // 8 points
        await adoption.RejectAsync(cityReviewer, rejected, null, "请补充数据");

        var w = await workbench.GetReporterAsync(gusu);

        var ranking = await t.Get<RankingService>().GetRankingAsync(gusu, Period.Year(2026));
        var row = ranking.Single(r => r.Score.UnitId == gusu.UnitId);
        Assert.Equal((row.Score.Total, row.Rank), (w.Year.Points, w.Year.Rank));
        Assert.Equal(new UnitStanding(5, 2, 2), w.Year);
        Assert.Equal(new UnitStanding(5, 2, 2), w.Month);
        Assert.Equal(1, w.RejectedCount);
        var r = Assert.Single(w.Rejected);
        Assert.Equal((rejected, "待修改", "请补充数据"), (r.Id, r.Title, r.Note));
        var a = Assert.Single(w.LatestAdoptions);
        Assert.Equal((mine, "《苏州工会信息》2026年第5期（正文）", 5), (a.ItemId, a.Channel, a.Points));
    }

    [Fact]
    public async Task AUnitWithoutPointsHasNoRank()
    {
        var w = await workbench.GetReporterAsync(gusu);
        Assert.Equal(new UnitStanding(0, null, 0), w.Month);
    }

    [Fact]
    public async Task AReviewerSeesTheItemsWaitingInItsSubtreeOldestFirstAndTodaysAndThisMonthsAdoptions()
    {
        var older = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "较早");
        t.Clock.Advance(TimeSpan.FromHours(1));
        var newer = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "较晚");
        var waiting = await AdoptionServiceTests.AddItemAsync(t, wuzhong, title: "吴中待审");
        var district = await AdoptionServiceTests.AddItemAsync(t, wuzhong, title: "吴中");
        var adopted = await AdoptionServiceTests.AddItemAsync(t, wuzhong, title: "已录用");
        await AdoptionServiceTests.AddItemAsync(t, gusu, ItemState.Rejected, "已驳回");
        await AdoptionServiceTests.AddItemAsync(t, gusu, ItemState.Draft, "草稿");
        await AdoptAsync(adopted, "苏州工会网", "文字");   // 2026-11-26
        t.Clock.Advance(TimeSpan.FromDays(1));            // 2026-11-27
        await AdoptAsync(district, "苏州工会网", "文字");

        var city = await workbench.GetReviewerAsync(cityReviewer);
        Assert.Equal(3, city.PendingCount);
        Assert.Equal([older, newer, waiting], city.Pending.Select(p => p.Id));
        Assert.Equal("姑苏区总", city.Pending[0].UnitName);
        Assert.Equal((1, 2), (city.AdoptionsToday, city.AdoptionsThisMonth));

        var wz = await workbench.GetReviewerAsync(wuzhongReviewer);
        Assert.Equal([waiting], wz.Pending.Select(p => p.Id));
        Assert.Equal(1, wz.PendingCount);
        Assert.Equal((1, 2), (wz.AdoptionsToday, wz.AdoptionsThisMonth));

        t.Clock.Advance(TimeSpan.FromDays(5)); // 2026-12-02: a new month
        Assert.Equal((0, 0), ((await workbench.GetReviewerAsync(cityReviewer)).AdoptionsToday, (await workbench.GetReviewerAsync(cityReviewer)).AdoptionsThisMonth));
    }

    [Fact]
    public async Task TheChartsCountTheCallersScopeAndTheTopUnitsOfTheRanking()
    {
        var mine = await AdoptionServiceTests.AddItemAsync(t, gusu);
        var theirs = await AdoptionServiceTests.AddItemAsync(t, wuzhong);
        await AdoptAsync(mine, "苏州工会网", "文字");        // 2 points, November
        t.Clock.Advance(TimeSpan.FromDays(10));            // 2026-12-06
        await AdoptAsync(theirs, "《苏州工会信息》", "正文", 2026, 6); // 5 points, December

        var reporter = await workbench.GetChartsAsync(gusu);
        Assert.Equal(12, reporter.AdoptionsPerMonth.Count);
        Assert.Equal("2026年1月", reporter.AdoptionsPerMonth[0].Label);
        Assert.Equal(("11月", 1.0), (reporter.AdoptionsPerMonth[10].Label, reporter.AdoptionsPerMonth[10].Value));
        Assert.Equal(0, reporter.AdoptionsPerMonth[11].Value);
        Assert.Equal([new ChartPoint("苏州工会网", 1)], reporter.AdoptionsByChannel);
        Assert.Equal([new ChartPoint("吴中区总", 5), new ChartPoint("姑苏区总", 2)], reporter.TopUnits);

        var city = await workbench.GetChartsAsync(cityReviewer);
        Assert.Equal([1.0, 1.0], city.AdoptionsPerMonth.Skip(10).Select(p => p.Value));
        Assert.Equal([new ChartPoint("《苏州工会信息》", 1), new ChartPoint("苏州工会网", 1)], city.AdoptionsByChannel);
    }

    [Fact]
    public async Task EachRolesFiguresAreRefusedToTheOtherRole()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => workbench.GetReviewerAsync(gusu));
        await Assert.ThrowsAsync<ForbiddenException>(() => workbench.GetReporterAsync(cityReviewer));
    }
}
