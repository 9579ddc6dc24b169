using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// (e) 月度通报: the whole .docx of the last complete month as the city reviewer builds it (MonthlyBulletinService: three
/// 月度报表 summaries, 任务完成情况 with its groups, the 约稿, then the OpenXML document), against one 月度报表 summary
/// of the same month (the largest single query it makes) in the same run. Target: ≤ 3 s at province scale.
/// </summary>
public static class BulletinBenchmark
{
    public const double TargetMedianMs = 3000;

    public static async Task<ResultSection> RunAsync(BenchDatabase database, int repetitions, TextWriter log)
    {
        await using var services = BenchmarkHost.Create(database, new BenchmarkHost.FixedClock(GeneratorScale.EndUtc));
        var bulletin = services.GetRequiredService<MonthlyBulletinService>();
        var reports = services.GetRequiredService<MonthlyReportService>();
        var caller = await RankingBenchmark.ReviewerAsync(services);
        var today = ChinaTime.ToLocal(GeneratorScale.EndUtc);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var request = new BulletinRequest(month.Year, month.Month);
        var edits = new BulletinEdits(null, "围绕中心工作多报一线信息");

        var section = new ResultSection($"月度通报 (.docx) — {database.Name}");
        section.Facts.Add(await RankingBenchmark.DescribeAsync(database));
        var provinceScale = await database.ItemCountAsync() >= GeneratorScale.Province.Items;
        if (!provinceScale) section.Facts.Add("Target applies at province scale; \"met\" is left blank here.");
        var data = await bulletin.GetAsync(caller, request);
        long bytes;
        using (var probe = new MemoryStream())
        {
            await bulletin.WriteAsync(caller, request, edits, probe);
            bytes = probe.Length;
        }
        section.Facts.Add($"{request.MonthText} as {caller.UserName} ({data.ScopeText}): {data.ThisMonth.Reported:N0} items reported, "
            + $"{data.ThisMonth.Adopted:N0} adoptions, {data.Groups.Count} 单位分组 with {data.Groups.Sum(g => g.Rows.Count)} units ranked, "
            + $"{data.ZeroReportCount} 零报送, {data.Commissions.Count} 约稿; the document is {bytes / 1024.0:N0} KiB");
        log.WriteLine($"  {section.Facts[^1]}");

        // Where the time goes: each service the 通报 reads, once (warm).
        var tasks = services.GetRequiredService<TaskCompletionService>();
        var commissions = services.GetRequiredService<CommissionService>();
        var parts = new (string Name, Func<Task> Run)[]
        {
            ("月度报表 summary, this month", () => reports.GetSummaryAsync(caller, new MonthlyReportRequest(month.Year, month.Month, false))),
            ("月度报表 summary, last month", () => reports.GetSummaryAsync(caller, new MonthlyReportRequest(request.Previous.Year, request.Previous.Month, false))),
            ("月度报表 summary, same month last year", () => reports.GetSummaryAsync(caller, new MonthlyReportRequest(month.Year - 1, month.Month, false))),
            ("任务完成情况 (without its summary)", async () => await tasks.GetAsync(caller, new TaskCompletionRequest(month.Year, month.Month),
                await reports.GetSummaryAsync(caller, new MonthlyReportRequest(month.Year, month.Month, false)))),
            ("单位分组", () => tasks.GroupsAsync(caller)),
            ("约稿", () => commissions.ListAsync(caller)),
            ("the document (OpenXML)", () => { BulletinDocument.Write(BulletinText.Compose(data, edits.Validated()), Stream.Null); return Task.CompletedTask; }),
        };
        foreach (var (name, run) in parts)
        {
            await run();
            section.Notes.Add($"- {name}: {await Measure.TimeAsync(run):N1} ms");
        }
        log.WriteLine(string.Join("\n", section.Notes));

        var reps = Math.Min(repetitions, 10);
        var (candidate, baseline) = await Measure.PairAsync(
            $"MonthlyBulletinService.WriteAsync, {request.MonthText}", async () =>
            {
                using var output = new MemoryStream();
                await bulletin.WriteAsync(caller, request, edits, output);
            },
            "MonthlyReportService.GetSummaryAsync (one month)",
            () => reports.GetSummaryAsync(caller, new MonthlyReportRequest(month.Year, month.Month, false)),
            warmup: 1, reps);
        section.Rows.Add(new ResultRow(candidate, baseline, $"≤ {TargetMedianMs / 1000:0} s", provinceScale ? candidate.Median <= TargetMedianMs : null));
        return section;
    }
}
