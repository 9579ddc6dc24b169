using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SmartUnion.Domain.Services;

/// <summary>
/// Change events shared by every app instance on one PostgreSQL database through LISTEN/NOTIFY (issue 15).
/// <para>
/// <see cref="Publish"/> (after the commit) delivers to this process's subscribers at once and queues a
/// <c>pg_notify</c> whose payload is the event's kind and ids only (never row data) plus this instance's id, so the
/// echo of its own notification is skipped. One dedicated long-lived connection per process listens
/// (<see cref="NpgsqlConnection.WaitAsync(CancellationToken)"/>) and hands other instances' events to the local
/// subscribers. When that connection is lost it reconnects with a capped back-off; notifications sent meanwhile are
/// gone, so after the reconnect every subscriber gets one <see cref="ChangeKind.Resync"/> (re-query everything).
/// </para>
/// </summary>
public sealed class PostgresChangeNotifier : IChangeNotifier, IHostedService, IAsyncDisposable, IDisposable
{
    /// <summary>The LISTEN/NOTIFY channel (per database, so test databases on one server do not mix).</summary>
    public const string ChannelName = "smartunion_changes";

    private readonly ConcurrentDictionary<Guid, Func<ChangeEvent, Task>> handlers = new();
    private readonly string listenConnectionString;
    private readonly string sendConnectionString;
    private readonly ILogger<PostgresChangeNotifier> logger;
    private readonly Channel<ChangeEvent> outgoing = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource listening = NewSignal();
    private Task? listenLoop;
    private Task? sendLoop;
    private int disposed;

