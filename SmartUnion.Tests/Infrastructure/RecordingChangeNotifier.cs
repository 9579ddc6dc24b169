using System.Collections.Concurrent;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>Records published changes and delivers them synchronously to subscribers.</summary>
public sealed class RecordingChangeNotifier : IChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, Func<ChangeEvent, Task>> handlers = new();
    public ConcurrentQueue<ChangeEvent> Published { get; } = new();
    public int SubscriberCount => handlers.Count;

    public void Publish(ChangeEvent change)
    {
        Published.Enqueue(change);
        foreach (var handler in handlers.Values) handler(change).GetAwaiter().GetResult();
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
