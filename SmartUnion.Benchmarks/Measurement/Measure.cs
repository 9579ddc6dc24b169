using System.Diagnostics;

namespace SmartUnion.Benchmarks.Measurement;

/// <summary>Timings of one measured operation, in milliseconds.</summary>
public sealed record Stats(string Name, int Repetitions, double Median, double P95, double Min, double Max)
{
    public static Stats From(string name, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new Stats(name, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[0], sorted[^1]);
    }

    /// <summary>Linear interpolation between the closest ranks.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 1) return sorted[0];
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

/// <summary>A measured runner: warm-up, then repetitions; candidate and baseline alternate so that noise from
/// other processes on the machine hits both alike.</summary>
public static class Measure
{
    public static async Task<(Stats Candidate, Stats Baseline)> PairAsync(
        string name, Func<Task> candidate, string baselineName, Func<Task> baseline, int warmup, int repetitions)
    {
        for (var i = 0; i < warmup; i++)
        {
            await candidate();
            await baseline();
        }
        var a = new List<double>(repetitions);
        var b = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            a.Add(await TimeAsync(candidate));
            b.Add(await TimeAsync(baseline));
        }
        return (Stats.From(name, a), Stats.From(baselineName, b));
    }

    public static async Task<Stats> SingleAsync(string name, Func<int, Task> action, int warmup, int repetitions)
    {
        for (var i = 0; i < warmup; i++) await action(i);
        var samples = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var n = warmup + i;
            samples.Add(await TimeAsync(() => action(n)));
        }
        return Stats.From(name, samples);
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }
}
