using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// (a) 公文信息 list: ItemService.ListAsync for the city reviewer (root unit) filtered by a unit subtree, a
/// category and a year of 上报日期, sorted by 上报日期 descending, page 1 and page 500 of 20, with the
/// per-publication adoption columns — against one hand-written SQL statement returning the same page.
/// </summary>
public static class ItemListBenchmark
{
    public const double TargetMedianMs = 30, TargetRatio = 2;
    public const int PageSize = 20, FarPage = 500;

    public static Task<ResultSection> RunAsync(string dbPath, int repetitions, TextWriter log) =>
        RunAsync(BenchDatabase.Sqlite(dbPath), repetitions, log);

    public static async Task<ResultSection> RunAsync(BenchDatabase database, int repetitions, TextWriter log)
    {
        var recorder = new SqlRecorder();
        await using var services = BenchmarkHost.Create(database, new BenchmarkHost.FixedClock(GeneratorScale.EndUtc),
            s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(recorder)));
        var items = services.GetRequiredService<ItemService>();
        var caller = await RankingBenchmark.ReviewerAsync(services);
        var connectionString = database.ConnectionString;
        var pg = database.IsPostgreSql;
        var provinceScale = await database.ItemCountAsync() >= GeneratorScale.Province.Items;
        Func<string, ItemListQuery, Task<ItemListPage>> baselineRun = pg
            ? (path, q) => ItemListBaseline.RunPostgreSqlAsync(connectionString, path, q)
            : (path, q) => ItemListBaseline.RunAsync(connectionString, path, q);

        var section = new ResultSection($"公文信息 list (ItemService.ListAsync) — {database.Name}");
        section.Facts.Add(await RankingBenchmark.DescribeAsync(database));
        if (!provinceScale) section.Facts.Add("Targets apply at province scale; \"met\" is left blank here.");

        // The busiest second-level unit's subtree (the worst case for a deep page), 一般信息, the last full year.
        var (unitId, unitName, unitPath) = await BusiestSubtreeAsync(database);
        var year = ChinaTime.ToLocal(GeneratorScale.EndUtc).Year - 1;
        var filter = new ItemListQuery
        {
            UnitId = unitId,
            Category = InfoCategory.General,
            ReportedFrom = new DateOnly(year, 1, 1),
            ReportedTo = new DateOnly(year, 12, 31),
            SortBy = ItemSortField.ReportedAt,
            Descending = true,
            PageSize = PageSize,
        };
        var total = (await items.ListAsync(caller, filter)).TotalCount;
        var lastPage = Math.Max(0, (total - 1) / PageSize);
        section.Facts.Add($"Caller: shenhe (审核员, 苏州市总工会 = the whole tree). Filter: 报送工会 {unitName} and its subtree, 信息分类 一般信息, "
            + $"上报日期 {year}-01-01 to {year}-12-31, sorted by 上报日期 descending, {PageSize} a page: {total:N0} matching items");

        var pages = new List<int> { 0, Math.Min(FarPage - 1, lastPage) };
        foreach (var pageIndex in pages)
        {
            var query = filter with { Page = pageIndex };
            var label = pageIndex == FarPage - 1 ? $"page {FarPage}" : pageIndex == 0 ? "page 1" : $"page {pageIndex + 1} (the last; {FarPage} does not exist here)";

            // Same page first, then timings.
            var expected = ItemListBaseline.Describe(await baselineRun(unitPath, query));
            var actual = ItemListBaseline.Describe(await items.ListAsync(caller, query));
            if (expected != actual)
                throw new InvalidOperationException($"{label}: ItemService.ListAsync and the baseline SQL disagree\n--- baseline\n{expected}\n--- service\n{actual}");
            log.WriteLine($"  {label}: same {actual.Split('\n').Length - 1} rows as the baseline");

            var (svc, baseline) = await Measure.PairAsync(
                $"ItemService.ListAsync, {label} (count + page)", () => items.ListAsync(caller, query),
                "one SQL statement (count + page + adoptions)", () => baselineRun(unitPath, query),
                warmup: 3, repetitions);
            var met = svc.Median <= TargetMedianMs && svc.Median / baseline.Median <= TargetRatio;
            section.Rows.Add(new ResultRow(svc, baseline, $"≤ {TargetMedianMs} ms, ≤ {TargetRatio}×", provinceScale ? met : null));

            // Turning pages under an unchanged filter: the component passes the count it already has.
            var turn = query with { KnownTotal = total };
            var (svc2, baseline2) = await Measure.PairAsync(
                $"ItemService.ListAsync, {label}, page turn (count known)", () => items.ListAsync(caller, turn),
                "the same statement", () => baselineRun(unitPath, query),
                warmup: 1, repetitions);
            section.Rows.Add(new ResultRow(svc2, baseline2, "informative", null));
        }

