using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Benchmarks.Suites;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Performance;

/// <summary>
/// The SQL the services really send (captured by an interceptor) must use the intended indexes, so that a
/// refactor of a query or a migration cannot silently turn an index search into a table scan.
/// </summary>
public class QueryPlanTests
{
    [Fact]
    public async Task TheRankingSumsAdoptionPointsFromTheCoveringIndexesOfTheMonthAndDaySummaries()
    {
        var plans = await RankingPlansAsync();

        Assert.DoesNotContain(plans, p => p.Sql.Contains("\"Adoptions\""));
        var summary = Assert.Single(plans, p => p.Sql.Contains("\"UnitMonthScores\""));
        Assert.Contains(summary.Plan, line => line.Contains("USING COVERING INDEX IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints (Month>? AND Month<?)"));
        Assert.Equal(2, summary.Plan.Count(line => line.Contains("USING COVERING INDEX IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints (Day>? AND Day<?)")));
        Assert.Empty(TableScans(summary.Plan));
    }

    [Fact]
    public async Task TheRankingSumsDeductionsFromTheCoveringDateIndex()
    {
        var plans = await RankingPlansAsync();

        var deductions = Assert.Single(plans, p => p.Sql.Contains("\"Deductions\""));
        Assert.Contains(deductions.Plan, line => line.Contains("USING COVERING INDEX IX_Deductions_Date_UnitId_Kind_Points (Date>? AND Date<?)"));
        Assert.Empty(TableScans(deductions.Plan));
    }

    [Fact]
    public async Task TheRankingReadsNoTableByAFullScan()
    {
        var plans = await RankingPlansAsync();

        Assert.NotEmpty(plans);
        Assert.All(plans, p => Assert.Empty(TableScans(p.Plan)));
    }

    [Fact]
    public async Task TheBaselineSqlUsesTheSameIndexesSoTheComparisonIsFair()
    {
        await using var t = await TestDatabase.CreateAsync();
        await using var conn = await OpenAsync(t);
        var plan = QueryPlan.Explain(conn, new RecordedCommand(RankingBaseline.Sql,
            [("$from", "2025-01-01"), ("$to", "2026-01-01"), ("$dfrom", "2025-01-01"), ("$dto", "2025-12-31")]));

        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_Adoptions_AdoptedAt_UnitId_Points_InfoItemId (AdoptedAt>? AND AdoptedAt<?)"));
        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_Deductions_Date_UnitId_Kind_Points"));
    }

    [Fact]
    public async Task TheSummaryTriggersUpsertThroughThePrimaryKey()
    {
        await using var t = await TestDatabase.CreateAsync();
        await using var conn = await OpenAsync(t);
        var plan = QueryPlan.Explain(conn, new RecordedCommand(
            "UPDATE UnitDayScores SET AdoptionCount = AdoptionCount - 1 WHERE UnitId = $u AND Day = $d", [("$u", 1), ("$d", "2026-01-01")]));

        Assert.Contains(plan, line => line.Contains("SEARCH UnitDayScores USING INDEX sqlite_autoindex_UnitDayScores_1 (UnitId=? AND Day=?)"));
    }

    [Fact]
    public async Task APlanWithoutTheIndexIsReportedAsAScan()
    {
        // The assertions above can fail: with the covering index gone the same statement becomes a SCAN.
        var recorder = new SqlRecorder();
        await using var t = await TestDatabase.CreateAsync(configure: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(recorder)));
        var reviewer = await t.CreateUserAsync("plan-reviewer", "苏州市总工会", Roles.Reviewer);
        await using var conn = await OpenAsync(t);
        await using (var drop = conn.CreateCommand())
        {
            drop.CommandText = "DROP INDEX IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints;";
            await drop.ExecuteNonQueryAsync();
        }
        recorder.Clear();
        await t.Get<RankingService>().GetRankingAsync(reviewer, Period.Year(2026));

