using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Benchmarks.Suites;

namespace SmartUnion.Benchmarks;

/// <summary>
/// generate --scale tiny|city|province --out FILE | --postgres CONNECTION-STRING [--results RESULTS.md]
/// bench ranking|list|search|excel|circuits|bulletin|all --db FILE | --postgres CONNECTION-STRING [--reps N] [--results RESULTS.md]
/// (PostgreSQL: ranking and list; the database named by the connection string is dropped and created by generate)
/// live --postgres CONNECTION-STRING [--reps N] [--results RESULTS.md] (the live update across PostgreSQL instances)
/// --child excel-ours|excel-miniexcel|report … (internal: one measured run of the excel suite)
/// </summary>
public static class BenchmarkProgram
{
    /// <summary>The suites `bench` knows; `bench all` runs them in this order.</summary>
    private static readonly Dictionary<string, Func<BenchDatabase, int, TextWriter, Task<ResultSection>>> Suites = new()
    {
        ["ranking"] = RankingBenchmark.RunAsync,
        ["list"] = ItemListBenchmark.RunAsync,
        ["search"] = (db, reps, log) => ItemSearchBenchmark.RunAsync(SqliteOnly(db, "search"), reps, log),
        ["excel"] = (db, reps, log) => ExcelBenchmark.RunAsync(SqliteOnly(db, "excel"), reps, log),
        ["circuits"] = (db, reps, log) => CircuitBenchmark.RunAsync(SqliteOnly(db, "circuits"), reps, log),
        ["bulletin"] = BulletinBenchmark.RunAsync,
    };

    /// <summary>The suites that run on PostgreSQL too (bench all --postgres runs these).</summary>
    private static readonly string[] PostgreSqlSuites = ["ranking", "list", "bulletin"];

    private static string SqliteOnly(BenchDatabase db, string suite) =>
        db.IsPostgreSql ? throw new ArgumentException($"the {suite} benchmark runs on SQLite only") : db.Location;

