using System.Collections.Concurrent;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// Records published changes and delivers them to subscribers: by default synchronously, each handler finished before
/// Publish returns (a subscriber re-querying at once must see the committed state); with <see cref="InBackground"/> as the
/// app's notifier does, each handler started in the background — needed by components whose handler waits before it
/// re-renders, which would otherwise block their own dispatcher when an action of theirs publishes. Handler failures are kept.
/// </summary>
public sealed class RecordingChangeNotifier : IChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, Func<ChangeEvent, Task>> handlers = new();
    public ConcurrentQueue<ChangeEvent> Published { get; } = new();
    public int SubscriberCount => handlers.Count;

    public void Publish(ChangeEvent change)
    {
        Published.Enqueue(change);
        foreach (var handler in handlers.Values)
        {
            if (!InBackground)
            {
                handler(change).GetAwaiter().GetResult();
                continue;
            }
            _ = Task.Run(async () =>
            {
                try { await handler(change); }
                catch (Exception ex) { Failures.Enqueue(ex); }
            });
        }
    }

    /// <summary>Deliver as the app does: handlers in the background, Publish not waiting for them.</summary>
    public bool InBackground { get; set; }

    /// <summary>Exceptions thrown by subscribers' handlers.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    /// <summary>
    /// Publishes like the app's notifier: every handler started without waiting for the one before (a burst of events
    /// reaches a subscriber while it is still busy with the first); completes when all handlers have finished.
    /// </summary>
    public Task PublishAllAsync(IEnumerable<ChangeEvent> changes)
    {
        var running = new List<Task>();
        foreach (var change in changes)
        {
            Published.Enqueue(change);
            running.AddRange(handlers.Values.Select(handler => handler(change)));
        }
        return Task.WhenAll(running);
    }

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        handlers[id] = handler;
        return new Unsubscriber(() => handlers.TryRemove(id, out _));
    }

    private sealed class Unsubscriber(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
