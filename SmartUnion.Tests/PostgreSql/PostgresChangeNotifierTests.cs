using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.PostgreSql;

/// <summary>
/// Two <see cref="PostgresChangeNotifier"/>s (two app instances) on one database of the throwaway server: events cross
/// over LISTEN/NOTIFY with kind and ids only, and a lost listening connection comes back with one Resync.
/// Needs SMARTUNION_TEST_POSTGRES (test.sh sets it in both passes).
/// </summary>
public sealed class PostgresChangeNotifierTests : IAsyncLifetime
{
    private string database = "";
    private PostgresChangeNotifier a = null!;
    private PostgresChangeNotifier b = null!;
    private readonly Recorder onA = new();
    private readonly Recorder onB = new();

    public async Task InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        a = Start();
        b = Start();
        await Task.WhenAll(a.StartAsync(default), b.StartAsync(default));
        await Task.WhenAll(a.WhenListeningAsync(), b.WhenListeningAsync());
        a.Subscribe(onA.HandleAsync);
        b.Subscribe(onB.HandleAsync);
    }

    private PostgresChangeNotifier Start() => new(TestPostgres.ConnectionString(database), NullLoggerFactory.Instance)
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
    };

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task AnEventPublishedOnOneInstanceReachesTheOtherOnceWithKindAndIdsOnly()
    {
        await using var raw = new NpgsqlConnection(TestPostgres.ConnectionString(database));
        await raw.OpenAsync();
        var payloads = new ConcurrentQueue<string>();
        raw.Notification += (_, e) => payloads.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeNotifier.ChannelName}", raw))
            await listen.ExecuteNonQueryAsync();

        var adopted = new ChangeEvent(ChangeKind.ItemAdopted, 4711, 3);
        b.Publish(adopted);

        await onA.WaitForAsync(adopted);
        // At once on its own instance, not by the echo.
        Assert.Equal(1, onB.Count(adopted));
        // The echo of B's own notification arrives before anything sent after it: A's marker coming back to B proves it was skipped.
        var marker = new ChangeEvent(ChangeKind.SettingsChanged);
        a.Publish(marker);
        await onB.WaitForAsync(marker);
        Assert.Equal(1, onB.Count(adopted));
        Assert.Equal(1, onA.Count(adopted));

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (payloads.Count < 2) await raw.WaitAsync(wait.Token);
        var payload = payloads.First();
        Assert.Equal($$"""{"s":"{{b.InstanceId}}","k":"ItemAdopted","i":4711,"u":3}""", payload);
        Assert.Equal($$"""{"s":"{{a.InstanceId}}","k":"SettingsChanged"}""", payloads.Last());
    }

    [Fact]
    public async Task AKilledListeningConnectionReconnectsAndTellsTheScreensToRequeryOnce()
    {
        var before = a.ListenerProcessId;
        Assert.NotEqual(0, before);
        await TestPostgres.ExecuteAsync($"SELECT pg_terminate_backend({before})");

        await onA.WaitForAsync(new ChangeEvent(ChangeKind.Resync));
        Assert.NotEqual(before, a.ListenerProcessId);
        Assert.Equal(0, onB.Count(new ChangeEvent(ChangeKind.Resync)));

        var first = new ChangeEvent(ChangeKind.ItemSaved, 1, 1);
        var second = new ChangeEvent(ChangeKind.ItemReported, 2, 1);
        var last = new ChangeEvent(ChangeKind.DeductionChanged, null, 1);
        b.Publish(first);
        b.Publish(second);
        b.Publish(last);
        await onA.WaitForAsync(last);

        Assert.Equal(1, onA.Count(first));
        Assert.Equal(1, onA.Count(second));
        Assert.Equal(1, onA.Count(last));
        Assert.Equal(1, onA.Count(new ChangeEvent(ChangeKind.Resync)));
    }

    [Fact]
    public void APayloadOfAnotherVersionBecomesAResyncAndTheOwnEchoIsSkipped()
    {
        Assert.Equal(new ChangeEvent(ChangeKind.Resync), PostgresChangeNotifier.Decode("""{"s":"x","k":"ItemMerged","i":1}""", "own"));
        Assert.Equal(new ChangeEvent(ChangeKind.Resync), PostgresChangeNotifier.Decode("not json", "own"));
        Assert.Null(PostgresChangeNotifier.Decode(PostgresChangeNotifier.Encode(new ChangeEvent(ChangeKind.ItemDeleted, 5, 6), "own"), "own"));
        Assert.Equal(new ChangeEvent(ChangeKind.ItemDeleted, 5, 6),
            PostgresChangeNotifier.Decode(PostgresChangeNotifier.Encode(new ChangeEvent(ChangeKind.ItemDeleted, 5, 6), "other"), "own"));
        // A notification's recipient crosses too (the bell of that user on the other instance counts up): an id, no text.
        var notified = new ChangeEvent(ChangeKind.NotificationAdded, 5, null, "user-42");
        Assert.Equal("""{"s":"other","k":"NotificationAdded","i":5,"r":"user-42"}""", PostgresChangeNotifier.Encode(notified, "other"));
        Assert.Equal(notified, PostgresChangeNotifier.Decode(PostgresChangeNotifier.Encode(notified, "other"), "own"));
    }

    private sealed class Recorder
    {
        private readonly ConcurrentQueue<ChangeEvent> received = new();

        public Task HandleAsync(ChangeEvent change)
        {
            received.Enqueue(change);
            return Task.CompletedTask;
        }

        public int Count(ChangeEvent change) => received.Count(e => e == change);

        public async Task WaitForAsync(ChangeEvent change)
        {
            var clock = Stopwatch.StartNew();
            while (Count(change) == 0)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(15))
                    throw new TimeoutException($"{change} did not arrive; received: {string.Join(", ", received)}");
                await Task.Delay(10);
            }
        }
    }
}
