using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;

namespace SmartUnion.Tests.Reports;

/// <summary>The 月度通报 of a published month (both providers): 二、各单位积分排名 shows the frozen figures, and a sentence the 发布后调整.</summary>
public class PublishedMonthBulletinTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller reviewer = default!;
    private int gusu, wuzhong;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync(); // today: 2026-11-26 (China)
        reviewer = await t.CreateUserAsync("bul-rev", "苏州市总工会", Roles.Reviewer);
        (gusu, wuzhong) = (await t.UnitIdAsync("姑苏区总"), await t.UnitIdAsync("吴中区总"));
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private static BulletinRankRow Line(BulletinData d, string unit) => d.Groups.SelectMany(g => g.Rows).Single(r => r.UnitName == unit);

    [Fact]
    public async Task ThePublishedMonthsBulletinRanksByThePublishedFiguresAndNamesTheAdjustments()
    {
        await RankingServiceTests.AddAdoptionAsync(t, gusu, reviewer.UserId, ChinaTime.ToUtc(new DateTime(2026, 10, 10, 9, 0, 0)), 5);
        await RankingServiceTests.AddAdoptionAsync(t, wuzhong, reviewer.UserId, ChinaTime.ToUtc(new DateTime(2026, 10, 12, 9, 0, 0)), 4);
        var request = new BulletinRequest(2026, 10);
        var before = await t.Get<MonthlyBulletinService>().GetAsync(reviewer, request);
        Assert.Null(before.PublishedNote);

        await t.Get<PublishedRankingService>().PublishAsync(reviewer, 2026, 10, null);
        // A correction after publishing: 姑苏 loses 3 points dated in October, which would put 吴中 first live.
        await t.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(gusu, 3, "发布后更正", new DateOnly(2026, 10, 20)));

        var data = await t.Get<MonthlyBulletinService>().GetAsync(reviewer, request);

        Assert.Equal((1, 5, 0, 1), (Line(data, "姑苏区总").Rank ?? 0, (int)Line(data, "姑苏区总").Figures.Net, (int)Line(data, "姑苏区总").Figures.Deducted, Line(data, "姑苏区总").Adopted));
        Assert.Equal((2, 4), (Line(data, "吴中区总").Rank ?? 0, (int)Line(data, "吴中区总").Figures.Net));
        Assert.Equal("本月积分排名已发布（第1版，2026-11-26 发布），上表为发布时的数据；发布后调整（发布后对本月的更正，未计入上表）：姑苏区总 -3。", data.PublishedNote);
        var blocks = BulletinText.Compose(data, new BulletinEdits(null, "多报一线信息"));
        var heading = blocks.ToList().FindIndex(b => b.Text == BulletinText.Sections[1]);
        var next = blocks.ToList().FindIndex(b => b.Text == BulletinText.Sections[2]);
        var note = blocks.ToList().FindIndex(b => b.Text == data.PublishedNote);
        Assert.True(heading < note && note < next, "the 发布后调整 sentence is not in 二、各单位积分排名");
        // Live, the month would read otherwise (the 月度报表 stays live).
        var live = await t.Get<MonthlyReportService>().GetSummaryAsync(reviewer, new MonthlyReportRequest(2026, 10, false));
        Assert.Equal(2, (int)live.Units.Single(u => u.UnitId == gusu).Net);
    }
}