        var summary = recorder.Commands.Single(c => c.Sql.Contains("\"UnitMonthScores\""));
        Assert.NotEmpty(TableScans(QueryPlan.Explain(conn, summary)));
    }

    [Fact]
    public async Task AFilteredListPageTakesItsIdsInReportedOrderFromTheCoveringCategoryIndex()
    {
        var (_, plan) = await ListPlanAsync(FilteredQuery);

        // The page's ids: one category's 上报日期 range read backwards in order, unit and state tested in the index, no sort of the matches.
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX IX_Items_Category_ReportedAt_UnitId_State (Category=? AND ReportedAt>? AND ReportedAt<?)"));
        // The only full sort is the outer one, of the page's 20 rows (ties of 上报日期 are ordered by id in small blocks).
        Assert.Single(plan, line => line == "USE TEMP B-TREE FOR ORDER BY");
        // Then 20 rows and their adoptions by key.
        Assert.Contains(plan, line => line.Contains("USING INTEGER PRIMARY KEY (rowid=?)") && line.StartsWith("SEARCH i ", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("SEARCH a USING INDEX IX_Adoptions_InfoItemId_PublicationId_AdoptionFormId (InfoItemId=?)"));
        Assert.Empty(ItemScans(plan));
    }

    [Fact]
    public async Task AFilteredListCountsPerUnitOfTheSubtreeFromTheCoveringUnitIndex()
    {
        var (sql, plan) = await ListPlanAsync(FilteredQuery);

        Assert.Contains("COUNT(*)", sql);
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX IX_Items_UnitId_Category_ReportedAt_State (UnitId=? AND Category=? AND ReportedAt>? AND ReportedAt<?)"));
    }

    [Fact]
    public async Task TheUnfilteredListOfTheWholeTreeReadsTheReportedAtIndexInOrderInsteadOfSortingEveryItem()
    {
        var (_, plan) = await ListPlanAsync(new ItemListQuery { Page = 1, PageSize = 2, KnownTotal = 100 });

        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX IX_Items_ReportedAt_UnitId_State"));
        Assert.DoesNotContain(plan, line => line.Contains("(UnitId=?)"));
    }

    [Fact]
    public async Task TheListBaselineUsesTheSameIndexesSoTheComparisonIsFair()
    {
        await using var t = await TestDatabase.CreateAsync();
        await using var conn = await OpenAsync(t);
        var plan = QueryPlan.Explain(conn, new RecordedCommand(ItemListBaseline.Sql,
            [("$path", "/1/2/"), ("$category", 1), ("$from", "2025-01-01"), ("$to", "2026-01-01"), ("$size", 20), ("$offset", 0)]));

        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_Items_Category_ReportedAt_UnitId_State (Category=? AND ReportedAt>? AND ReportedAt<?)"));
        Assert.Contains(plan, line => line.Contains("COVERING INDEX IX_Items_UnitId_Category_ReportedAt_State (UnitId=? AND Category=? AND ReportedAt>? AND ReportedAt<?)"));
    }

    [Fact]
    public async Task AListPlanWithoutTheCategoryIndexIsNoLongerCovering()
    {
        // The assertions above can fail: without the composite index the page's ids come from a non-covering or a sorted plan.
        var (_, plan) = await ListPlanAsync(FilteredQuery, "DROP INDEX IX_Items_Category_ReportedAt_UnitId_State;");

        Assert.DoesNotContain(plan, line => line.Contains("IX_Items_Category_ReportedAt_UnitId_State"));
        Assert.Equal(2, plan.Count(line => line == "USE TEMP B-TREE FOR ORDER BY")); // every match sorted, then the page
    }

    private static ItemListQuery FilteredQuery => new()
    {
        Category = InfoCategory.General,
        ReportedFrom = new DateOnly(2026, 1, 1),
        ReportedTo = new DateOnly(2026, 12, 31),
        Page = 1,
        PageSize = 2,
    };

    /// <summary>The single statement of a list page (the one that reads Adoptions), as a city reviewer filtering by 姑苏区总's subtree.</summary>
    private static async Task<(string Sql, List<string> Plan)> ListPlanAsync(ItemListQuery query, string? alter = null)
    {
        var recorder = new SqlRecorder();
        await using var t = await TestDatabase.CreateAsync(configure: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(recorder)));
        var reviewer = await t.CreateUserAsync("plan-reviewer", "苏州市总工会", Roles.Reviewer);
        var reporter = await t.CreateUserAsync("plan-reporter", "姑苏区总", Roles.Reporter);
        await t.AddUnitAsync("平江街道总", "姑苏区总");
        var items = t.Get<ItemService>();
        for (var n = 0; n < 6; n++)
        {
            var id = await items.CreateAsync(reporter, new ItemInput { Title = $"公文{n}", Body = "正文", Category = InfoCategory.General });
            await items.ReportAsync(reporter, [id.Id]);
        }
        await using var conn = await OpenAsync(t);
        if (alter is not null)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = alter;
            await cmd.ExecuteNonQueryAsync();
        }

        recorder.Clear();
        var page = await items.ListAsync(reviewer, query.UnitId is null && query.Category is not null ? query with { UnitId = reporter.UnitId } : query);
        Assert.NotEmpty(page.Rows); // the statement below is the one that produced them
        var statement = recorder.Commands.Single(c => c.Sql.Contains("\"Adoptions\""));
        return (statement.Sql, QueryPlan.Explain(conn, statement).ToList());
    }

    /// <summary>Full scans of the Items table ("SCAN i …"): a list page must never read every item.</summary>
    private static List<string> ItemScans(IReadOnlyList<string> plan) =>
        plan.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^SCAN i\d* ")).ToList();

    private static async Task<List<(string Sql, IReadOnlyList<string> Plan)>> RankingPlansAsync()
    {
        var recorder = new SqlRecorder();
        await using var t = await TestDatabase.CreateAsync(configure: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(recorder)));
        var reviewer = await t.CreateUserAsync("plan-reviewer", "苏州市总工会", Roles.Reviewer);
        var reporter = await t.CreateUserAsync("plan-reporter", "姑苏区总", Roles.Reporter);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var form = await db.AdoptionForms.OrderBy(f => f.Id).FirstAsync();
            var at = new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);
            db.Items.Add(new InfoItem
            {
                Title = "标题", Body = "正文", Category = InfoCategory.General, UnitId = reporter.UnitId, AuthorId = reporter.UserId,
                CreatedAt = at, UpdatedAt = at,
            }.ReportedOn(at).AdoptedBy([new Adoption { UnitId = reporter.UnitId, PublicationId = form.PublicationId, AdoptionFormId = form.Id, AdoptedAt = at, ReviewerId = reviewer.UserId, Points = 5 }]));
            db.Deductions.Add(new Deduction { UnitId = reporter.UnitId, Points = 1, Reason = "迟报", Date = new DateOnly(2026, 3, 2), CreatedById = reviewer.UserId });
            await db.SaveChangesAsync();
        }

        recorder.Clear();
        var ranking = await t.Get<RankingService>().GetRankingAsync(reviewer, Period.Year(2026));
        Assert.Equal(4, Assert.Single(ranking).Score.Total); // the statements below are the ones that computed it

        await using var conn = await OpenAsync(t);
        return recorder.Commands.Select(c => (c.Sql, QueryPlan.Explain(conn, c))).ToList();
    }

    /// <summary>"SCAN x" lines for tables; scans of a subquery's rows (a CO-ROUTINE or MATERIALIZE x) are not table scans.</summary>
    private static List<string> TableScans(IReadOnlyList<string> plan)
    {
        var subqueries = plan.Where(l => l.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || l.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToHashSet();
        return plan.Where(l => l.StartsWith("SCAN ", StringComparison.Ordinal) && !subqueries.Contains(l.Split(' ')[1])).ToList();
    }

    private static async Task<SqliteConnection> OpenAsync(TestDatabase t)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var conn = new SqliteConnection(db.Database.GetConnectionString());
        await conn.OpenAsync();
        return conn;
    }
}
