using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// Issue 17 item 4, published months: 发布 freezes a month that is over (city reviewer or admin only); corrections dated in it
/// afterwards show as 发布后调整 beside the frozen figures; a year adds the published months as published and the rest live;
/// 重新发布 needs a reason, makes version N+1 and is audited. The clock is 2026-11-26 (TestDatabase), so October is over.
/// </summary>
public class PublishedRankingServiceTests : IAsyncLifetime
{
    private static readonly Period October = Period.Month(2026, 10);
    private TestDatabase t = default!;
    private Caller city = default!;
    private Caller gusuReporter = default!;
    private int gusu, wuzhong, xiangcheng;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        city = await t.CreateUserAsync("pub-city", "苏州市总工会", Roles.Reviewer);
        gusuReporter = await t.CreateUserAsync("pub-gusu", "姑苏区总", Roles.Reporter);
        (gusu, wuzhong, xiangcheng) = (await t.UnitIdAsync("姑苏区总"), await t.UnitIdAsync("吴中区总"), await t.UnitIdAsync("相城区总"));
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private PublishedRankingService Published => t.Get<PublishedRankingService>();

    private static DateTime China(int month, int day) => ChinaTime.ToUtc(new DateTime(2026, month, day, 10, 0, 0));

    private Task DeductAsync(int unit, int points, DateOnly date) =>
        t.Get<DeductionService>().CreateAsync(city, new DeductionInput(unit, points, "发布后更正", date));

    private static PublishedRankingRow Row(PublishedRanking r, string unit) => Assert.Single(r.Rows, x => x.Score.UnitName == unit);

