using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>任务完成情况, dated quotas and the confirmation of the month's proposal (both providers).</summary>
public class TaskCompletionServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller admin = default!;
    private Caller reviewer = default!;
    private Caller gusuReporter = default!;
    private Caller wuzhongReporter = default!;
    private int districts;
    private QuotaService Quotas => t.Get<QuotaService>();
    private TaskCompletionService Tasks => t.Get<TaskCompletionService>();
    private static readonly TaskCompletionRequest October = new(2026, 10);

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        gusuReporter = await t.CreateUserAsync("gusu", "姑苏区总", Roles.Reporter);
        wuzhongReporter = await t.CreateUserAsync("wuzhong", "吴中区总", Roles.Reporter);
        districts = await Quotas.AddGroupAsync(admin, "县市区总工会", 1);
        await Quotas.SetUnitGroupAsync(admin, await t.UnitIdAsync("姑苏区总"), districts);
        await Quotas.SetUnitGroupAsync(admin, await t.UnitIdAsync("吴中区总"), districts);
        await Quotas.SetGroupQuotaAsync(admin, districts, 2026, 10, 3);
        await Quotas.SetRuleSetAsync(admin, new QuotaRuleSetInput(2026, 10, 2, 10, 1));
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    /// <summary>Reports items now and dates their 上报日期 back to <paramref name="at"/> (the clock cannot go back).</summary>
    private async Task ReportInAsync(Caller reporter, DateTimeOffset at, int count = 1)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++) ids.Add(await t.ReportedAsync(reporter, $"公文{at:MMdd}-{i}"));
        await using var db = await t.Factory.CreateDbContextAsync();
        await db.Items.Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(x => x.SetProperty(i => i.ReportedAt, at.UtcDateTime));
    }

    private static TaskCompletionRow Row(TaskCompletionReport report, string unit) => report.Units.Single(u => u.UnitName == unit);

    [Fact]
    public async Task AMonthWithNoItemsFlagsTheUnitsAsZeroReportAndProposesTheWholeQuotaAsShortfall()
    {
        var report = await Tasks.GetAsync(reviewer, October);

        var gusu = Row(report, "姑苏区总");
        Assert.Equal((0, (int?)3, true, (bool?)false, 0.0), (gusu.Reported, gusu.Quota, gusu.IsZeroReport, gusu.Met, gusu.AdoptionRate));
        var line = Assert.Single(report.Lines, l => l.UnitName == "姑苏区总");
        Assert.Equal((QuotaEntryKind.Shortfall, 6, ProposalStatus.Proposed), (line.Kind, line.Points, line.Status));
        // A unit without a group or quota is listed (零报送) but gets no line; the top unit without quota or items is not listed.
        Assert.Null(Row(report, "相城区总").Quota);
        Assert.DoesNotContain(report.Lines, l => l.UnitName == "相城区总");
        Assert.DoesNotContain(report.Units, u => u.UnitName == "苏州市总工会");
    }

    [Fact]
    public async Task MeetingTheQuotaProposesTheBaseBonusAndTheRateIsTheMonthlyReportsFigure()
    {
        await ReportInAsync(gusuReporter, new DateTimeOffset(2026, 10, 10, 2, 0, 0, TimeSpan.Zero), 4);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var first = await db.Items.Where(i => i.UnitId == gusuReporter.UnitId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
            await t.AdoptAsync(first, "苏州工会网", reviewer, new DateTime(2026, 10, 12, 2, 0, 0, DateTimeKind.Utc));
            await t.AdoptAsync(first, "江苏工会网", reviewer, new DateTime(2026, 10, 13, 2, 0, 0, DateTimeKind.Utc));
        }

        var report = await Tasks.GetAsync(reviewer, October);

        var gusu = Row(report, "姑苏区总");
        var monthly = (await t.Get<MonthlyReportService>().GetSummaryAsync(reviewer, new MonthlyReportRequest(2026, 10, false)))
            .Units.Single(u => u.UnitName == "姑苏区总");
        Assert.Equal((4, (bool?)true, false, 2, 0.25), (gusu.Reported, gusu.Met, gusu.IsZeroReport, gusu.Adopted, gusu.AdoptionRate));
        Assert.Equal((monthly.Reported, monthly.Adopted, monthly.AdoptionRate), (gusu.Reported, gusu.Adopted, gusu.AdoptionRate));
        var line = Assert.Single(report.Lines, l => l.UnitName == "姑苏区总");
        Assert.Equal((QuotaEntryKind.QuotaMet, 10, true), (line.Kind, line.Points, line.IsBonus));
    }

    [Fact]
    public async Task AUnitCreatedMidMonthCountsFromThatMonthOnAndNotBefore()
    {
        var created = await t.Get<SettingsService>().AddUnitAsync(admin, await t.UnitIdAsync("苏州市总工会"), new UnitInput("新设区总工会", "新设区总", 50));
        await Quotas.SetUnitGroupAsync(admin, created, districts);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            Assert.Equal(TestDatabase.DefaultNow.UtcDateTime, (await db.Units.SingleAsync(u => u.Id == created)).CreatedAt);
            // As if it had been created on 15 October (China time).
            await db.Units.Where(u => u.Id == created).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, new DateTime(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc)));
        }

        var october = await Tasks.GetAsync(reviewer, October);
        var september = await Tasks.GetAsync(reviewer, new TaskCompletionRequest(2026, 9));

        Assert.Equal(((int?)3, true), (Row(october, "新设区总").Quota, Row(october, "新设区总").IsZeroReport));
        Assert.Contains(october.Proposed, l => l.UnitName == "新设区总" && l.Points == 6);
        Assert.DoesNotContain(september.Units, u => u.UnitName == "新设区总");
    }

    [Fact]
    public async Task AQuotaChangedMidYearAppliesFromItsMonthAndNeverRewritesTheMonthsBefore()
    {
        // Versions recorded earlier in the year (then, a start month was "last month or later" too).
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.QuotaVersions.AddRange(
                new QuotaVersion { GroupId = districts, EffectiveFrom = new DateOnly(2026, 3, 1), Quota = 2, CreatedById = admin.UserId },
                new QuotaVersion { GroupId = districts, EffectiveFrom = new DateOnly(2026, 7, 1), Quota = 5, CreatedById = admin.UserId });
            await db.SaveChangesAsync();
        }
        await Quotas.SetGroupQuotaAsync(admin, districts, 2026, 11, 4);
        await Quotas.SetGroupQuotaAsync(admin, districts, 2026, 10, 1); // an earlier start recorded after a later one: just another version

        async Task<int?> QuotaIn(int month) => Row(await Tasks.GetAsync(reviewer, new TaskCompletionRequest(2026, month)), "姑苏区总").Quota;
        Assert.Null(await QuotaIn(2));
        Assert.Equal(2, await QuotaIn(3));
        Assert.Equal(2, await QuotaIn(6));
        Assert.Equal(5, await QuotaIn(7));
        Assert.Equal(5, await QuotaIn(9));
        Assert.Equal(1, await QuotaIn(10));
        Assert.Equal(4, await QuotaIn(11));
        Assert.Equal(4, (await Quotas.GetGroupsAsync(admin)).Single().QuotaIn(new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public async Task AUnitsOwnQuotaOverridesItsGroupsAndEndingItFallsBackToTheGroup()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        await Quotas.SetUnitQuotaAsync(admin, gusu, 2026, 10, 6);
        await Quotas.SetUnitQuotaAsync(admin, gusu, 2026, 11, null);

        Assert.Equal(6, Row(await Tasks.GetAsync(reviewer, October), "姑苏区总").Quota);
        Assert.Equal(3, Row(await Tasks.GetAsync(reviewer, October), "吴中区总").Quota);
        Assert.Equal(3, Row(await Tasks.GetAsync(reviewer, new TaskCompletionRequest(2026, 11)), "姑苏区总").Quota);
        var info = await Quotas.GetUnitQuotaAsync(admin, gusu);
        Assert.Equal([new QuotaVersionRow(new DateOnly(2026, 10, 1), 6), new QuotaVersionRow(new DateOnly(2026, 11, 1), null)], info.Overrides);
    }

    [Fact]
    public async Task ConfirmingRecordsTheDeductionsAndBonusesLinkedToTheRuleAndMonthAndTheRankingFollows()
    {
        await ReportInAsync(gusuReporter, new DateTimeOffset(2026, 10, 10, 2, 0, 0, TimeSpan.Zero), 3);
        var report = await Tasks.GetAsync(reviewer, October);
        t.Notifier.Published.Clear();

        var result = await Tasks.ConfirmAsync(reviewer, October, report.Proposed.Select(l => l.Key).ToList());

        Assert.Equal(new ConfirmResult(2, 0), result);
        await using var db = await t.Factory.CreateDbContextAsync();
        var entries = await db.QuotaEntries.Include(e => e.Deduction).OrderBy(e => e.Kind).ToListAsync();
        Assert.Equal([(QuotaEntryKind.Shortfall, 6, DeductionKind.Deduction), (QuotaEntryKind.QuotaMet, 10, DeductionKind.Bonus)],
            entries.Select(e => (e.Kind, e.Deduction!.Points, e.Deduction.Kind)).ToList());
        Assert.All(entries, e => Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (e.Month, e.Deduction!.Date)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Details.Contains("任务完成情况确认")));
        var change = Assert.Single(t.Notifier.Published);
        Assert.True(change.AffectsScores);
        var scores = (await t.Get<RankingService>().GetScoresAsync(reviewer, Period.Month(2026, 10))).ToDictionary(s => s.UnitName);
        Assert.Equal((10, 0, 10), (scores["姑苏区总"].BonusPoints, scores["姑苏区总"].DeductionPoints, scores["姑苏区总"].Total));
        Assert.Equal((0, 6, -6), (scores["吴中区总"].BonusPoints, scores["吴中区总"].DeductionPoints, scores["吴中区总"].Total));
        var monthly = (await t.Get<MonthlyReportService>().GetSummaryAsync(reviewer, new MonthlyReportRequest(2026, 10, false))).Units.Single(u => u.UnitName == "姑苏区总");
        Assert.Equal((10, 10), (monthly.Bonus, monthly.Net));
        Assert.All((await Tasks.GetAsync(reviewer, October)).Lines, l => Assert.Equal(ProposalStatus.Confirmed, l.Status));
    }

    [Fact]
    public async Task AnUnanswered约稿DueInTheMonthIsProposedAsItsOwnDeductionConfirmedOnceAndAnAnsweredOneIsNot()
    {
        // Today 2026-11-26: a 约稿 for 姑苏 and 吴中 due on the last day of November; 姑苏 answers, 吴中 does not.
        var commissions = t.Get<CommissionService>();
        var id = await commissions.CreateAsync(reviewer, new CommissionInput("劳模事迹", "每单位一篇", [gusuReporter.UnitId, wuzhongReporter.UnitId], new DateOnly(2026, 11, 30), null));
        var answer = await t.Get<ItemService>().CreateAsync(gusuReporter, new ItemInput { Title = "答复", Body = "正文", Category = InfoCategory.General, CommissionId = id });
        await t.Get<ItemService>().ReportAsync(gusuReporter, [answer.Id]);
        var november = new TaskCompletionRequest(2026, 11);
        // Before the deadline nobody is late.
        Assert.DoesNotContain((await Tasks.GetAsync(reviewer, november)).Lines, l => l.Kind == QuotaEntryKind.UnansweredCommission);

        t.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var report = await Tasks.GetAsync(reviewer, november);
        Assert.Equal((0, 1), (Row(report, "姑苏区总").UnansweredCommissions, Row(report, "吴中区总").UnansweredCommissions));
        var line = Assert.Single(report.Lines, l => l.Kind == QuotaEntryKind.UnansweredCommission);
        Assert.Equal(("吴中区总", 1, "2026年11月有1个约稿未回应，每个扣1分"), (line.UnitName, line.Points, line.Reason));
        // 吴中 also has its quota line (nothing reported): both are proposed, side by side.
        Assert.Contains(report.Lines, l => l.UnitName == "吴中区总" && l.Kind == QuotaEntryKind.Shortfall);

        var keys = report.Proposed.Select(l => l.Key).ToList();
        var first = await Tasks.ConfirmAsync(reviewer, november, keys);
        Assert.Equal(new ConfirmResult(keys.Count, 0), first);
        Assert.Equal(new ConfirmResult(0, keys.Count), await Tasks.ConfirmAsync(reviewer, november, keys));
        await using var db = await t.Factory.CreateDbContextAsync();
        var entry = await db.QuotaEntries.Include(e => e.Deduction).SingleAsync(e => e.Kind == QuotaEntryKind.UnansweredCommission);
        Assert.Equal((wuzhongReporter.UnitId, 1, DeductionKind.Deduction), (entry.UnitId, entry.Deduction!.Points, entry.Deduction.Kind));
        Assert.All((await Tasks.GetAsync(reviewer, november)).Lines, l => Assert.Equal(ProposalStatus.Confirmed, l.Status));
    }

    [Fact]
    public async Task ConfirmingTwiceAtOnceRecordsOneSetAndConfirmingAgainRecordsNothing()
    {
        var keys = (await Tasks.GetAsync(reviewer, October)).Proposed.Select(l => l.Key).ToList();
        var other = await t.CreateUserAsync("rev2", "苏州市总工会", Roles.Reviewer);

        var results = await Task.WhenAll(
            Task.Run(() => Tasks.ConfirmAsync(reviewer, October, keys)),
            Task.Run(() => Tasks.ConfirmAsync(other, October, keys)));
        var again = await Tasks.ConfirmAsync(reviewer, October, keys);

        Assert.Equal(2, results.Sum(r => r.Created));
        Assert.Contains(results, r => r.AlreadyConfirmed == 2);
        Assert.Equal(new ConfirmResult(0, 2), again);
        Assert.Equal(2, await t.CountAsync<QuotaEntry>());
        Assert.Equal(2, await t.CountAsync<Deduction>());
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondEntryForTheSameUnitMonthAndKind()
    {
        await Tasks.ConfirmAsync(reviewer, October, (await Tasks.GetAsync(reviewer, October)).Proposed.Select(l => l.Key).ToList());
        await using var db = await t.Factory.CreateDbContextAsync();
        var first = await db.QuotaEntries.AsNoTracking().FirstAsync();
        db.QuotaEntries.Add(new QuotaEntry
        {
            UnitId = first.UnitId, Month = first.Month, Kind = first.Kind, RuleSetId = first.RuleSetId, Points = 1, ConfirmedById = "x",
            Deduction = new Deduction { UnitId = first.UnitId, Points = 1, Reason = "重复", Date = new DateOnly(2026, 10, 31), CreatedById = "x" },
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task AfterTheDataChangedTheConfirmedLineStandsAndShowsTheDifferenceAndDeletingItProposesItAgain()
    {
        var keys = (await Tasks.GetAsync(reviewer, October)).Proposed.Select(l => l.Key).ToList();
        await Tasks.ConfirmAsync(reviewer, October, keys);
        await ReportInAsync(gusuReporter, new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero), 1);

        var changed = Assert.Single((await Tasks.GetAsync(reviewer, October)).Lines, l => l.UnitName == "姑苏区总");
        Assert.Equal((ProposalStatus.ConfirmedDiffers, 4, (int?)6), (changed.Status, changed.Points, changed.ConfirmedPoints));
        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => Tasks.ConfirmAsync(reviewer, October, [new ProposalKey(gusuReporter.UnitId, QuotaEntryKind.Shortfall, 6)]));
        Assert.Equal("任务完成情况已发生变化，请刷新后重新确认", stale.Message);
        Assert.Equal(2, await t.CountAsync<QuotaEntry>());

        int deductionId;
        await using (var db = await t.Factory.CreateDbContextAsync())
            deductionId = await db.QuotaEntries.Where(e => e.UnitId == gusuReporter.UnitId).Select(e => e.DeductionId).SingleAsync();
        await t.Get<DeductionService>().DeleteAsync(reviewer, deductionId);
        var proposed = Assert.Single((await Tasks.GetAsync(reviewer, October)).Proposed, l => l.UnitName == "姑苏区总");
        Assert.Equal((QuotaEntryKind.Shortfall, 4), (proposed.Kind, proposed.Points));
    }

    [Fact]
    public async Task AReviewerOfOneDistrictNeitherSeesNorConfirmsAnotherDistrictsUnits()
    {
        var gusuReviewer = await t.CreateUserAsync("gusurev", "姑苏区总", Roles.Reviewer);

        var report = await Tasks.GetAsync(gusuReviewer, October);
        Assert.Equal(["姑苏区总"], report.Units.Select(u => u.UnitName).ToList());
        var wuzhong = await t.UnitIdAsync("吴中区总");
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => Tasks.ConfirmAsync(gusuReviewer, October, [new ProposalKey(wuzhong, QuotaEntryKind.Shortfall, 6)]));
        Assert.Equal("所选单位不存在或不在管辖范围内", ex.Message);
        Assert.Equal(0, await t.CountAsync<QuotaEntry>());
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.GetAsync(gusuReporter, October));
        await Assert.ThrowsAsync<ForbiddenException>(() => Quotas.SetGroupQuotaAsync(reviewer, districts, 2026, 11, 4));
    }

    [Fact]
    public async Task AFutureMonthIsRefusedAndTheCurrentMonthCannotBeConfirmedBeforeItEnds()
    {
        var future = await Assert.ThrowsAsync<DomainException>(() => Tasks.GetAsync(reviewer, new TaskCompletionRequest(2026, 12)));
        Assert.Equal("2026年12月尚未到来，不能查看未来月份的任务完成情况", future.Message);
        var november = new TaskCompletionRequest(2026, 11);
        var keys = (await Tasks.GetAsync(reviewer, november)).Proposed.Select(l => l.Key).ToList();
        var early = await Assert.ThrowsAsync<DomainException>(() => Tasks.ConfirmAsync(reviewer, november, keys));
        Assert.Equal("2026年11月尚未结束，月底后才能确认扣分和加分", early.Message);
        Assert.Equal(0, await t.CountAsync<QuotaEntry>());
    }

    [Fact]
    public async Task TheGroupFilterKeepsOnlyTheGroupsUnits()
    {
        var report = await Tasks.GetAsync(reviewer, October with { GroupId = districts });
        Assert.Equal(["姑苏区总", "吴中区总"], report.Units.Select(u => u.UnitName).ToList());
    }

    [Theory]
    [InlineData(-1, "月度报送任务数必须在0至100篇之间（填写的是-1）")]
    [InlineData(10000, "月度报送任务数必须在0至100篇之间（填写的是10000）")]
    [InlineData(null, "请填写月度报送任务数")]
    public async Task AQuotaOutsideZeroToAHundredIsRefusedAndNothingIsSaved(int? quota, string message)
    {
        var before = await t.CountAsync<QuotaVersion>();
        var ex = await Assert.ThrowsAsync<DomainException>(() => Quotas.SetGroupQuotaAsync(admin, districts, 2026, 11, quota));
        Assert.Equal(message, ex.Message);
        var unit = await Assert.ThrowsAsync<DomainException>(() => Quotas.SetUnitQuotaAsync(admin, gusuReporter.UnitId, 2026, 11, quota ?? -1));
        Assert.StartsWith("月度报送任务数必须在0至100篇之间", unit.Message);
        Assert.Equal(before, await t.CountAsync<QuotaVersion>());
    }

    [Fact]
    public async Task ABlankOrDuplicateGroupNameAndAStartMonthThatIsOverAreRefusedWithNothingSaved()
    {
        Assert.Equal("请填写分组名称", (await Assert.ThrowsAsync<DomainException>(() => Quotas.AddGroupAsync(admin, "  ", 2))).Message);
        Assert.Equal("分组名称“县市区总工会”已存在", (await Assert.ThrowsAsync<DomainException>(() => Quotas.AddGroupAsync(admin, " 县市区总工会 ", 2))).Message);
        var other = await Quotas.AddGroupAsync(admin, "产业工会", 2);
        Assert.Equal("分组名称“县市区总工会”已存在", (await Assert.ThrowsAsync<DomainException>(() => Quotas.UpdateGroupAsync(admin, other, "县市区总工会", 2))).Message);
        Assert.Equal("生效月份不能早于2026年10月：更早的月份已经结束，不能改写",
            (await Assert.ThrowsAsync<DomainException>(() => Quotas.SetGroupQuotaAsync(admin, districts, 2026, 9, 4))).Message);
        Assert.Equal("每缺报一篇扣分不能为负数",
            (await Assert.ThrowsAsync<DomainException>(() => Quotas.SetRuleSetAsync(admin, new QuotaRuleSetInput(2026, 11, -1, 10, 1)))).Message);
        Assert.Equal(2, await t.CountAsync<UnitGroup>());
        Assert.Equal(1, await t.CountAsync<QuotaVersion>());
        Assert.Equal(1, await t.CountAsync<QuotaRuleSet>());
        Assert.Equal("该分组下还有单位，请先把单位移出该分组", (await Assert.ThrowsAsync<DomainException>(() => Quotas.DeleteGroupAsync(admin, districts))).Message);
    }
}
