using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// (c) the monthly report's 录用明细 with 100,000 adoption rows: MonthlyReportBuilder.WriteAdoptionDetailsAsync
/// against MiniExcel writing the same rows; and the whole report (MonthlyReportService.WriteAsync) on the
/// database. Every run is a separate child process (this program re-invoked with <c>--child …</c>), so that
/// each peak working set (VmHWM) belongs to one run only.
/// </summary>
public static class ExcelBenchmark
{
    public const int Rows = 100_000, WarmupRows = 1_000;
    public const double TargetRatio = 3, TargetPeakMiB = 1024;

    /// <summary>What a child run reports on its single stdout line.</summary>
    public sealed record ChildResult(double Ms, long PeakBytes, long Rows, long FileBytes);

    public static async Task<ResultSection> RunAsync(string dbPath, int repetitions, TextWriter log)
    {
        var runs = Math.Clamp(repetitions / 6, 3, 7);
        var section = new ResultSection($"Monthly report workbook (月度报表) — {Path.GetFileName(dbPath)}");
        section.Facts.Add(await RankingBenchmark.DescribeAsync(BenchDatabase.Sqlite(dbPath)));
        section.Facts.Add($"Each run is a separate child process (`SmartUnion.Benchmarks --child …`); time is measured inside the child from the first row "
            + $"to the closed file, after an in-process warm-up ({WarmupRows:N0} rows; the report: one full run) so that JIT is not in the figure, as in a running server; peak = the child's VmHWM at exit (includes the runtime's own ~40–60 MiB). "
            + $"{runs} runs each, alternating; the file goes to /tmp.");
        var tmp = Path.Combine(Path.GetTempPath(), $"smartunion-excel-{Environment.ProcessId}");
        Directory.CreateDirectory(tmp);
        try
        {
            // 录用明细 alone, synthetic rows (no database), ours vs MiniExcel.
            var ours = new List<ChildResult>();
            var mini = new List<ChildResult>();
            for (var i = 0; i < runs + 1; i++)
            {
                var a = await RunChildAsync(["excel-ours", "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(tmp, "ours.xlsx")]);
                var b = await RunChildAsync(["excel-miniexcel", "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(tmp, "mini.xlsx")]);
                if (i == 0) continue; // the first pair warms the disk cache and the file system
                ours.Add(a);
                mini.Add(b);
                log.WriteLine($"  run {i}: ours {a.Ms:F0} ms / {a.PeakBytes / 1048576.0:F0} MiB, MiniExcel {b.Ms:F0} ms / {b.PeakBytes / 1048576.0:F0} MiB");
            }
            VerifySameRows(Path.Combine(tmp, "ours.xlsx"), Path.Combine(tmp, "mini.xlsx"));
            section.Facts.Add($"Both files read back with MiniExcel: {Rows:N0} data rows under the same 11 headers, identical cell values "
                + $"(ours {ours[^1].FileBytes / 1048576.0:F1} MiB, MiniExcel {mini[^1].FileBytes / 1048576.0:F1} MiB)");
            var oursTime = Stats.From($"MonthlyReportBuilder.WriteAdoptionDetailsAsync, {Rows:N0} rows — time", ours.Select(r => r.Ms).ToList());
            var miniTime = Stats.From("MiniExcel 1.46.0 SaveAs, same rows", mini.Select(r => r.Ms).ToList());
            section.Rows.Add(new ResultRow(oursTime, miniTime, $"≤ {TargetRatio}× baseline", oursTime.Median / miniTime.Median <= TargetRatio));
            var oursPeak = MiB($"MonthlyReportBuilder.WriteAdoptionDetailsAsync, {Rows:N0} rows — peak working set (MiB)", ours);
            var miniPeak = MiB("MiniExcel 1.46.0 — peak working set (MiB)", mini);
            section.Rows.Add(new ResultRow(oursPeak, miniPeak, $"≤ {TargetPeakMiB:F0} MiB", oursPeak.Max <= TargetPeakMiB));

            // The whole report from the database: the busiest month and a 年度累计 near 100,000 adoptions.
            foreach (var (label, args) in await ReportCasesAsync(dbPath))
            {
                var results = new List<ChildResult>();
                for (var i = 0; i < runs; i++)
                    results.Add(await RunChildAsync(["report", "--db", Path.GetFullPath(dbPath), .. args, "--out", Path.Combine(tmp, "report.xlsx")]));
                log.WriteLine($"  {label}: {results[0].Rows:N0} rows, median {results.Select(r => r.Ms).Order().ElementAt(results.Count / 2):F0} ms");
                section.Rows.Add(new ResultRow(Stats.From($"MonthlyReportService.WriteAsync, {label}, {results[0].Rows:N0} 录用明细 rows — time", results.Select(r => r.Ms).ToList()),
                    null, "informative", null));
                var peak = MiB($"MonthlyReportService.WriteAsync, {label} — peak working set (MiB)", results);
                section.Rows.Add(new ResultRow(peak, null, $"≤ {TargetPeakMiB:F0} MiB", peak.Max <= TargetPeakMiB));
            }
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
        section.Notes.Add("The peak rows give the median and p95 of the runs' peaks in MiB (not ms); \"met\" compares the largest peak with 1 GiB.");
        return section;
    }

    private static Stats MiB(string name, List<ChildResult> results) =>
        Stats.From(name, results.Select(r => r.PeakBytes / 1048576.0).ToList());

    /// <summary>The busiest month of the last full year, and January up to the month where 年度累计 passes 100,000 adoptions.</summary>
    private static async Task<List<(string Label, string[] Args)>> ReportCasesAsync(string dbPath)
    {
        await using var conn = new SqliteConnection(BenchmarkHost.ConnectionString(dbPath));
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        var year = ChinaTime.ToLocal(GeneratorScale.EndUtc).Year - 1;
        cmd.CommandText = "SELECT substr(Month, 6, 2), SUM(AdoptionCount) FROM UnitMonthScores WHERE Month LIKE $y || '-%' GROUP BY Month ORDER BY Month";
        cmd.Parameters.AddWithValue("$y", year.ToString(CultureInfo.InvariantCulture));
        var months = new List<(int Month, long Count)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) months.Add((int.Parse(r.GetString(0), CultureInfo.InvariantCulture), r.GetInt64(1)));
        if (months.Count == 0) return [];
        var busiest = months.MaxBy(m => m.Count);
        var cases = new List<(string, string[])> { ($"month {year}-{busiest.Month:00} (the busiest of {year})", ["--month", $"{year}-{busiest.Month:00}"]) };
        long sum = 0;
        foreach (var (month, count) in months)
        {
            sum += count;
            if (sum < Rows && month < 12) continue;
            if (month != busiest.Month || sum != busiest.Count)
                cases.Add(($"年度累计 {year}-01 to {year}-{month:00}", ["--month", $"{year}-{month:00}", "--ytd", "true"]));
            break;
        }
        return cases;
    }

    private static async Task<ChildResult> RunChildAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = typeof(ExcelBenchmark).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(self);
        start.ArgumentList.Add("--child");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonSerializer.Deserialize<ChildResult>(line)!;
    }

    /// <summary>The child side: one run, then one JSON line with time and peak.</summary>
    public static async Task<int> ChildAsync(string mode, Dictionary<string, string> options)
    {
        var output = options["out"];
        var sw = new Stopwatch();
        long rows;
        switch (mode)
        {
            case "excel-ours":
            {
                rows = long.Parse(options["rows"], CultureInfo.InvariantCulture);
                await MonthlyReportBuilder.WriteAdoptionDetailsAsync(Stream.Null, SyntheticRows(WarmupRows)); // JIT, as in a running server
                await using var file = new FileStream(output, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
                sw.Start();
                await MonthlyReportBuilder.WriteAdoptionDetailsAsync(file, SyntheticRows((int)rows));
                await file.FlushAsync();
                break;
            }
            case "excel-miniexcel":
            {
                rows = long.Parse(options["rows"], CultureInfo.InvariantCulture);
                await MiniExcel.SaveAsAsync(Stream.Null, SyntheticRowsSync(WarmupRows).Select(MiniRow.From), sheetName: MonthlyReportBuilder.AdoptionSheet);
                await using var file = new FileStream(output, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
                sw.Start();
                await MiniExcel.SaveAsAsync(file, SyntheticRowsSync((int)rows).Select(MiniRow.From), sheetName: MonthlyReportBuilder.AdoptionSheet);
                await file.FlushAsync();
                break;
            }
            case "report":
            {
                var recorder = new SqlRecorder();
                await using var services = BenchmarkHost.Create(options["db"], new BenchmarkHost.FixedClock(GeneratorScale.EndUtc),
                    s => s.ConfigureDbContext<SmartUnion.Domain.Data.AppDbContext>(o => o.AddInterceptors(recorder)));
                var caller = await RankingBenchmark.ReviewerAsync(services);
                var request = MonthlyReportRequest.Parse(options["month"], options.ContainsKey("ytd"));
                var reports = services.GetRequiredService<MonthlyReportService>();
                // A first run warms JIT, EF Core's model and query cache and SQLite's page cache, as in a running server.
                var warm = Stopwatch.StartNew();
                await reports.WriteAsync(caller, request, Stream.Null);
                Console.Error.WriteLine($"cold run {warm.Elapsed.TotalMilliseconds:F0} ms");
                warm.Restart();
                await reports.GetSummaryAsync(caller, request);
                Console.Error.WriteLine($"summary alone (warm) {warm.Elapsed.TotalMilliseconds:F0} ms");
                if (options.ContainsKey("explain"))
                {
                    using var conn = new SqliteConnection(BenchmarkHost.ConnectionString(options["db"]));
                    conn.Open();
                    foreach (var c in recorder.Commands.Where(c => c.Sql.Contains("\"Adoptions\"") || c.Sql.Contains("\"Deductions\"")).DistinctBy(c => c.Sql))
                        Console.Error.WriteLine($"{c.Sql}\n  => {string.Join(" / ", QueryPlan.Explain(conn, c))}\n");
                }
                await using var file = new FileStream(output, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
                var written = 0;
                sw.Start();
                await reports.WriteAsync(caller, request, file, new SyncProgress(n => written = n));
                await file.FlushAsync();
                rows = written;
                break;
            }
            default:
                throw new ArgumentException($"unknown child mode '{mode}'");
        }
        sw.Stop();
        var result = new ChildResult(sw.Elapsed.TotalMilliseconds, DataGenerator.PeakWorkingSet(), rows, new FileInfo(output).Length);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>Deterministic rows shaped like real adoptions: ~30-character Chinese titles, 10 years of dates.</summary>
    internal static IEnumerable<AdoptionDetailRow> SyntheticRowsSync(int count)
    {
        var random = new Random(GeneratorScale.Seed);
        var text = new ChineseText(random);
        string[] units = ["姑苏区总", "吴中区总", "相城区总", "吴江区总", "高新区总", "工业园区总", "常熟市总", "张家港市总", "昆山市总", "太仓市总"];
        (PublicationLevel Level, string Name, string Form, bool Issues, int Points)[] forms =
        [
            (PublicationLevel.City, "《苏州工会信息》", "正文", true, 5), (PublicationLevel.City, "苏州工会网", "文字", false, 2),
            (PublicationLevel.City, "市委《苏州信息》", "简讯", true, 4), (PublicationLevel.Province, "江苏工会信息", "正文", true, 10),
            (PublicationLevel.Province, "省总综合录用", "录用", false, 8), (PublicationLevel.National, "《工会信息》", "简讯", true, 10),
        ];
        var start = new DateTime(2016, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var unit = units[random.Next(units.Length)];
            var form = forms[random.Next(forms.Length)];
            var reported = start.AddMinutes(i * 47L + random.Next(600));
            var adopted = reported.AddHours(4 + random.Next(400));
            var local = ChinaTime.ToLocal(adopted);
            yield return new AdoptionDetailRow(text.Title(unit), unit, (InfoCategory)(1 + random.Next(4)), reported, form.Level, form.Name, form.Form,
                form.Issues ? local.Year : null, form.Issues ? (local.Month - 1) * 2 + (local.Day > 15 ? 2 : 1) : null, adopted, form.Points);
        }
    }

    private static async IAsyncEnumerable<AdoptionDetailRow> SyntheticRows(int count)
    {
        foreach (var row in SyntheticRowsSync(count)) yield return row;
        await Task.CompletedTask;
    }

    /// <summary>The same 11 columns for MiniExcel: Chinese headers, texts, China dates formatted as the report formats them, numbers.</summary>
    public sealed class MiniRow
    {
        [ExcelColumnName("公文标题")] public string Title { get; set; } = "";
        [ExcelColumnName("报送工会")] public string UnitName { get; set; } = "";
        [ExcelColumnName("信息分类")] public string Category { get; set; } = "";
        [ExcelColumnName("上报日期"), ExcelFormat("yyyy-MM-dd")] public DateTime? ReportedAt { get; set; }
        [ExcelColumnName("所属市区")] public string Level { get; set; } = "";
        [ExcelColumnName("期刊名称")] public string PublicationName { get; set; } = "";
        [ExcelColumnName("采用形式")] public string FormName { get; set; } = "";
        [ExcelColumnName("采用年")] public int? Year { get; set; }
        [ExcelColumnName("采用期次")] public int? Issue { get; set; }
        [ExcelColumnName("录用日期"), ExcelFormat("yyyy-MM-dd")] public DateTime AdoptedAt { get; set; }
        [ExcelColumnName("分值")] public decimal Points { get; set; }

        public static MiniRow From(AdoptionDetailRow r) => new()
        {
            Title = r.Title, UnitName = r.UnitName, Category = r.Category.Text(),
            ReportedAt = r.ReportedAtUtc is { } rep ? ChinaTime.ToLocal(rep).Date : null,
            Level = r.Level.Text(), PublicationName = r.PublicationName, FormName = r.FormName,
            Year = r.Year, Issue = r.Issue, AdoptedAt = ChinaTime.ToLocal(r.AdoptedAtUtc).Date, Points = r.Points.Value,
        };
    }

    /// <summary>Reads both files back (MiniExcel's streaming reader) and compares every row: the comparison is of equal work.</summary>
    private static void VerifySameRows(string ours, string mini)
    {
        using var a = MiniExcel.Query(ours, useHeaderRow: false, sheetName: MonthlyReportBuilder.AdoptionSheet).GetEnumerator();
        using var b = MiniExcel.Query(mini, useHeaderRow: false, sheetName: MonthlyReportBuilder.AdoptionSheet).GetEnumerator();
        var n = 0;
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (hasA != hasB) throw new InvalidOperationException($"row counts differ after {n} rows");
            if (!hasA) break;
            var ra = (IDictionary<string, object?>)a.Current;
            var rb = (IDictionary<string, object?>)b.Current;
            foreach (var col in ra.Keys)
            {
                var isDate = n > 0 && col is "D" or "J";
                var va = Normalize(ra[col], isDate);
                var vb = Normalize(rb.TryGetValue(col, out var x) ? x : null, isDate);
                if (va != vb) throw new InvalidOperationException($"row {n + 1} column {col}: ours '{va}', MiniExcel '{vb}'");
            }
            n++;
        }
        if (n != Rows + 1) throw new InvalidOperationException($"expected {Rows + 1} rows with the header, read {n}");
    }

    /// <summary>Dates may come back as DateTime, as an OLE date number or as text; numbers as double or int.</summary>
    private static string Normalize(object? value, bool isDate) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when isDate => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string t when isDate && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string t when isDate && DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