    [Fact]
    public async Task ACorrectionDatedInAPublishedMonthLeavesItsFiguresUnchangedAndShowsAsTheAdjustment()
    {
        await RankingServiceTests.AddAdoptionAsync(t, gusu, city.UserId, China(10, 20), 5);
        await RankingServiceTests.AddAdoptionAsync(t, wuzhong, city.UserId, China(10, 21), 8);
        Assert.Equal(1, await Published.PublishAsync(city, 2026, 10, null));

        // After publishing: a 扣分 dated in October, a 市级 批示 dated in October, an adoption dated in October, and a
        // unit that had nothing in October when it was published.
        await DeductAsync(gusu, 2, new DateOnly(2026, 10, 15));
        var item = await AdoptionServiceTests.AddItemAsync(t, gusuReporter);
        await t.Get<InstructionService>().AddAsync(city, item, new InstructionInput(InstructionLevel.City, "市委书记", "张三", new DateOnly(2026, 10, 28), "好"));
        await RankingServiceTests.AddAdoptionAsync(t, wuzhong, city.UserId, China(10, 30), 3);
        await DeductAsync(xiangcheng, 1, new DateOnly(2026, 10, 31));

        var ranking = await Published.GetRankingAsync(gusuReporter, October);

        Assert.Equal("已发布（第1版，2026-11-26 发布）", ranking.Note);
        Assert.Equal([("吴中区总", 1, 8, "+3"), ("姑苏区总", 2, 5, "+38")],
            ranking.Rows.Take(2).Select(r => (r.Score.UnitName, r.Rank ?? 0, (int)r.Score.Total, r.AdjustmentText)));
        Assert.Equal((1, 5, 0), (Row(ranking, "姑苏区总").Score.AdoptionCount, (int)Row(ranking, "姑苏区总").Score.AdoptionPoints, (int)Row(ranking, "姑苏区总").Score.InstructionPoints));
        var onlyLive = Row(ranking, "相城区总");
        Assert.Equal((null, 0, "-1"), (onlyLive.Rank, (int)onlyLive.Score.Total, onlyLive.AdjustmentText));
        Assert.Equal(Points.Whole(40), ranking.TotalAdjustment);
        // The live ranking has the corrections; the frozen rows do not.
        var live = await t.Get<RankingService>().GetRankingAsync(city, October);
        Assert.Equal([("姑苏区总", 43), ("吴中区总", 11), ("相城区总", -1)], live.Select(r => (r.Score.UnitName, (int)r.Score.Total)));
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task AYearAddsThePublishedMonthsAsPublishedAndTheOtherMonthsLive()
    {
        await RankingServiceTests.AddAdoptionAsync(t, gusu, city.UserId, China(9, 10), 5);
        await Published.PublishAsync(city, 2026, 9, null);
        await DeductAsync(gusu, 3, new DateOnly(2026, 9, 30));                       // after publishing: 发布后调整
        await RankingServiceTests.AddAdoptionAsync(t, gusu, city.UserId, China(10, 10), 4);   // October: not published, live
        await RankingServiceTests.AddAdoptionAsync(t, wuzhong, city.UserId, China(11, 20), 2); // November: live

        var year = await Published.GetRankingAsync(city, Period.Year(2026));

        Assert.StartsWith("已发布月份按发布数据统计：2026年9月（第1版，2026-11-26 发布）", year.Note);
        var row = Row(year, "姑苏区总");
        Assert.Equal((1, 9, 2, "-3"), (row.Rank ?? 0, (int)row.Score.Total, row.Score.AdoptionCount, row.AdjustmentText));
        Assert.Equal((2, 2, ""), (Row(year, "吴中区总").Rank ?? 0, (int)Row(year, "吴中区总").Score.Total, Row(year, "吴中区总").AdjustmentText));
        // Published + live rest + 发布后调整 = the live figure.
        var live = await t.Get<RankingService>().GetScoresAsync(city, Period.Year(2026));
        Assert.Equal(live.Single(s => s.UnitId == gusu).Total, row.Score.Total + row.Adjustment);

        var partial = await Published.GetRankingAsync(city, new Period(new DateOnly(2026, 9, 15), new DateOnly(2026, 10, 31)));
        Assert.False(partial.UsesPublished);
        Assert.Contains("不是整月", partial.Note);
        Assert.Equal(-3 + 4, (int)Row(partial, "姑苏区总").Score.Total);
        Assert.Contains("均未发布", (await Published.GetRankingAsync(city, October)).Note);
    }

    [Fact]
    public async Task RepublishingNeedsAReasonThenShowsTheNewVersionAndBothAreAudited()
    {
        await RankingServiceTests.AddAdoptionAsync(t, gusu, city.UserId, China(10, 20), 5);
        await Published.PublishAsync(city, 2026, 10, null);
        await DeductAsync(gusu, 2, new DateOnly(2026, 10, 15));

        var none = await Assert.ThrowsAsync<DomainException>(() => Published.PublishAsync(city, 2026, 10, "  "));
        Assert.Equal(PublishedRankingService.ReasonRequiredMessage, none.Message);
        await Assert.ThrowsAsync<DomainException>(() => Published.PublishAsync(city, 2026, 10, new string('因', PublishedMonth.ReasonMaxLength + 1)));
        Assert.Equal(1, await t.CountAsync<PublishedMonth>());

        t.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await Published.PublishAsync(city, 2026, 10, "补记10月15日扣分"));

        var ranking = await Published.GetRankingAsync(city, October);
        Assert.Equal("已发布（第2版，2026-11-28 发布）", ranking.Note);
        Assert.Equal((3, ""), ((int)Row(ranking, "姑苏区总").Score.Total, Row(ranking, "姑苏区总").AdjustmentText));
        var history = await Published.GetHistoryAsync(gusuReporter, 2026, 10);
        Assert.Equal([(2, "补记10月15日扣分", "pub-city"), (1, (string?)null, "pub-city")], history.Select(h => (h.Version, h.Reason, h.PublishedByName)));
        await using var db = await t.Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.EntityType == AuditEntityTypes.PublishedMonth).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.Publish, AuditActions.Republish], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("2026-10", a.EntityId));
        Assert.Contains("第2版", audit[1].Details);
        Assert.Contains("原因：补记10月15日扣分", audit[1].Details);
        Assert.Equal(2, t.Notifier.Published.Count(e => e.Kind == ChangeKind.MonthPublished && e.AffectsScores));
        var auditor = await t.CreateUserAsync("pub-auditor", "苏州市总工会", Roles.Admin);
        var lines = (await t.Get<AuditService>().ListAsync(auditor, new AuditFilter(), 0, 50)).Rows;
        Assert.Equal("积分排名 2026-10", lines.First(r => r.Action == AuditActions.Republish).Target);
        // The first version stays as history.
        Assert.Equal(5, (int)new Points(await db.PublishedMonthScores.Where(s => s.PublishedMonth!.Version == 1).Select(s => s.Total).SingleAsync()));
    }

    [Fact]
    public async Task ADistrictReviewerAReporterTheCurrentMonthAndAFutureMonthAreRefusedAndNothingIsStored()
    {
        var district = await t.CreateUserAsync("pub-district", "姑苏区总", Roles.Reviewer);
        await Assert.ThrowsAsync<ForbiddenException>(() => Published.PublishAsync(district, 2026, 10, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Published.PublishAsync(gusuReporter, 2026, 10, null));
        Assert.False(PublishedRankingService.CanPublish(district));
        Assert.False(PublishedRankingService.CanPublish(gusuReporter));
        foreach (var (year, month) in new[] { (2026, 11), (2026, 12), (2027, 1) })
            Assert.Equal(PublishedRankingService.NotOverMessage,
                (await Assert.ThrowsAsync<DomainException>(() => Published.PublishAsync(city, year, month, null))).Message);
        await Assert.ThrowsAsync<DomainException>(() => Published.PublishAsync(city, 2026, 13, null));
        Assert.Equal(0, await t.CountAsync<PublishedMonth>());
        await using (var db = await t.Factory.CreateDbContextAsync())
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == AuditEntityTypes.PublishedMonth));

        var admin = await t.CreateUserAsync("pub-admin", "苏州市总工会", Roles.Admin);
        Assert.True(PublishedRankingService.CanPublish(admin) && PublishedRankingService.CanPublish(city));
        Assert.Equal(1, await Published.PublishAsync(admin, 2026, 10, null));
    }

    [Fact]
    public async Task ThePublicationRecordsTheRulesInForceAtTheEndOfTheMonth()
    {
        await t.Get<QuotaService>().SetRuleSetAsync(await t.CreateUserAsync("pub-admin2", "苏州市总工会", Roles.Admin),
            new QuotaRuleSetInput(2026, 12, 7, 9, 4));
        // 正文 of 《苏州工会信息》 earns 6 from 15 November on: October's rules keep the version in force on the 31st.
        AdoptionForm form;
        await using (var db = await t.Factory.CreateDbContextAsync())
            form = await db.AdoptionForms.AsNoTracking().SingleAsync(f => f.Publication!.Name == "《苏州工会信息》" && f.Name == "正文");
        await t.Get<SettingsService>().UpdateFormAsync(await t.CreateUserAsync("pub-admin3", "苏州市总工会", Roles.Admin),
            form.Id, new FormInput(form.Name, 6, form.SortOrder), new DateOnly(2026, 11, 15));
        await Published.PublishAsync(city, 2026, 10, null);

        var rules = JsonDocument.Parse(Assert.Single(await Published.GetHistoryAsync(city, 2026, 10)).RulesText).RootElement;

        Assert.Equal("2026-10-31", rules.GetProperty("规则截至").GetString());
        Assert.Contains(rules.GetProperty("采用形式分值").EnumerateArray(),
            f => f.GetProperty("期刊").GetString() == "《苏州工会信息》" && f.GetProperty("采用形式").GetString() == "正文" && f.GetProperty("分值").GetInt32() == 5
                 && f.GetProperty("生效日期").GetString() == "从最早");
        Assert.Contains(rules.GetProperty("领导批示加分").EnumerateArray(), l => l.GetProperty("级别").GetString() == "市级" && l.GetProperty("加分").GetInt32() == 40);
        // The rule set from December is not the one in force in October.
        Assert.NotEqual("2026-12", rules.GetProperty("考核规则") is { ValueKind: JsonValueKind.Object } q ? q.GetProperty("生效月份").GetString() : null);
    }

    private async Task AssertSummariesEqualTheFullAggregateAsync()
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var cs = db.Database.GetConnectionString()!;
        await using System.Data.Common.DbConnection conn = t.IsPostgreSql ? new Npgsql.NpgsqlConnection(cs) : new SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = t.IsPostgreSql ? RankingBaseline.PostgreSqlSummaryMismatchSql : RankingBaseline.SummaryMismatchSql;
        Assert.Equal(0L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
        foreach (var period in new[] { Period.Year(2026), October })
        {
            var expected = t.IsPostgreSql ? await RankingBaseline.RunPostgreSqlAsync(cs, period) : await RankingBaseline.RunAsync(cs, period);
            Assert.Equal(expected, RankingBaseline.FromService(await t.Get<RankingService>().GetRankingAsync(city, period)));
        }
    }
}
