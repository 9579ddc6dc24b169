using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Performance;

/// <summary>
/// The daily summary the ranking reads is maintained by triggers on Adoptions; it must stay equal to the
/// full aggregate whatever happens to adoptions.
/// </summary>
public class UnitDayScoreTests
{
    [Fact]
    public async Task AnAdoptionLateInTheUtcDayCountsOnTheNextChinaDay()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (reporter, _) = await UsersAsync(t);
        // 2026-10-31 16:30 UTC is 2026-11-01 00:30 in China.
        await AddItemAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 10, 31, 16, 30, 0, DateTimeKind.Utc), 1);

        await using var db = await t.Factory.CreateDbContextAsync();
        var day = Assert.Single(await db.UnitDayScores.ToListAsync());
        Assert.Equal(new DateOnly(2026, 11, 1), day.Day);
        Assert.Equal(reporter.UnitId, day.UnitId);
        Assert.Equal(1, day.AdoptionCount);
    }

    [Fact]
    public async Task TheSummaryFollowsInsertsDeletesAndPointChanges()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (reporter, other) = await UsersAsync(t);
        var day = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);
        await AddItemAsync(t, reporter.UnitId, reporter.UserId, day, 3);
        await AddItemAsync(t, reporter.UnitId, reporter.UserId, day.AddHours(1), 2);
        await AddItemAsync(t, other.UnitId, other.UserId, day.AddDays(1), 1);
        Assert.Equal(0, await MismatchesAsync(t));

        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var adoptions = await db.Adoptions.OrderBy(a => a.Id).ToListAsync();
            adoptions[0].Points += 7;                       // an admin's points recalculation
            adoptions[1].AdoptedAt = day.AddDays(10);       // a corrected 录用日期
            db.Adoptions.Remove(adoptions[^1]);             // a removed adoption
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await MismatchesAsync(t));
        await using var check = await t.Factory.CreateDbContextAsync();
        Assert.Equal(await check.Adoptions.Where(a => a.UnitId == reporter.UnitId).SumAsync(a => a.PointsHundredths),
            await check.UnitDayScores.Where(s => s.UnitId == reporter.UnitId).SumAsync(s => s.AdoptionPoints));
        Assert.True(await check.UnitDayScores.AnyAsync(s => s.UnitId == reporter.UnitId && s.Day == new DateOnly(2026, 3, 12)), "the moved adoption counts on its new day");
        Assert.False(await check.UnitDayScores.AnyAsync(s => s.UnitId == other.UnitId), "a day whose last adoption was removed disappears");
    }

    [Fact]
    public async Task MovingAnAdoptionToAnotherUnitMovesItsPoints()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (reporter, other) = await UsersAsync(t);
        await AddItemAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 5, 5, 2, 0, 0, DateTimeKind.Utc), 1);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            await db.Adoptions.ExecuteUpdateAsync(s => s.SetProperty(a => a.UnitId, other.UnitId));
        }

        Assert.Equal(0, await MismatchesAsync(t));
        var ranking = await t.Get<RankingService>().GetRankingAsync(reporter, Period.Year(2026));
        Assert.Equal(other.UnitId, Assert.Single(ranking).Score.UnitId);
    }

    [Fact]
    public async Task TheRankingFromTheSummaryEqualsTheFullAggregateForEveryPeriodAfterARecalculation()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (reporter, other) = await UsersAsync(t);
        var start = new DateTime(2025, 12, 31, 15, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 12; i++)
            await AddItemAsync(t, i % 3 == 0 ? other.UnitId : reporter.UnitId, reporter.UserId, start.AddHours(i * 37), 1 + i % 4);
        // 重新计算: the first form gets 3 more points from 5 January 2026 on, applied to the whole period.
        var admin = await t.CreateUserAsync("sum-admin", "苏州市总工会", Roles.Admin);
        var form = (await t.Get<SettingsService>().GetPublicationsAsync(admin)).SelectMany(p => p.Forms).MinBy(f => f.Id)!;
        await t.Get<SettingsService>().UpdateFormAsync(admin, form.Id, new FormInput(form.Name, form.Points + 3, form.SortOrder), new DateOnly(2026, 1, 5));
        var recalculation = t.Get<RecalculationService>();
        var preview = await recalculation.PreviewAsync(admin, new Period(new DateOnly(2025, 12, 1), new DateOnly(2026, 12, 31)));
        Assert.True(preview.AdoptionCount > 0);
        await recalculation.ExecuteAsync(admin, preview.Period, preview.Fingerprint);
        Assert.Equal(0, await MismatchesAsync(t));

        await using var db = await t.Factory.CreateDbContextAsync();
        var connectionString = db.Database.GetConnectionString()!;
        foreach (var period in new[] { Period.Year(2025), Period.Year(2026), Period.Month(2026, 1), new Period(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 9)),
                     new Period(new DateOnly(2025, 12, 15), new DateOnly(2026, 2, 10)), new Period(new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1)) })
        {
            var expected = t.IsPostgreSql
                ? await RankingBaseline.RunPostgreSqlAsync(connectionString, period)
                : await RankingBaseline.RunAsync(connectionString, period);
            var actual = RankingBaseline.FromService(await t.Get<RankingService>().GetRankingAsync(reporter, period));
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", "2026-01-01", "2027-01-01")]
    [InlineData("2026-02-01", "2026-02-28", "2026-02-01", "2026-03-01")]
    [InlineData("2026-01-15", "2026-03-10", "2026-02-01", "2026-03-01")]
    [InlineData("2026-01-02", "2026-01-09", "2026-01-10", "2026-01-10")]
    [InlineData("2025-12-20", "2026-01-20", "2026-01-21", "2026-01-21")]
    public void WholeMonthsAreTheMonthsLyingEntirelyInsideThePeriod(string from, string to, string fullFrom, string fullToExclusive)
    {
        var (f, t) = RankingService.WholeMonths(new Period(DateOnly.Parse(from), DateOnly.Parse(to)));
        Assert.Equal((DateOnly.Parse(fullFrom), DateOnly.Parse(fullToExclusive)), (f, t));
    }

    private static async Task<(Caller Reporter, Caller Other)> UsersAsync(TestDatabase t) =>
        (await t.CreateUserAsync("sum-r1", "姑苏区总", Roles.Reporter), await t.CreateUserAsync("sum-r2", "昆山市总", Roles.Reporter));

    /// <summary>An adopted item with <paramref name="forms"/> adoptions (distinct forms) at the given time.</summary>
    private static async Task AddItemAsync(TestDatabase t, int unitId, string userId, DateTime at, int forms)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var chosen = await db.AdoptionForms.OrderBy(f => f.Id).Take(forms).ToListAsync();
        db.Items.Add(new InfoItem
        {
            Title = "标题", Body = "正文", Category = InfoCategory.General, UnitId = unitId, AuthorId = userId,
            CreatedAt = at, UpdatedAt = at,
        }.ReportedOn(at).AdoptedBy(chosen.Select(f => new Adoption
        {
            UnitId = unitId, PublicationId = f.PublicationId, AdoptionFormId = f.Id, AdoptedAt = at, ReviewerId = userId, Points = f.Points,
        })));
        await db.SaveChangesAsync();
    }

    private static async Task<long> MismatchesAsync(TestDatabase t)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        await using System.Data.Common.DbConnection conn = t.IsPostgreSql
            ? new Npgsql.NpgsqlConnection(db.Database.GetConnectionString())
            : new SqliteConnection(db.Database.GetConnectionString());
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = t.IsPostgreSql ? RankingBaseline.PostgreSqlSummaryMismatchSql : RankingBaseline.SummaryMismatchSql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
