using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// Issue 17 items 1-2: exact points in hundredths, 合报 shares with the remainder rule, 领导批示 bonuses; after each change
/// the maintained summaries equal the full aggregate and the ranking equals the baseline.
/// </summary>
public class ScoringSharesTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller xiangcheng = default!;
    private Caller reviewer = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("share-gusu", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("share-wuzhong", "吴中区总", Roles.Reporter);
        xiangcheng = await t.CreateUserAsync("share-xiangcheng", "相城区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("share-reviewer", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public void TenPointsSplitAmongThreeEqualUnitsAre334And333And333()
    {
        Assert.Equal([new Points(334), new Points(333), new Points(333)], Points.Split(10, [1, 1, 1]));
        Assert.Equal("3.34", Points.Split(10, [1, 1, 1])[0].ToString());
    }

    [Fact]
    public void SplitSharesAlwaysAddUpExactly()
    {
        var random = new Random(17);
        for (var n = 0; n < 500; n++)
        {
            var total = new Points(random.Next(0, 100_000));
            var weights = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(1, 100)).ToList();
            var parts = Points.Split(total, weights);
            Assert.Equal(total.Hundredths, parts.Sum(p => p.Hundredths));
            // Each part is its exact share rounded up or down to a hundredth.
            for (var i = 0; i < parts.Count; i++)
                Assert.True(Math.Abs(parts[i].Hundredths - (double)total.Hundredths * weights[i] / weights.Sum()) < 1);
        }
    }

    [Theory]
    [InlineData(InstructionLevel.District, 20)]
    [InlineData(InstructionLevel.City, 40)]
    [InlineData(InstructionLevel.Province, 80)]
    [InlineData(InstructionLevel.National, 160)]
    public async Task AnInstructionAtEachLevelAddsItsBonusAsInstructionPoints(InstructionLevel level, int bonus)
    {
        var id = await t.ReportedAsync(gusu);
        await t.Get<InstructionService>().AddAsync(reviewer, id, Input(level));

        var row = Assert.Single(await RankingAsync());
        Assert.Equal((gusu.UnitId, Points.Whole(bonus), Points.Whole(bonus)), (row.Score.UnitId, row.Score.InstructionPoints, row.Score.Total));
        Assert.Equal(Points.Zero, row.Score.AdoptionPoints);
        var listed = Assert.Single(await t.Get<InstructionService>().ListAsync(gusu, id));
        Assert.Equal(Points.Whole(bonus), listed.Points);
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task AJointItemOfThreeUnitsWithTenPointsGives334And333And333()
    {
        var id = await JointItemAsync();
        await AdoptWithPointsAsync(id, 10);

        var ranking = await RankingAsync();
        Assert.Equal([(gusu.UnitId, new Points(334)), (wuzhong.UnitId, new Points(333)), (xiangcheng.UnitId, new Points(333))],
            ranking.Select(r => (r.Score.UnitId, r.Score.AdoptionPoints)).ToList());
        Assert.All(ranking, r => Assert.Equal(1, r.Score.AdoptionCount));
        Assert.Equal(1000, ranking.Sum(r => r.Score.Total.Hundredths));
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task CustomSharesReSplitTheAdoptionsAndInstructionsOfTheItem()
    {
        var id = await JointItemAsync();
        await AdoptWithPointsAsync(id, 10);
        await t.Get<InstructionService>().AddAsync(reviewer, id, Input(InstructionLevel.City));

        await t.Get<ItemShareService>().SetSharesAsync(reviewer, id, new Dictionary<int, int> { [gusu.UnitId] = 50, [wuzhong.UnitId] = 30, [xiangcheng.UnitId] = 20 });

        var scores = (await RankingAsync()).ToDictionary(r => r.Score.UnitId, r => (r.Score.AdoptionPoints, r.Score.InstructionPoints));
        Assert.Equal((Points.Whole(5), Points.Whole(20)), scores[gusu.UnitId]);
        Assert.Equal((Points.Whole(3), Points.Whole(12)), scores[wuzhong.UnitId]);
        Assert.Equal((Points.Whole(2), Points.Whole(8)), scores[xiangcheng.UnitId]);
        await AssertSummariesEqualTheFullAggregateAsync();

        await t.Get<ItemShareService>().SetSharesAsync(reviewer, id, null);
        Assert.Equal(new Points(334 + 1334), (await RankingAsync()).Single(r => r.Score.UnitId == gusu.UnitId).Score.Total);
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task SharesThatDoNotAddUpTo100AreRefusedInChinese()
    {
        var id = await JointItemAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => t.Get<ItemShareService>().SetSharesAsync(reviewer, id,
            new Dictionary<int, int> { [gusu.UnitId] = 50, [wuzhong.UnitId] = 30, [xiangcheng.UnitId] = 10 }));
        Assert.Equal("各单位份额之和必须为100%，当前为90%", ex.Message);
        var shares = await t.Get<ItemShareService>().GetAsync(reviewer, id);
        Assert.True(shares.EqualShares);
    }

    [Fact]
    public async Task ACoReporterSeesTheJointItemButCannotEditReportOrRenameItsCoReporters()
    {
        var id = await t.DraftAsync(gusu, "合报公文");
        await t.Get<ItemShareService>().SetCoReportersAsync(gusu, id, [wuzhong.UnitId]);

        var detail = await t.Get<AdoptionService>().GetDetailAsync(wuzhong, id);
        Assert.False(detail.CanEdit);
        var list = await t.Get<ItemService>().ListAsync(wuzhong, new ItemListQuery());
        Assert.Contains(list.Rows, r => r.Id == id);
        await Assert.ThrowsAnyAsync<DomainException>(() => t.Get<ItemService>().UpdateAsync(wuzhong, id, detail.Version, ItemTestData.Input()));
        await Assert.ThrowsAnyAsync<DomainException>(() => t.Get<ItemService>().ReportAsync(wuzhong, [id]));
        await Assert.ThrowsAsync<ForbiddenException>(() => t.Get<ItemShareService>().SetCoReportersAsync(wuzhong, id, []));
        // A unit that is not named sees nothing.
        await Assert.ThrowsAsync<NotFoundException>(() => t.Get<AdoptionService>().GetDetailAsync(xiangcheng, id));
    }

    [Fact]
    public async Task AReviewerOfAnotherDistrictOrAReporterCannotRecordAnInstruction()
    {
        var id = await t.ReportedAsync(gusu);
        var wuzhongReviewer = await t.CreateUserAsync("share-wz-reviewer", "吴中区总", Roles.Reviewer);

        await Assert.ThrowsAsync<NotFoundException>(() => t.Get<InstructionService>().AddAsync(wuzhongReviewer, id, Input(InstructionLevel.City)));
        await Assert.ThrowsAsync<ForbiddenException>(() => t.Get<InstructionService>().AddAsync(gusu, id, Input(InstructionLevel.City)));
        var draft = await t.DraftAsync(gusu);
        await Assert.ThrowsAsync<NotFoundException>(() => t.Get<InstructionService>().AddAsync(reviewer, draft, Input(InstructionLevel.City)));
        Assert.Equal(0, await t.CountAsync<Instruction>());
    }

    [Fact]
    public async Task AnInstructionNotifiesTheUnitsReportersAndKeepsItsPointsWhenTheRuleChanges()
    {
        var id = await t.ReportedAsync(gusu);
        var instructions = t.Get<InstructionService>();
        var admin = await t.CreateUserAsync("share-admin", "苏州市总工会", Roles.Admin);
        await instructions.AddAsync(reviewer, id, Input(InstructionLevel.City));

        await instructions.SetRulesAsync(admin, [new InstructionRuleRow(InstructionLevel.City, 50)], new DateOnly(2026, 11, 20));
        await instructions.AddAsync(reviewer, id, Input(InstructionLevel.City));

        Assert.Equal([Points.Whole(50), Points.Whole(40)], (await instructions.ListAsync(gusu, id)).Select(i => i.Points).Order().Reverse().ToList());
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.RecipientId == gusu.UserId && n.Kind == NotificationKind.Instruction));
        await Assert.ThrowsAsync<ForbiddenException>(() => instructions.SetRulesAsync(reviewer, [new InstructionRuleRow(InstructionLevel.City, 1)]));
    }

    [Fact]
    public async Task DeletingAnInstructionTakesItsBonusAway()
    {
        var id = await t.ReportedAsync(gusu);
        var instructions = t.Get<InstructionService>();
        var instructionId = await instructions.AddAsync(reviewer, id, Input(InstructionLevel.Province));

        await instructions.DeleteAsync(reviewer, id, instructionId);

        Assert.Empty(await RankingAsync());
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    private static InstructionInput Input(InstructionLevel level) =>
        new(level, "市委书记", "张三", new DateOnly(2026, 11, 20), "此经验值得推广。");

    /// <summary>A reported item of 姑苏 with 吴中 and 相城 as co-reporters (equal shares).</summary>
    private async Task<int> JointItemAsync()
    {
        var id = await t.DraftAsync(gusu, "合报公文");
        await t.Get<ItemShareService>().SetCoReportersAsync(gusu, id, [xiangcheng.UnitId, wuzhong.UnitId]);
        await t.Get<ItemService>().ReportAsync(gusu, [id]);
        return id;
    }

    private async Task AdoptWithPointsAsync(int itemId, int points)
    {
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var form = await db.AdoptionForms.Include(f => f.Publication).Where(f => f.Publication!.Name == "《苏州工会信息》").OrderBy(f => f.SortOrder).FirstAsync();
            form.Points = points;
            // The adoption takes the version in force on its 录用日期: the form's only one, 从最早.
            await db.AdoptionFormPointVersions.Where(v => v.AdoptionFormId == form.Id).ExecuteUpdateAsync(v => v.SetProperty(x => x.Points, points));
            await db.SaveChangesAsync();
        }
        await t.AdoptAsync(itemId, "《苏州工会信息》", reviewer);
    }

    private async Task<IReadOnlyList<RankingRow>> RankingAsync() =>
        await t.Get<RankingService>().GetRankingAsync(reviewer, Period.Year(2026));

    private async Task AssertSummariesEqualTheFullAggregateAsync()
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var cs = db.Database.GetConnectionString()!;
        await using System.Data.Common.DbConnection conn = t.IsPostgreSql ? new Npgsql.NpgsqlConnection(cs) : new SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = t.IsPostgreSql ? RankingBaseline.PostgreSqlSummaryMismatchSql : RankingBaseline.SummaryMismatchSql;
        Assert.Equal(0L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
        foreach (var period in new[] { Period.Year(2026), Period.Month(2026, 11), new Period(new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 30)) })
        {
            var expected = t.IsPostgreSql ? await RankingBaseline.RunPostgreSqlAsync(cs, period) : await RankingBaseline.RunAsync(cs, period);
            Assert.Equal(expected, RankingBaseline.FromService(await t.Get<RankingService>().GetRankingAsync(reviewer, period)));
        }
    }
}
