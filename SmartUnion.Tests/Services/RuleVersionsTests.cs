using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// Issue 17 item 3: dated versions of the forms' 分值 and the 批示 levels' 批示加分, snapshots at the version in force on the
/// 录用日期 / 批示日期, and 重新计算 of a period (预览 = 执行); after each change the summaries equal the full aggregate.
/// </summary>
public class RuleVersionsTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller reviewer = default!;
    private Caller admin = default!;

    /// <summary>《市总综合录用》 录用: 4 points, a channel without year and issue.</summary>
    private const string Channel = "市总综合录用";

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("rv-gusu", "姑苏区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("rv-reviewer", "苏州市总工会", Roles.Reviewer);
        admin = await t.CreateUserAsync("rv-admin", "苏州市总工会", Roles.Admin);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private SettingsService Settings => t.Get<SettingsService>();
    private RecalculationService Recalculation => t.Get<RecalculationService>();
    private InstructionService Instructions => t.Get<InstructionService>();

    [Fact]
    public void TheVersionInForceIsTheLatestStartingOnOrBeforeTheDay()
    {
        PointsVersionRow[] versions = [new(RuleVersions.Baseline, 5), new(new(2026, 11, 15), 8), new(new(2026, 11, 20), 10)];
        Assert.Equal(5, RuleVersions.InForce(versions, new DateOnly(2026, 11, 14)));
        Assert.Equal(8, RuleVersions.InForce(versions, new DateOnly(2026, 11, 15)));
        Assert.Equal(8, RuleVersions.InForce(versions, new DateOnly(2026, 11, 19)));
        Assert.Equal(10, RuleVersions.InForce(versions.Reverse(), new DateOnly(2027, 1, 1)));
        Assert.Null(RuleVersions.InForce([new(new DateOnly(2026, 1, 1), 3)], new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public async Task AFormChangedOnThe15thKeepsTheOldPointsBeforeAndGivesTheNewAfter()
    {
        var formId = await FormIdAsync(Channel);
        SetChinaTime(2026, 12, 14, 10);
        var before = await AdoptedAsync("14日录用");
        SetChinaTime(2026, 12, 15, 9);
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 6, 1));     // 生效日期: today, the 15th
        var after = await AdoptedAsync("15日录用");

        Assert.Equal(Points.Whole(4), await SnapshotAsync(before));
        Assert.Equal(Points.Whole(6), await SnapshotAsync(after));
        var form = (await Settings.GetPublicationsAsync(admin)).SelectMany(p => p.Forms).Single(f => f.Id == formId);
        Assert.Equal(6, form.Points);
        Assert.Equal([new PointsVersionRow(RuleVersions.Baseline, 4), new PointsVersionRow(new(2026, 12, 15), 6)], form.Versions);
        // Nothing to recalculate: each snapshot is the version in force on its day.
        Assert.True((await Recalculation.PreviewAsync(admin, Period.Month(2026, 12))).IsEmpty);
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task ABackDatedVersionChangesOnlyTheAdoptionsFromItsDateAndRecalculationDoesExactlyWhatItsPreviewShowed()
    {
        var formId = await FormIdAsync(Channel);
        SetChinaTime(2026, 12, 14, 10);
        var early = await AdoptedAsync("14日录用");
        SetChinaTime(2026, 12, 18, 10);
        var late = await AdoptedAsync("18日录用");
        SetChinaTime(2026, 12, 20, 10);
        t.Notifier.Published.Clear();
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 9, 1), new DateOnly(2026, 12, 15));
        // Editing never rewrites a snapshot by itself.
        Assert.Equal(Points.Whole(4), await SnapshotAsync(late));

        var preview = await Recalculation.PreviewAsync(admin, Period.Month(2026, 12));

        Assert.Equal((1, 0), (preview.AdoptionCount, preview.InstructionCount));
        var row = Assert.Single(preview.Units);
        Assert.Equal((gusu.UnitId, Points.Whole(8), Points.Whole(13)), (row.UnitId, row.OldAdoptionPoints, row.NewAdoptionPoints));
        var audits = await t.CountAsync<AuditEntry>();

        var result = await Recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint);

        Assert.Equal(new RecalculationResult(1, 0, 1), result);
        Assert.Equal((Points.Whole(4), Points.Whole(9)), (await SnapshotAsync(early), await SnapshotAsync(late)));
        var ranked = Assert.Single(await RankingAsync(Period.Month(2026, 12)));
        Assert.Equal(row.NewAdoptionPoints, ranked.Score.AdoptionPoints);
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.PointsChanged);
        Assert.Equal(audits + 1, await t.CountAsync<AuditEntry>());
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.Recalculate);
            Assert.Equal("重新计算积分 2026-12-01 至 2026-12-31：录用 1 条、领导批示 0 条分值已更新，涉及 1 个单位：姑苏区总 得分 8→13，批示加分 0→0", audit.Details);
        }
        await AssertSummariesEqualTheFullAggregateAsync();
        Assert.True((await Recalculation.PreviewAsync(admin, Period.Month(2026, 12))).IsEmpty);
        var again = await Assert.ThrowsAsync<DomainException>(() => Recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint));
        Assert.Equal(RecalculationService.EmptyMessage, again.Message);
    }

    [Fact]
    public async Task ABatchiLevelChangedOnThe15thGivesInstructionsDatedBeforeTheOldBonusAndAfterTheNew()
    {
        var id = await t.ReportedAsync(gusu);
        await Instructions.SetRulesAsync(admin, [new InstructionRuleRow(InstructionLevel.City, 50)], new DateOnly(2026, 11, 15));

        var before = await Instructions.AddAsync(reviewer, id, Instruction(new DateOnly(2026, 11, 14)));
        var after = await Instructions.AddAsync(reviewer, id, Instruction(new DateOnly(2026, 11, 15)));

        var listed = (await Instructions.ListAsync(gusu, id)).ToDictionary(i => i.Id, i => i.Points);
        Assert.Equal((Points.Whole(40), Points.Whole(50)), (listed[before], listed[after]));
        Assert.Equal(50, (await Instructions.GetRulesAsync(gusu)).Single(r => r.Level == InstructionLevel.City).Points);
        var city = (await Instructions.GetRuleVersionsAsync(admin)).Single(r => r.Level == InstructionLevel.City);
        Assert.Equal("从最早 40分；2026-11-15起 50分", RuleVersions.Describe(city.Versions));

        // A version back-dated to the 1st: 重新计算 of November gives the 14th's 批示 60, the 15th's keeps 50.
        await Instructions.SetRulesAsync(admin, [new InstructionRuleRow(InstructionLevel.City, 60)], new DateOnly(2026, 11, 1));
        var preview = await Recalculation.PreviewAsync(admin, Period.Month(2026, 11));
        Assert.Equal((0, 1), (preview.AdoptionCount, preview.InstructionCount));
        var row = Assert.Single(preview.Units);
        Assert.Equal((Points.Whole(90), Points.Whole(110)), (row.OldInstructionPoints, row.NewInstructionPoints));
        await Recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint);

        listed = (await Instructions.ListAsync(gusu, id)).ToDictionary(i => i.Id, i => i.Points);
        Assert.Equal((Points.Whole(60), Points.Whole(50)), (listed[before], listed[after]));
        Assert.Equal(row.NewInstructionPoints, Assert.Single(await RankingAsync(Period.Month(2026, 11))).Score.InstructionPoints);
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task AJointItemRecalculatedSplitsItsNewPointsExactlyByTheRemainderRule()
    {
        var wuzhong = await t.CreateUserAsync("rv-wuzhong", "吴中区总", Roles.Reporter);
        var xiangcheng = await t.CreateUserAsync("rv-xiangcheng", "相城区总", Roles.Reporter);
        var formId = await FormIdAsync(Channel);
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 10, 1), new DateOnly(2026, 11, 1));
        var id = await t.DraftAsync(gusu, "合报公文");
        await t.Get<ItemShareService>().SetCoReportersAsync(gusu, id, [wuzhong.UnitId, xiangcheng.UnitId]);
        await t.Get<ItemService>().ReportAsync(gusu, [id]);
        await AdoptAsync(id);                                                               // 10 → 3.34 + 3.33 + 3.33
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 11, 1), new DateOnly(2026, 11, 10));

        var preview = await Recalculation.PreviewAsync(admin, Period.Month(2026, 11));

        Assert.Equal([(gusu.UnitId, 334L, 367L), (wuzhong.UnitId, 333L, 367L), (xiangcheng.UnitId, 333L, 366L)],
            preview.Units.Select(u => (u.UnitId, u.OldAdoptionPoints.Hundredths, u.NewAdoptionPoints.Hundredths)).ToList());
        Assert.Equal(1100, preview.Units.Sum(u => u.NewAdoptionPoints.Hundredths));
        await Recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint);
        var ranking = (await RankingAsync(Period.Month(2026, 11))).ToDictionary(r => r.Score.UnitId, r => r.Score.AdoptionPoints);
        Assert.All(preview.Units, u => Assert.Equal(u.NewAdoptionPoints, ranking[u.UnitId]));
        await AssertSummariesEqualTheFullAggregateAsync();
    }

    [Fact]
    public async Task ExecuteIsRefusedWhenTheDataChangedAfterThePreviewAndNothingIsWritten()
    {
        var formId = await FormIdAsync(Channel);
        SetChinaTime(2026, 12, 18, 10);
        var late = await AdoptedAsync("18日录用");
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 9, 1), new DateOnly(2026, 12, 15));
        var preview = await Recalculation.PreviewAsync(admin, Period.Month(2026, 12));
        // Meanwhile another admin moves the rule again: 执行 would no longer do what the preview showed.
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 7, 1), new DateOnly(2026, 12, 16));
        var audits = await t.CountAsync<AuditEntry>();

        var ex = await Assert.ThrowsAsync<DomainException>(() => Recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint));

        Assert.Equal(RecalculationService.ChangedMessage, ex.Message);
        Assert.Equal(Points.Whole(4), await SnapshotAsync(late));
        Assert.Equal(audits, await t.CountAsync<AuditEntry>());
        var fresh = await Recalculation.PreviewAsync(admin, Period.Month(2026, 12));
        Assert.Equal(Points.Whole(7), Assert.Single(fresh.Units).NewAdoptionPoints);
    }

    [Fact]
    public async Task OnlyAnAdminMayPreviewOrExecuteARecalculationOrChangeARule()
    {
        var formId = await FormIdAsync(Channel);
        SetChinaTime(2026, 12, 18, 10);
        var late = await AdoptedAsync("18日录用");
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 9, 1), new DateOnly(2026, 12, 15));
        var preview = await Recalculation.PreviewAsync(admin, Period.Month(2026, 12));
        var audits = await t.CountAsync<AuditEntry>();

        foreach (var caller in new[] { gusu, reviewer })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Recalculation.PreviewAsync(caller, Period.Month(2026, 12)));
            await Assert.ThrowsAsync<ForbiddenException>(() => Recalculation.ExecuteAsync(caller, preview.Period, preview.Fingerprint));
            await Assert.ThrowsAsync<ForbiddenException>(() => Instructions.SetRulesAsync(caller, [new InstructionRuleRow(InstructionLevel.City, 1)]));
            await Assert.ThrowsAsync<ForbiddenException>(() => Settings.UpdateFormAsync(caller, formId, new FormInput("录用", 1, 1)));
        }
        await Assert.ThrowsAsync<ArgumentNullException>(() => Recalculation.PreviewAsync(null!, Period.Month(2026, 12)));

        Assert.Equal(Points.Whole(4), await SnapshotAsync(late));
        Assert.Equal(audits, await t.CountAsync<AuditEntry>());
        Assert.Equal(4, await t.CountAsync<InstructionLevelRuleVersion>());
    }

    [Theory]
    [InlineData("2026-11-27", "生效日期不能晚于今天（2026-11-26）")]
    [InlineData("2024-12-31", "生效日期不能早于2025-01-01（上一年年初）")]
    [InlineData("2026-11-15", "2026-11-15起已有一个分值版本，不能重复设置，请另选生效日期")]
    public async Task ABadOrDuplicateEffectiveDateIsRefusedInChineseAndNothingIsSaved(string date, string message)
    {
        var formId = await FormIdAsync(Channel);
        await Settings.UpdateFormAsync(admin, formId, new FormInput("录用", 6, 1), new DateOnly(2026, 11, 15));
        await Instructions.SetRulesAsync(admin, [new InstructionRuleRow(InstructionLevel.City, 50)], new DateOnly(2026, 11, 15));
        var (versions, audits) = (await t.CountAsync<AdoptionFormPointVersion>() + await t.CountAsync<InstructionLevelRuleVersion>(), await t.CountAsync<AuditEntry>());

        var form = await Assert.ThrowsAsync<DomainException>(() => Settings.UpdateFormAsync(admin, formId, new FormInput("改名", 7, 1), DateOnly.Parse(date)));
        var rule = await Assert.ThrowsAsync<DomainException>(() => Instructions.SetRulesAsync(admin,
            [new InstructionRuleRow(InstructionLevel.District, 21), new InstructionRuleRow(InstructionLevel.City, 55)], DateOnly.Parse(date)));

        Assert.Equal(message, form.Message);
        Assert.Equal(date == "2026-11-15" ? "市级领导批示：" + message : "区县级领导批示：" + message, rule.Message);
        Assert.Equal(versions, await t.CountAsync<AdoptionFormPointVersion>() + await t.CountAsync<InstructionLevelRuleVersion>());
        Assert.Equal(audits, await t.CountAsync<AuditEntry>());
        await using var db = await t.Factory.CreateDbContextAsync();
        var stored = await db.AdoptionForms.Where(f => f.Id == formId).Select(f => new { f.Name, f.Points }).SingleAsync();
        Assert.Equal(("录用", 6), (stored.Name, stored.Points));
        Assert.Equal(20, (await Instructions.GetRulesAsync(admin)).Single(r => r.Level == InstructionLevel.District).Points);
    }

    [Theory]
    [InlineData(-1, "区县级领导批示的加分须在0至1000之间")]
    [InlineData(1001, "区县级领导批示的加分须在0至1000之间")]
    public async Task ABonusOutOfRangeIsRefused(int points, string message)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Instructions.SetRulesAsync(admin, [new InstructionRuleRow(InstructionLevel.District, points)]));
        Assert.Equal(message, ex.Message);
        Assert.Equal(4, await t.CountAsync<InstructionLevelRuleVersion>());
    }

    [Theory]
    [InlineData("2026-05-02", "2026-05-01", "结束日期不能早于开始日期")]
    [InlineData("2023-01-01", "2026-01-01", "重新计算的期间不能超过3年，请缩短起始日期至截止日期的范围")]
    public async Task AReversedOrTooLongPeriodIsRefused(string from, string to, string message)
    {
        var period = new Period(DateOnly.Parse(from), DateOnly.Parse(to));
        Assert.Equal(message, (await Assert.ThrowsAsync<DomainException>(() => Recalculation.PreviewAsync(admin, period))).Message);
        Assert.Equal(message, (await Assert.ThrowsAsync<DomainException>(() => Recalculation.ExecuteAsync(admin, period, "x"))).Message);
        // Three years less a day is fine.
        Assert.True((await Recalculation.PreviewAsync(admin, new Period(new(2023, 1, 2), new(2026, 1, 1)))).IsEmpty);
    }

    /// <summary>Moves the clock on (it never goes back: the tests' day is 2026-11-26, so these scenarios play in December).</summary>
    private void SetChinaTime(int year, int month, int day, int hour) =>
        t.Clock.SetUtcNow(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));

    private static InstructionInput Instruction(DateOnly date) => new(InstructionLevel.City, "市委书记", "张三", date, "此经验值得推广。");

    private async Task<int> FormIdAsync(string publication)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.AdoptionForms.Where(f => f.Publication!.Name == publication).Select(f => f.Id).SingleAsync();
    }

    /// <summary>A reported item of 姑苏 adopted now by 市总综合录用 through the adoption service; returns the adoption's id.</summary>
    private async Task<int> AdoptedAsync(string title)
    {
        var id = await t.ReportedAsync(gusu, title);
        await AdoptAsync(id);
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Adoptions.Where(a => a.InfoItemId == id).Select(a => a.Id).SingleAsync();
    }

    private async Task AdoptAsync(int itemId)
    {
        var formId = await FormIdAsync(Channel);
        await using var db = await t.Factory.CreateDbContextAsync();
        var publicationId = await db.AdoptionForms.Where(f => f.Id == formId).Select(f => f.PublicationId).SingleAsync();
        await t.Get<AdoptionService>().SaveAdoptionsAsync(reviewer, itemId, null, [new AdoptionChoice(publicationId, formId)]);
    }

    private async Task<Points> SnapshotAsync(int adoptionId)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return new Points(await db.Adoptions.Where(a => a.Id == adoptionId).Select(a => a.PointsHundredths).SingleAsync());
    }

    private async Task<IReadOnlyList<RankingRow>> RankingAsync(Period period) =>
        await t.Get<RankingService>().GetRankingAsync(reviewer, period);

    /// <summary>The maintained summaries equal the full aggregate of Adoptions and Instructions, and the ranking the baseline.</summary>
    private async Task AssertSummariesEqualTheFullAggregateAsync()
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var cs = db.Database.GetConnectionString()!;
        await using System.Data.Common.DbConnection conn = t.IsPostgreSql ? new Npgsql.NpgsqlConnection(cs) : new SqliteConnection(cs);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = t.IsPostgreSql ? RankingBaseline.PostgreSqlSummaryMismatchSql : RankingBaseline.SummaryMismatchSql;
        Assert.Equal(0L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
        foreach (var period in new[] { Period.Year(2026), Period.Month(2026, 11), Period.Month(2026, 12), new Period(new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 15)) })
        {
            var expected = t.IsPostgreSql ? await RankingBaseline.RunPostgreSqlAsync(cs, period) : await RankingBaseline.RunAsync(cs, period);
            Assert.Equal(expected, RankingBaseline.FromService(await RankingAsync(period)));
        }
    }
}