    public PostgresChangeNotifier(string connectionString, ILoggerFactory loggers)
    {
        logger = loggers.CreateLogger<PostgresChangeNotifier>();
        // The listener: its own physical connection (never pooled, so a dead one is never handed out again) with a
        // keepalive so that a silently dropped network path is noticed while waiting.
        listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 10,
            ApplicationName = "SmartUnion 变更通知监听",
        }.ToString();
        sendConnectionString = connectionString;
    }

    /// <summary>This process's id in the payload (its own notifications come back and are skipped).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The listening connection's backend process id (0 while disconnected), for tests and diagnostics.</summary>
    public int ListenerProcessId { get; private set; }

    /// <summary>The first wait after a lost connection; doubled per failed attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public int SubscriberCount => handlers.Count;

    public void Publish(ChangeEvent change)
    {
        Deliver(change);
        if (change.Kind != ChangeKind.Resync) outgoing.Writer.TryWrite(change);
    }

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        handlers[id] = handler;
        return new Subscription(() => handlers.TryRemove(id, out _));
    }

    /// <summary>To this process's subscribers, each in the background (as InProcessChangeNotifier does): a slow circuit never delays the others.</summary>
    private void Deliver(ChangeEvent change)
    {
        foreach (var handler in handlers.Values)
        {
            _ = Task.Run(async () =>
            {
                try { await handler(change); }
                catch (Exception ex) { logger.LogWarning(ex, "变更通知处理失败: {Change}", change); }
            });
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }

    /// <summary>Completes once the listening connection is up (again).</summary>
    public Task WhenListeningAsync(CancellationToken ct = default) => Volatile.Read(ref listening).Task.WaitAsync(ct);

    /// <summary>Starts listening and sending; waits (at most 10 s) for the first LISTEN so that a started app hears every event.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (listenLoop is not null) return;
        listenLoop = Task.Run(() => ListenAsync(stopping.Token), CancellationToken.None);
        sendLoop = Task.Run(() => SendAsync(stopping.Token), CancellationToken.None);
        try
        {
            await WhenListeningAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            // The loop keeps trying (and logs why); the app serves meanwhile, other instances' changes arrive as a Resync.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        outgoing.Writer.TryComplete();
        if (sendLoop is not null) await sendLoop.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await stopping.CancelAsync();
        if (listenLoop is not null) await listenLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await StopAsync(CancellationToken.None);
        stopping.Dispose();
    }

    /// <summary>For a container disposed synchronously: stops both loops without waiting for them.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        outgoing.Writer.TryComplete();
        stopping.Cancel();
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var failures = 0;
        var missed = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(listenConnectionString);
                conn.Notification += OnNotification;
                await conn.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", conn))
                    await listen.ExecuteNonQueryAsync(ct);
                ListenerProcessId = conn.ProcessID;
                if (missed)
                {
                    logger.LogInformation("变更通知的监听连接已恢复（第 {Attempt} 次重连），通知所有打开的页面重新查询一次", failures);
                    Deliver(new ChangeEvent(ChangeKind.Resync));
                }
                failures = 0;
                missed = false;
                Volatile.Read(ref listening).TrySetResult();
                while (true) await conn.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                ListenerProcessId = 0;
                missed = true;
                if (listening.Task.IsCompleted) Volatile.Write(ref listening, NewSignal());
                var delay = Backoff(failures++);
                logger.LogWarning("变更通知的监听连接已断开或无法连接数据库：{Message}；{Delay:0.#} 秒后重连（第 {Attempt} 次）",
                    ex.Message, delay.TotalSeconds, failures);
                try { await Task.Delay(delay, ct); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ms = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxBackoff.TotalMilliseconds));
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel != ChannelName) return;
        var change = Decode(e.Payload, InstanceId);
        if (change is not null) Deliver(change);
    }

    /// <summary>The payload: <c>{"s":instance,"k":kind,"i":itemId,"u":unitId,"r":userId}</c>; kind and ids, never row data.</summary>
    public static string Encode(ChangeEvent change, string instanceId) =>
        JsonSerializer.Serialize(new Wire(instanceId, change.Kind.ToString(), change.ItemId, change.UnitId, change.UserId), WireJson.Default.Wire);

    /// <summary>
    /// The event in a payload, or null for this instance's own echo. A payload this version cannot read (another
    /// version during a rolling update) becomes a Resync: the screens re-query rather than miss a change.
    /// </summary>
    public static ChangeEvent? Decode(string payload, string ownInstanceId)
    {
        Wire? wire;
        try { wire = JsonSerializer.Deserialize(payload, WireJson.Default.Wire); }
        catch (JsonException) { return new ChangeEvent(ChangeKind.Resync); }
        if (wire is null) return new ChangeEvent(ChangeKind.Resync);
        if (wire.Source == ownInstanceId) return null;
        return Enum.TryParse<ChangeKind>(wire.Kind, out var kind) && Enum.IsDefined(kind)
            ? new ChangeEvent(kind, wire.ItemId, wire.UnitId, wire.UserId)
            : new ChangeEvent(ChangeKind.Resync);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var batch = new List<ChangeEvent>();
        while (await outgoing.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < 100 && outgoing.Reader.TryRead(out var change)) batch.Add(change);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var conn = new NpgsqlConnection(sendConnectionString);
                    await conn.OpenAsync(ct);
                    await using var cmd = new NpgsqlBatch(conn);
                    foreach (var change in batch)
                        cmd.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
                        {
                            Parameters = { new() { Value = ChannelName }, new() { Value = Encode(change, InstanceId) } },
                        });
                    await cmd.ExecuteNonQueryAsync(ct);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
                {
                    logger.LogWarning("变更通知发送失败（第 {Attempt} 次）：{Message}，稍后重试", attempt, ex.Message);
                    try { await Task.Delay(Backoff(attempt - 1), ct); }
                    catch (OperationCanceledException) { return; }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The server is away: the other instances lose their listening connections too and re-query on reconnect.
                    logger.LogError("变更通知发送失败，已放弃 {Count} 条通知：{Message}", batch.Count, ex.Message);
                    break;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal sealed record Wire(
        [property: JsonPropertyName("s")] string Source,
        [property: JsonPropertyName("k")] string Kind,
        [property: JsonPropertyName("i")] int? ItemId,
        [property: JsonPropertyName("u")] int? UnitId,
        [property: JsonPropertyName("r")] string? UserId = null);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostgresChangeNotifier.Wire))]
internal sealed partial class WireJson : JsonSerializerContext;