    /// <summary>--postgres CONNECTION-STRING, else the SQLite file of --out / --db.</summary>
    private static BenchDatabase Target(Dictionary<string, string> options, string fileOption) =>
        options.TryGetValue("postgres", out var cs) ? BenchDatabase.PostgreSql(cs) : BenchDatabase.Sqlite(Required(options, fileOption));

    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length == 0) return Usage();
            switch (args[0])
            {
                case "generate":
                    await GenerateAsync(ParseOptions(args.Skip(1)));
                    return 0;
                case "--child" when args.Length > 1:
                    // One measured run in its own process (see ExcelBenchmark): its peak working set is its own.
                    return await ExcelBenchmark.ChildAsync(args[1], ParseOptions(args.Skip(2)));
                case "bench" when args.Length > 1:
                    await BenchAsync(args[1], ParseOptions(args.Skip(2)));
                    return 0;
                case "live":
                    await LiveAsync(ParseOptions(args.Skip(1)));
                    return 0;
                default:
                    return Usage();
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return Usage();
        }
    }

    private static async Task GenerateAsync(Dictionary<string, string> options)
    {
        var scale = GeneratorScale.Parse(Required(options, "scale"));
        var output = Target(options, "out");
        Console.WriteLine($"Generating {scale.Name} into {output.Name}");
        var report = await DataGenerator.GenerateAsync(scale, output, Console.Out);
        var size = output.IsPostgreSql ? "database" : "file";
        Console.WriteLine($"Done in {report.Elapsed.TotalSeconds:F1} s, peak working set {report.PeakWorkingSetBytes / 1048576.0:F0} MiB, {size} {report.FileBytes / 1048576.0:F0} MiB");
        if (options.TryGetValue("results", out var results))
        {
            var section = new ResultSection(output.IsPostgreSql ? $"Generate — scale {scale.Name}, PostgreSQL (binary COPY)" : $"Generate — scale {scale.Name}");
            section.Facts.Add($"Rows: {string.Join(", ", report.RowCounts.Select(c => $"{c.Key} {c.Value:N0}"))}");
            section.Facts.Add($"Elapsed {report.Elapsed.TotalSeconds:F1} s (target for province: < 600 s), peak working set {report.PeakWorkingSetBytes / 1048576.0:F0} MiB, {size} {report.FileBytes / 1048576.0:F0} MiB");
            section.Facts.Add("Phases: " + string.Join("; ", report.Phases.Select(p => $"{p.Phase} {p.Elapsed.TotalSeconds:F1} s")));
            ResultsWriter.Append(results, section);
        }
    }

    private static async Task BenchAsync(string suite, Dictionary<string, string> options)
    {
        var db = Target(options, "db");
        if (!db.IsPostgreSql && !File.Exists(db.Location)) throw new ArgumentException($"no database at {db.Location}: run generate first");
        var reps = options.TryGetValue("reps", out var r) ? int.Parse(r) : 30;
        var names = suite != "all" ? [suite] : db.IsPostgreSql ? PostgreSqlSuites.ToList() : Suites.Keys.ToList();
        foreach (var name in names)
        {
            if (!Suites.TryGetValue(name, out var run)) throw new ArgumentException($"unknown benchmark '{name}' ({string.Join("|", Suites.Keys)}|all)");
            Console.WriteLine($"Benchmark {name} on {db.Name}");
            var section = await run(db, reps, Console.Out);
            if (options.TryGetValue("results", out var results)) ResultsWriter.Append(results, section);
            foreach (var row in section.Rows)
                Console.WriteLine($"  {row.Candidate.Name}: median {ResultsWriter.Ms(row.Candidate.Median)} ms, p95 {ResultsWriter.Ms(row.Candidate.P95)} ms"
                    + (row.Baseline is null ? "" : $", baseline {ResultsWriter.Ms(row.Baseline.Median)} ms ({row.Ratio:F2}×)")
                    + $" — target {row.Target}: {(row.Met switch { true => "met", false => "MISSED", null => "n/a" })}");
        }
    }

    private static async Task LiveAsync(Dictionary<string, string> options)
    {
        var connectionString = Required(options, "postgres");
        var reps = options.TryGetValue("reps", out var r) ? int.Parse(r) : 200;
        Console.WriteLine("Benchmark live update on PostgreSQL");
        var section = await LiveUpdateBenchmark.RunAsync(connectionString, reps, Console.Out);
        if (options.TryGetValue("results", out var results)) ResultsWriter.Append(results, section);
        foreach (var row in section.Rows)
            Console.WriteLine($"  {row.Candidate.Name}: median {ResultsWriter.Ms(row.Candidate.Median)} ms, p95 {ResultsWriter.Ms(row.Candidate.P95)} ms"
                + $" — target {row.Target}: {(row.Met == true ? "met" : "MISSED")}");
        foreach (var note in section.Notes) Console.WriteLine("  " + note);
    }

    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) key = arg[2..];
            else if (key is not null) { options[key] = arg; key = null; }
            else throw new ArgumentException($"unexpected argument '{arg}'");
        }
        return options;
    }

    private static string Required(Dictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var value) ? value : throw new ArgumentException($"--{key} is required");

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              SmartUnion.Benchmarks generate --scale tiny|city|province --out FILE.db [--results benchmarks/RESULTS.md]
              SmartUnion.Benchmarks generate --scale tiny|city|province --postgres "Host=...;Database=NAME;Username=..."  (drops and recreates NAME)
              SmartUnion.Benchmarks bench ranking|list|search|excel|circuits|bulletin|all --db FILE.db [--reps 30] [--results benchmarks/RESULTS.md]
              SmartUnion.Benchmarks bench ranking|list|bulletin|all --postgres "Host=...;Database=NAME;Username=..." [--reps 30] [--results ...]
              SmartUnion.Benchmarks live --postgres "Host=…;Database=…;Username=…" [--reps 200] [--results benchmarks/RESULTS.md]
            """);
        return 2;
    }
}
