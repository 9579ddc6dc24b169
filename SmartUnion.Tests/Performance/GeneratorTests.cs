using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Benchmarks;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Performance;

/// <summary>One tiny generated database shared by the generator tests.</summary>
public sealed class TinyDatabaseFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "smartunion-tests", "gen-" + Guid.NewGuid().ToString("N"));
    public string DbPath => Path.Combine(Folder, "tiny.db");
    public GenerationReport Report { get; private set; } = null!;

    public async Task InitializeAsync() => Report = await DataGenerator.GenerateAsync(GeneratorScale.Tiny, DbPath);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    public SqliteConnection Open()
    {
        var conn = new SqliteConnection(BenchmarkHost.ConnectionString(DbPath));
        conn.Open();
        return conn;
    }

    public string ScalarText(string sql)
    {
        using var conn = Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar())!;
    }

    public long Scalar(string sql)
    {
        using var conn = Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}

public class GeneratorTests(TinyDatabaseFixture tiny) : IClassFixture<TinyDatabaseFixture>
{
    [Fact]
    public void TheTinyScaleHasExactlyTheRequestedRowCounts()
    {
        var scale = GeneratorScale.Tiny;
        Assert.Equal(scale.Units, tiny.Scalar("SELECT COUNT(*) FROM Units"));
        Assert.Equal(scale.Items, tiny.Scalar("SELECT COUNT(*) FROM Items"));
        Assert.Equal(scale.Adoptions, tiny.Scalar("SELECT COUNT(*) FROM Adoptions"));
        Assert.Equal(scale.Deductions, tiny.Scalar("SELECT COUNT(*) FROM Deductions"));
        Assert.Equal(scale.Items, tiny.Report.RowCounts["Items"]);
    }

    [Fact]
    public void ReferenceDataComesFromTheAppsOwnMigrationsAndSeeder()
    {
        Assert.True(tiny.Scalar("SELECT COUNT(*) FROM __EFMigrationsHistory") >= 1);
        Assert.Equal(ReferenceData.Publications.Length, tiny.Scalar("SELECT COUNT(*) FROM Publications"));
        Assert.Equal(Roles.All.Count, tiny.Scalar("SELECT COUNT(*) FROM AspNetRoles"));
        Assert.Equal(1, tiny.Scalar($"SELECT COUNT(*) FROM Units WHERE Name = '{ReferenceData.CityUnitName}' AND Level = 1"));
    }

    [Fact]
    public void TheUnitTreeHasThreeLevelsWithCorrectPaths()
    {
        Assert.Equal(3, tiny.Scalar("SELECT MAX(Level) FROM Units"));
        Assert.Equal(1, tiny.Scalar("SELECT COUNT(*) FROM Units WHERE ParentId IS NULL"));
        Assert.Equal(1, tiny.Scalar("SELECT COUNT(*) FROM Units WHERE ParentId IS NULL AND Path = '/' || Id || '/'"));
        Assert.Equal(0, tiny.Scalar("""
            SELECT COUNT(*) FROM Units c JOIN Units p ON p.Id = c.ParentId
            WHERE c.Path <> p.Path || c.Id || '/' OR c.Level <> p.Level + 1
            """));
    }

