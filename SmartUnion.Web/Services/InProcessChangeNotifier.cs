using System.Collections.Concurrent;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Services;

/// <summary>
/// Change events within one app process. Handlers run in the background so a slow circuit never
/// delays the publisher; a failing handler is logged and does not affect the others.
/// </summary>
public sealed class InProcessChangeNotifier(ILogger<InProcessChangeNotifier> logger) : IChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, Func<ChangeEvent, Task>> handlers = new();

    public int SubscriberCount => handlers.Count;

    public void Publish(ChangeEvent change)
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

    public IDisposable Subscribe(Func<ChangeEvent, Task> handler)
    {
        var id = Guid.NewGuid();
        handlers[id] = handler;
        return new Subscription(() => handlers.TryRemove(id, out _));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
