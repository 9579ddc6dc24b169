using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SmartUnion.Benchmarks.Measurement;

/// <summary>One line of a results table: a measured operation beside its baseline and its target.</summary>
public sealed record ResultRow(Stats Candidate, Stats? Baseline, string Target, bool? Met)
{
    public double? Ratio => Baseline is null ? null : Candidate.Median / Baseline.Median;
}

/// <summary>A section appended to benchmarks/RESULTS.md.</summary>
public sealed class ResultSection(string title)
{
    public string Title { get; } = title;
    public List<string> Facts { get; } = [];
    public List<ResultRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];
}

public static class ResultsWriter
{
    public const string Header = """
        # Benchmark results

        Appended by `benchmarks/run.sh` (see README, "Benchmarks"); newest sections at the bottom.
        Times in milliseconds; "ratio" = candidate median ÷ baseline median, both measured in the same run,
        alternating, after a warm-up.

        """;

    public static void Append(string path, ResultSection section)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var sb = new StringBuilder();
        if (!File.Exists(path)) sb.Append(Header);
        sb.AppendLine().AppendLine($"## {section.Title}").AppendLine();
        sb.AppendLine($"- When: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; commit {Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "(unknown)"}");
        sb.AppendLine($"- Machine: {Machine()}");
        // A PostgreSQL connection string may carry a password: never into the results.
        var command = System.Text.RegularExpressions.Regex.Replace(string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            "(Password|Pwd)=[^;\\s]*", "$1=***", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        sb.AppendLine($"- Command: `SmartUnion.Benchmarks {command}`");
        foreach (var fact in section.Facts) sb.AppendLine($"- {fact}");
        if (section.Rows.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| benchmark | n | median | p95 | baseline | baseline median | baseline p95 | ratio | target | met |");
            sb.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---|---|");
            foreach (var r in section.Rows)
            {
                sb.Append($"| {r.Candidate.Name} | {r.Candidate.Repetitions} | {Ms(r.Candidate.Median)} | {Ms(r.Candidate.P95)} | ");
                sb.Append(r.Baseline is null ? "— | — | — | — | " : $"{r.Baseline.Name} | {Ms(r.Baseline.Median)} | {Ms(r.Baseline.P95)} | {r.Ratio:F2}× | ");
                sb.AppendLine($"{r.Target} | {(r.Met is null ? "—" : r.Met.Value ? "yes" : "**NO**")} |");
            }
        }
        if (section.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var note in section.Notes) sb.AppendLine(note);
        }
        File.AppendAllText(path, sb.ToString());
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    /// <summary>Cores, CPU model, memory (from /proc), load at the time, runtime.</summary>
    public static string Machine()
    {
        var cpu = ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var mem = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB RAM" : "RAM unknown";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} cores ({cpu}), {mem}, load average {load} at start, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
    }

    private static string? ProcField(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