        // The page a reviewer lands on: no filter at all, the whole tree (informative: no baseline, no target).
        var landing = new ItemListQuery { PageSize = PageSize };
        var landingTotal = (await items.ListAsync(caller, landing)).TotalCount;
        section.Rows.Add(new ResultRow(await Measure.SingleAsync($"ItemService.ListAsync, no filter (the landing page), page 1 of {landingTotal:N0} items",
            _ => items.ListAsync(caller, landing), 2, repetitions), null, "informative", null));
        section.Rows.Add(new ResultRow(await Measure.SingleAsync("the same, page turn (count known)",
            _ => items.ListAsync(caller, landing with { Page = 1, KnownTotal = landingTotal }), 2, repetitions), null, "informative", null));

        recorder.Clear();
        await items.ListAsync(caller, filter with { Page = pages[^1] });
        await using var conn = database.Connect();
        await conn.OpenAsync();
        section.Notes.Add($"Query plans of the SQL ItemService.ListAsync sends for {(pages[^1] == FarPage - 1 ? $"page {FarPage}" : "the last page")} ({(pg ? "EXPLAIN ANALYZE" : "EXPLAIN QUERY PLAN")}, this database):");
        section.Notes.Add("");
        foreach (var command in recorder.Commands)
        {
            var what = command.Sql.Contains("\"Adoptions\"") ? (command.Sql.Contains("COUNT(*)") ? "page ids → rows + adoptions, count as a scalar subquery" : "page ids → rows + adoptions")
                : command.Sql.Contains("COUNT(*)") ? "count" : "报送工会 check";
            section.Notes.Add($"- {what}: `{string.Join(" / ", QueryPlan.Explain(conn, command))}`");
        }
        section.Notes.Add($"- baseline: `{string.Join(" / ", QueryPlan.Explain(conn, pg
            ? new RecordedCommand(ItemListBaseline.PostgreSqlSql, [("path", unitPath), ("category", 1), ("from", ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1))),
                ("to", ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1))), ("size", PageSize), ("offset", (pages[^1]) * PageSize)])
            : new RecordedCommand(ItemListBaseline.Sql,
                [("$path", unitPath), ("$category", 1), ("$from", "2025-01-01"), ("$to", "2026-01-01"), ("$size", PageSize), ("$offset", 0)])))}`");
        return section;
    }

    /// <summary>The second-level unit whose subtree reported the most items.</summary>
    internal static async Task<(int Id, string Name, string Path)> BusiestSubtreeAsync(BenchDatabase database)
    {
        await using var conn = database.Connect();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        // Quoted identifiers and substr/length: the same statement on SQLite and PostgreSQL (p."Id" is the key, so
        // PostgreSQL accepts ShortName and Path without grouping by them).
        cmd.CommandText = """
            WITH perUnit AS (SELECT "UnitId", COUNT(*) AS n FROM "Items" GROUP BY "UnitId")
            SELECT p."Id", p."ShortName", p."Path", SUM(c.n) AS n
            FROM "Units" p JOIN "Units" u ON substr(u."Path", 1, length(p."Path")) = p."Path" JOIN perUnit c ON c."UnitId" = u."Id"
            WHERE p."Level" = 2
            GROUP BY p."Id" ORDER BY n DESC, p."Id" LIMIT 1
            """;
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) throw new InvalidOperationException("no second-level unit with items");
        return (r.GetInt32(0), r.GetString(1), r.GetString(2));
    }
}