    [Fact]
    public void ItemStatesAgreeWithTheirAdoptions()
    {
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Items i WHERE State = 2 AND NOT EXISTS (SELECT 1 FROM Adoptions a WHERE a.InfoItemId = i.Id)"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Items i WHERE State <> 2 AND EXISTS (SELECT 1 FROM Adoptions a WHERE a.InfoItemId = i.Id)"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Items WHERE (State = 0) <> (ReportedAt IS NULL)"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Items WHERE (State = 3) <> (RejectReason IS NOT NULL AND RejectedAt IS NOT NULL)"));
        foreach (var state in Enum.GetValues<ItemState>())
            Assert.True(tiny.Scalar($"SELECT COUNT(*) FROM Items WHERE State = {(int)state}") > 0, $"no item in state {state}");
        Assert.True(tiny.Scalar("SELECT COUNT(*) FROM Items WHERE State IN (1, 2)") > GeneratorScale.Tiny.Items * 0.8);
    }

    [Fact]
    public void AdoptionsCopyTheItemsUnitAndTheFormsPointsInForceOnTheirDateAfterReporting()
    {
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Adoptions a JOIN Items i ON i.Id = a.InfoItemId WHERE a.UnitId <> i.UnitId"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Adoptions a JOIN AdoptionForms f ON f.Id = a.AdoptionFormId WHERE a.PublicationId <> f.PublicationId"));
        // Two 分值 versions per form; each adoption has the points of the version in force on its China 录用日期.
        Assert.Equal(0, tiny.Scalar("""
            SELECT COUNT(*) FROM Adoptions a
            WHERE a.Points <> 100 * (SELECT v.Points FROM AdoptionFormPointVersions v
                                     WHERE v.AdoptionFormId = a.AdoptionFormId AND v.EffectiveFrom <= date(a.AdoptedAt, '+8 hours')
                                     ORDER BY v.EffectiveFrom DESC LIMIT 1)
            """));
        Assert.True(tiny.Scalar("SELECT COUNT(*) FROM (SELECT 1 FROM Adoptions GROUP BY AdoptionFormId HAVING COUNT(DISTINCT Points) >= 2)") > 0);
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM AdoptionForms f WHERE f.Points <> (SELECT v.Points FROM AdoptionFormPointVersions v WHERE v.AdoptionFormId = f.Id ORDER BY v.EffectiveFrom DESC LIMIT 1)"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Adoptions a JOIN Items i ON i.Id = a.InfoItemId WHERE a.AdoptedAt < i.ReportedAt"));
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM (SELECT 1 FROM Adoptions GROUP BY InfoItemId, PublicationId, AdoptionFormId HAVING COUNT(*) > 1)"));
    }

    [Fact]
    public void TheBulkLoadLeavesTheDailySummaryEqualToTheAdoptionsAndItsIndexesAndTriggersInPlace()
    {
        Assert.True(tiny.Scalar("SELECT COUNT(*) FROM UnitDayScores") > 0);
        Assert.Equal(0, tiny.Scalar(RankingBaseline.SummaryMismatchSql));
        Assert.Equal(3, tiny.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Adoptions'"));
        Assert.Equal(2, tiny.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ScoreShares'"));
        Assert.Equal(1, tiny.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'IX_Adoptions_AdoptedAt_UnitId_Points_InfoItemId'"));
        // 合报: some generated items are joint items, their shares are in the summaries.
        Assert.True(tiny.Scalar("SELECT COUNT(DISTINCT InfoItemId) FROM ItemShares") > 0);
        Assert.Equal(tiny.Scalar("SELECT SUM(Points) FROM Adoptions"), tiny.Scalar("SELECT SUM(AdoptionPoints) FROM UnitDayScores"));
        // 14 since IX_Items_CommissionId (约稿, issue 16).
        Assert.Equal(14, tiny.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX_%' AND tbl_name IN ('Items', 'Adoptions', 'Deductions')"));
        Assert.Equal("wal", tiny.ScalarText("PRAGMA journal_mode"));
    }

    [Fact]
    public void OnlyPeriodicalAdoptionsHaveAYearAndAnIssue()
    {
        Assert.Equal(0, tiny.Scalar("""
            SELECT COUNT(*) FROM Adoptions a JOIN Publications p ON p.Id = a.PublicationId
            WHERE (p.Kind = 1) <> (a.Year IS NOT NULL AND a.Issue BETWEEN 1 AND p.IssuesPerYear)
               OR (p.Kind <> 1 AND (a.Year IS NOT NULL OR a.Issue IS NOT NULL))
            """));
        Assert.True(tiny.Scalar("SELECT COUNT(*) FROM Adoptions a JOIN Publications p ON p.Id = a.PublicationId WHERE p.Kind = 1") > 0);
    }

    [Fact]
    public void ItemsCarryChineseTitlesAndBodiesOfAFewHundredCharacters()
    {
        Assert.Equal(0, tiny.Scalar($"SELECT COUNT(*) FROM Items WHERE length(Title) NOT BETWEEN 8 AND {InfoItem.TitleMaxLength}"));
        Assert.InRange(tiny.Scalar("SELECT AVG(length(Body)) FROM Items"), 150, 600);
        Assert.Equal(0, tiny.Scalar("SELECT COUNT(*) FROM Items WHERE Title NOT GLOB '*工会*' AND Title NOT GLOB '*总*'"));
    }

    [Fact]
    public void AFewUnitsProduceMostItems()
    {
        var topThree = tiny.Scalar("SELECT SUM(n) FROM (SELECT COUNT(*) AS n FROM Items GROUP BY UnitId ORDER BY n DESC LIMIT 3)");
        Assert.True(topThree > GeneratorScale.Tiny.Items / 2, $"top three units produced {topThree}");
    }

    [Fact]
    public void EveryUnitHasAReporterAndTheCityHasAReviewerWhoCanSignIn()
    {
        Assert.Equal(0, tiny.Scalar("""
            SELECT COUNT(*) FROM Units u WHERE NOT EXISTS (
              SELECT 1 FROM AspNetUsers x JOIN AspNetUserRoles ur ON ur.UserId = x.Id JOIN AspNetRoles r ON r.Id = ur.RoleId
              WHERE x.UnitId = u.Id AND r.Name = '报送员')
            """));
        using var conn = tiny.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT PasswordHash FROM AspNetUsers WHERE UserName = 'shenhe'";
        var hash = (string)cmd.ExecuteScalar()!;
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), hash, GeneratorScale.Password));
    }

    [Fact]
    public async Task EfCoreReadsTheBulkLoadedDatesAndFiltersThemLikeTheRawSql()
    {
        await using var services = BenchmarkHost.Create(tiny.DbPath);
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var period = Period.Year(2025);
        var efCount = await db.Adoptions.CountAsync(a => a.AdoptedAt >= period.FromUtc && a.AdoptedAt < period.ToUtcExclusive);
        var rawCount = tiny.Scalar($"SELECT COUNT(*) FROM Adoptions WHERE AdoptedAt >= '{DataGenerator.Format(period.FromUtc)}' AND AdoptedAt < '{DataGenerator.Format(period.ToUtcExclusive)}'");
        Assert.True(efCount > 0);
        Assert.Equal(rawCount, efCount);
        var item = await db.Items.AsNoTracking().Include(i => i.Adoptions).FirstAsync(i => i.State == ItemState.Adopted);
        Assert.Equal(DateTimeKind.Utc, item.ReportedAt!.Value.Kind);
        Assert.All(item.Adoptions, a => Assert.True(a.AdoptedAt >= item.ReportedAt));
        Assert.True(await db.Deductions.AnyAsync(d => d.Date >= period.From && d.Date <= period.To));
    }

    [Fact]
    public async Task TheRankingServiceAndTheBaselineSqlAgreeOnTheGeneratedData()
    {
        await using var services = BenchmarkHost.Create(tiny.DbPath);
        var caller = await RankingBenchmark.ReviewerAsync(services);
        foreach (var period in new[] { Period.Year(2025), Period.Month(2025, 11), Period.Year(2026) })
        {
            var expected = await RankingBaseline.RunAsync(BenchmarkHost.ConnectionString(tiny.DbPath), period);
            var actual = RankingBaseline.FromService(await services.GetRequiredService<RankingService>().GetRankingAsync(caller, period));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }
}
