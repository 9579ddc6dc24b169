using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class RankingServiceTests
{
    [Fact]
    public async Task AnAdoptionOnTheLastDayOfTheMonthCountsAndTheNextDayDoesNot()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("r1", "姑苏区总", Roles.Reporter);
        // 2026-10-31 23:30 and 2026-11-01 00:30 China time.
        await AddAdoptionAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 10, 31, 15, 30, 0, DateTimeKind.Utc), 5);
        await AddAdoptionAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 10, 31, 16, 30, 0, DateTimeKind.Utc), 3);

        var october = await t.Get<RankingService>().GetRankingAsync(reporter, Period.Month(2026, 10));
        var row = Assert.Single(october);
        Assert.Equal(5, row.Score.Total);
        var november = await t.Get<RankingService>().GetRankingAsync(reporter, Period.Month(2026, 11));
        Assert.Equal(3, Assert.Single(november).Score.Total);
    }

    [Fact]
    public void TiesShareARankAndFollowUnitOrderAndZeroScoresAreAbsent()
    {
        var rows = RankingService.Rank(
        [
            new UnitScore(1, "甲", 3, 1, 5, 0),
            new UnitScore(2, "乙", 1, 1, 5, 0),
            new UnitScore(3, "丙", 2, 0, 0, 0),
            new UnitScore(4, "丁", 4, 0, 0, 2),
            new UnitScore(5, "戊", 5, 2, 10, 1),
        ]);
        Assert.Equal(["戊", "乙", "甲", "丁"], rows.Select(r => r.Score.UnitName));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank));
        Assert.Equal(-2, rows[^1].Score.Total);
    }

    [Fact]
    public async Task ScoresSubtractDeductionsDatedInThePeriodAndShowNegativeTotals()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var gusu = await t.UnitIdAsync("姑苏区总");
        var wuzhong = await t.UnitIdAsync("吴中区总");
        await AddAdoptionAsync(t, gusu, reviewer.UserId, new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc), 5);
        var deductions = t.Get<DeductionService>();
        await deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "迟报", new DateOnly(2026, 3, 31)));
        await deductions.CreateAsync(reviewer, new DeductionInput(gusu, 9, "下月的扣分", new DateOnly(2026, 4, 1)));
        await deductions.CreateAsync(reviewer, new DeductionInput(wuzhong, 4, "内容不实", new DateOnly(2026, 3, 15)));

        var march = await t.Get<RankingService>().GetRankingAsync(reviewer, Period.Month(2026, 3));

        Assert.Equal(2, march.Count);
        Assert.Equal(("姑苏区总", 1, 5, 2, 3), (march[0].Score.UnitName, march[0].Score.AdoptionCount, march[0].Score.AdoptionPoints, march[0].Score.DeductionPoints, march[0].Score.Total));
        Assert.Equal(("吴中区总", 0, 0, 4, -4), (march[1].Score.UnitName, march[1].Score.AdoptionCount, march[1].Score.AdoptionPoints, march[1].Score.DeductionPoints, march[1].Score.Total));
        Assert.Equal([1, 2], march.Select(r => r.Rank));
    }

    [Fact]
    public async Task EqualTotalsAreOrderedByUnitOrderAndShareTheirRank()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var at = new DateTime(2026, 5, 10, 2, 0, 0, DateTimeKind.Utc);
        // 太仓市总 (sort order 10) before 相城区总 (3) in insertion order; 相城区总 must come first.
        await AddAdoptionAsync(t, await t.UnitIdAsync("太仓市总"), reviewer.UserId, at, 6);
        await AddAdoptionAsync(t, await t.UnitIdAsync("相城区总"), reviewer.UserId, at, 6);
        await AddAdoptionAsync(t, await t.UnitIdAsync("昆山市总"), reviewer.UserId, at, 9);

        var rows = await t.Get<RankingService>().GetRankingAsync(reviewer, Period.Year(2026));

        Assert.Equal(["昆山市总", "相城区总", "太仓市总"], rows.Select(r => r.Score.UnitName));
        Assert.Equal([1, 2, 2], rows.Select(r => r.Rank));
    }

    [Fact]
    public async Task ADeactivatedPublicationAndUnitKeepTheirHistoricPoints()
    {
        await using var t = await TestDatabase.CreateAsync();
        var admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        var unit = await t.AddUnitAsync("某街道工会", "吴江区总");
        await AddAdoptionAsync(t, unit, admin.UserId, new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc), 7);
        int publicationId;
        await using (var db = await t.Factory.CreateDbContextAsync())
            publicationId = db.Adoptions.Single().PublicationId;

        var settings = t.Get<SettingsService>();
        await settings.SetPublicationActiveAsync(admin, publicationId, false);
        await settings.SetUnitActiveAsync(admin, unit, false);

        var row = Assert.Single(await t.Get<RankingService>().GetRankingAsync(admin, Period.Year(2026)));
        Assert.Equal(("某街道工会", 7), (row.Score.UnitName, row.Score.Total));
    }

    [Fact]
    public async Task APointsChangeFromMayAffectsOnlyNewAdoptionsUntilARecalculationOfMay()
    {
        await using var t = await TestDatabase.CreateAsync();
        var admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        var gusu = await t.UnitIdAsync("姑苏区总");
        // First form (《苏州工会信息》正文, 5 points) in March and in May.
        await AddAdoptionAsync(t, gusu, admin.UserId, new DateTime(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc), 5);
        int formId;
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var first = db.Adoptions.Single();
            formId = first.AdoptionFormId;
            var adoptedAt = new DateTime(2026, 5, 10, 2, 0, 0, DateTimeKind.Utc);
            var item = new InfoItem { Title = "t2", Body = "b", Category = InfoCategory.General, UnitId = gusu, AuthorId = admin.UserId }
                .ReportedOn(adoptedAt)
                .AdoptedBy([new Adoption { UnitId = gusu, PublicationId = first.PublicationId, AdoptionFormId = formId, AdoptedAt = adoptedAt, ReviewerId = admin.UserId, Points = 5 }]);
            db.Items.Add(item);
            await db.SaveChangesAsync();
        }
        var settings = t.Get<SettingsService>();
        var ranking = t.Get<RankingService>();

        // 8 points from 1 May on: recorded adoptions keep their 5 until 重新计算.
        await settings.UpdateFormAsync(admin, formId, new FormInput("正文", 8, 1), new DateOnly(2026, 5, 1));
        Assert.Equal(10, Assert.Single(await ranking.GetRankingAsync(admin, Period.Year(2026))).Score.Total);

        t.Notifier.Published.Clear();
        var recalculation = t.Get<RecalculationService>();
        var preview = await recalculation.PreviewAsync(admin, Period.Month(2026, 5));
        var result = await recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint);

        Assert.Equal(new RecalculationResult(1, 0, 1), result);
        Assert.Equal(5, Assert.Single(await ranking.GetRankingAsync(admin, Period.Month(2026, 3))).Score.Total);
        Assert.Equal(8, Assert.Single(await ranking.GetRankingAsync(admin, Period.Month(2026, 5))).Score.Total);
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.PointsChanged);
        await using var check = await t.Factory.CreateDbContextAsync();
        var audit = check.AuditEntries.Single(a => a.Action == AuditActions.Recalculate);
        Assert.Contains("2026-05-01 至 2026-05-31", audit.Details);
    }

    internal static async Task AddAdoptionAsync(TestDatabase t, int unitId, string authorId, DateTime adoptedAt, int points)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var form = db.AdoptionForms.OrderBy(f => f.Id).Skip(db.Adoptions.Count()).First();
        var item = new InfoItem
        {
            Title = "t", Body = "b", Category = InfoCategory.General, UnitId = unitId, AuthorId = authorId,
            CreatedAt = adoptedAt, UpdatedAt = adoptedAt,
        }.ReportedOn(adoptedAt).AdoptedBy([new Adoption
        {
            UnitId = unitId, PublicationId = form.PublicationId, AdoptionFormId = form.Id,
            AdoptedAt = adoptedAt, ReviewerId = authorId, Points = points,
        }]);
        db.Items.Add(item);
        await db.SaveChangesAsync();
    }
}
