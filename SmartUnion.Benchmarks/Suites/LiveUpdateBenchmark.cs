using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartUnion.Benchmarks.Measurement;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// (e) The live update on PostgreSQL (issue 15): two <see cref="PostgresChangeNotifier"/>s, instances A and B, on the
/// given database. Measured from <c>Publish</c> (WriteFrame calls it right after the commit) of an ItemAdopted event
/// until a subscriber's handler runs: on the same instance (published and handled on A) and across instances
/// (published on B, handled on A over LISTEN/NOTIFY). Targets ≤ 50 ms and ≤ 100 ms (median).
/// </summary>
public static class LiveUpdateBenchmark
{
    public static async Task<ResultSection> RunAsync(string connectionString, int reps, TextWriter log)
    {
        await using var a = new PostgresChangeNotifier(connectionString, NullLoggerFactory.Instance);
        await using var b = new PostgresChangeNotifier(connectionString, NullLoggerFactory.Instance);
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await Task.WhenAll(a.WhenListeningAsync(), b.WhenListeningAsync()).WaitAsync(TimeSpan.FromSeconds(30));

        TaskCompletionSource<long>? waiting = null;
        var expected = 0;
        using var subscription = a.Subscribe(change =>
        {
            if (change.ItemId == Volatile.Read(ref expected)) Volatile.Read(ref waiting)?.TrySetResult(Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        });

        async Task OnceAsync(PostgresChangeNotifier publisher, int n)
        {
            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref waiting, done);
            Volatile.Write(ref expected, n + 1);
            publisher.Publish(new ChangeEvent(ChangeKind.ItemAdopted, n + 1, 1));
            await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var warmup = Math.Max(5, reps / 5);
        log.WriteLine($"  live update: {warmup} warm-up + {reps} repetitions each");
        var same = await Measure.SingleAsync("live update, same instance (publish on A → handler on A)", n => OnceAsync(a, n), warmup, reps);
        var across = await Measure.SingleAsync("live update, across instances (publish on B → handler on A)", n => OnceAsync(b, 100_000 + n), warmup, reps);

        var section = new ResultSection("(e) Live update on PostgreSQL — same instance and across instances (LISTEN/NOTIFY)");
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        section.Facts.Add($"Server {csb.Host}:{csb.Port}, database “{csb.Database}”; two PostgresChangeNotifier instances in one process, each with its own listening connection");
        section.Facts.Add("Measured from Publish (right after the commit) to the subscriber's handler on A; the payload is kind and ids only");
        section.Rows.Add(new ResultRow(same, null, "≤ 50 ms median", same.Median <= 50));
        section.Rows.Add(new ResultRow(across, null, "≤ 100 ms median", across.Median <= 100));
        section.Notes.Add($"Ratios to target (median/target): same instance {same.Median / 50:F3}, across instances {across.Median / 100:F3}; "
            + $"p95/target {same.P95 / 50:F3} and {across.P95 / 100:F3}.");
        return section;
    }
}
