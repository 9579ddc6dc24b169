using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// 关键字 search of the 公文信息 list: ItemService.ListAsync for the city reviewer (the whole tree) with a keyword and a
/// year of 上报日期, page 1 of 20 with the count, against a hand-written <c>LIKE '%…%'</c> scan returning the same count
/// and page. Keywords are phrases of the generated texts: a rare one (a number and the words after it, from a body of
/// that year), a 3-character and a 4-character common one, and a 2-character one (the substring fallback). Then the
/// same filter without a keyword, for the unchanged list.
/// </summary>
public static partial class ItemSearchBenchmark
{
    public const double TargetMedianMs = 50;
    public const int PageSize = 20;

    public static async Task<ResultSection> RunAsync(string dbPath, int repetitions, TextWriter log)
    {
        var recorder = new SqlRecorder();
        await using var services = BenchmarkHost.Create(dbPath, new BenchmarkHost.FixedClock(GeneratorScale.EndUtc),
            s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(recorder)));
        var items = services.GetRequiredService<ItemService>();
        var caller = await RankingBenchmark.ReviewerAsync(services);
        var connectionString = BenchmarkHost.ConnectionString(dbPath);
        var year = ChinaTime.ToLocal(GeneratorScale.EndUtc).Year - 1;
        var from = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var to = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));

        var section = new ResultSection($"关键字 search (ItemService.ListAsync with a keyword) — {Path.GetFileName(dbPath)}");
        section.Facts.Add(await RankingBenchmark.DescribeAsync(BenchDatabase.Sqlite(dbPath)));
        section.Facts.Add($"Caller: shenhe (审核员, 苏州市总工会 = the whole tree). Filter: 上报日期 {year}-01-01 to {year}-12-31 and the keyword, "
            + $"sorted by 上报日期 descending, page 1 of {PageSize} with the count — exact up to {ItemSearch.CountCap:N0} matches, "
            + $"beyond it \"{ItemSearch.CountCap}+\" and the exact count measured on its own row. Index: FTS5 trigram (ItemSearch) for ≥ 3 characters, "
            + "instr() for 1–2. Baseline: one hand-written statement, count + page, `(Title LIKE $p OR Body LIKE $p)` over the year's rows.");

        var rare = await RarePhraseAsync(connectionString, from, to);
        var keywords = new (string Kind, string Keyword)[]
        {
            ("rare, a number and the words after it", rare),
            ("common, 3 characters", "娘家人"),
            ("common, 4 characters", "帮扶措施"),
            ("2 characters (substring fallback)", "帮扶"),
        };
        var filter = new ItemListQuery
        {
            ReportedFrom = new DateOnly(year, 1, 1), ReportedTo = new DateOnly(year, 12, 31), PageSize = PageSize,
        };
        foreach (var (kind, keyword) in keywords)
        {
            var query = filter with { Keyword = keyword };
            // Same count and page first, then timings.
            var expected = await LikeBaselineAsync(connectionString, keyword, from, to);
            var actual = await items.ListAsync(caller, query);
            var exact = await items.CountAsync(caller, query);
            var actualIds = string.Join(",", actual.Rows.Select(r => r.Id));
            var shownTotal = actual.TotalIsLowerBound ? $"{actual.TotalCount}+" : $"{actual.TotalCount}";
            if (expected.Total != exact || expected.Ids != actualIds
                || (actual.TotalIsLowerBound ? exact <= ItemSearch.CountCap || actual.TotalCount != ItemSearch.CountCap : actual.TotalCount != exact))
                throw new InvalidOperationException($"«{keyword}»: service {shownTotal} (exact {exact}) [{actualIds}] vs LIKE baseline {expected.Total} [{expected.Ids}]");
            log.WriteLine($"  «{keyword}»: {exact:N0} matching items (the page says {shownTotal}), same page as the baseline");

            var (svc, baseline) = await Measure.PairAsync(
                $"«{keyword}» ({kind}; {exact:N0} of the year's items match), page 1 with the count ({shownTotal})", () => items.ListAsync(caller, query),
                "LIKE '%…%' scan (count + page)", () => LikeBaselineAsync(connectionString, keyword, from, to),
                warmup: 2, repetitions);
            var indexed = keyword.EnumerateRunes().Count() >= ItemSearch.IndexedMinLength;
            section.Rows.Add(new ResultRow(svc, baseline, indexed ? $"≤ {TargetMedianMs} ms" : "informative", indexed ? svc.Median <= TargetMedianMs : null));
            if (actual.TotalIsLowerBound)
            {
                // The exact figure the list asks for after showing the page (it replaces "1000+" in the pager).
                var (count, countBaseline) = await Measure.PairAsync(
                    $"«{keyword}»: the exact count that follows (CountAsync, {exact:N0})", () => items.CountAsync(caller, query),
                    "LIKE '%…%' scan (count + page)", () => LikeBaselineAsync(connectionString, keyword, from, to),
                    warmup: 1, repetitions);
                section.Rows.Add(new ResultRow(count, countBaseline, "informative (after the page)", null));
            }
        }

        // The list without a keyword: the same year for the same caller (compare with the 公文信息 list sections).
        var plain = await Measure.SingleAsync($"no keyword, the same year filter ({(await items.ListAsync(caller, filter)).TotalCount:N0} items), page 1 with the count",
            _ => items.ListAsync(caller, filter), 2, repetitions);
        section.Rows.Add(new ResultRow(plain, null, "informative", null));
        var landing = new ItemListQuery { PageSize = PageSize };
        section.Rows.Add(new ResultRow(await Measure.SingleAsync("no keyword, no filter (the landing page), page 1 with the count",
            _ => items.ListAsync(caller, landing), 2, repetitions), null, "informative", null));

        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        foreach (var keyword in new[] { rare, "帮扶措施" })
        {
            recorder.Clear();
            await items.ListAsync(caller, filter with { Keyword = keyword });
            section.Notes.Add($"Query plans of the SQL ItemService.ListAsync sends for «{keyword}» (EXPLAIN QUERY PLAN, this database), in order:");
            section.Notes.Add("");
            foreach (var command in recorder.Commands)
                section.Notes.Add($"- `{string.Join(" / ", QueryPlan.Explain(conn, command))}`");
            section.Notes.Add("");
        }
        return section;
    }

    /// <summary>A phrase occurring in few bodies: the number and the next three characters of a result sentence of that year.</summary>
    private static async Task<string> RarePhraseAsync(string connectionString, DateTime from, DateTime to)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT Body FROM Items WHERE ReportedAt >= $from AND ReportedAt < $to ORDER BY ReportedAt LIMIT 1 OFFSET 1000";
        cmd.Parameters.AddWithValue("$from", DataGenerator.Format(from));
        cmd.Parameters.AddWithValue("$to", DataGenerator.Format(to));
        var body = (string)(await cmd.ExecuteScalarAsync())!;
        var match = NumberPhrase().Match(body);
        if (!match.Success) throw new InvalidOperationException("no number phrase in the sample body");
        return match.Value;
    }

    [GeneratedRegex(@"\d{3,4}[余万件个名场户家]{1,2}")]
    private static partial Regex NumberPhrase();

    private const string LikeSql = """
        WITH f AS (
            SELECT i.Id, i.ReportedAt FROM Items i
            WHERE i.State <> 0 AND i.ReportedAt >= $from AND i.ReportedAt < $to
              AND (i.Title LIKE $pattern ESCAPE '\' OR i.Body LIKE $pattern ESCAPE '\'))
        SELECT (SELECT COUNT(*) FROM f), p.Id
        FROM (SELECT Id, ReportedAt FROM f ORDER BY ReportedAt DESC, Id DESC LIMIT $size) p
        ORDER BY p.ReportedAt DESC, p.Id DESC
        """;

    /// <summary>The baseline: the year's rows scanned with LIKE (SQLite's LIKE ignores ASCII case only; the keywords here are Chinese and digits).</summary>
    private static async Task<(int Total, string Ids)> LikeBaselineAsync(string connectionString, string keyword, DateTime from, DateTime to)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = LikeSql;
        cmd.Parameters.AddWithValue("$from", DataGenerator.Format(from));
        cmd.Parameters.AddWithValue("$to", DataGenerator.Format(to));
        cmd.Parameters.AddWithValue("$pattern", ItemSearch.LikePattern(keyword));
        cmd.Parameters.AddWithValue("$size", PageSize);
        await using var r = await cmd.ExecuteReaderAsync();
        var total = 0;
        var ids = new List<int>();
        while (await r.ReadAsync())
        {
            total = r.GetInt32(0);
            ids.Add(r.GetInt32(1));
        }
        if (ids.Count == 0)
        {
            await r.CloseAsync();
            cmd.CommandText = "SELECT COUNT(*) FROM Items i WHERE i.State <> 0 AND i.ReportedAt >= $from AND i.ReportedAt < $to AND (i.Title LIKE $pattern ESCAPE '\\' OR i.Body LIKE $pattern ESCAPE '\\')";
            total = Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return (total, string.Join(",", ids));
    }
}
