using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Services;

/// <summary>
/// Keeps an open screen in step with changes committed elsewhere: it subscribes to the change notifier and, for the
/// events the screen says concern it, runs one re-query on the screen's dispatcher. Events arriving within the quiet
/// period share that one re-query, which starts after the period, so after the commit that published the event.
/// Dispose it with the component.
/// </summary>
public sealed class LiveRequery : IDisposable
{
    /// <summary>How long a re-query waits for further events before it runs.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(200);

    private readonly Func<ChangeEvent, bool> concerns;
    private readonly Func<Func<Task>, Task> dispatch;
    private readonly Func<Task> requery;
    private readonly TimeSpan quietPeriod;
    private readonly CancellationTokenSource disposed = new();
    private readonly IDisposable subscription;
    private int queued;

    /// <param name="notifier">Where committed changes are published.</param>
    /// <param name="concerns">Whether an event concerns this screen (may also note what to reload; runs off the dispatcher).</param>
    /// <param name="dispatch">The component's <c>InvokeAsync</c>.</param>
    /// <param name="requery">Reloads and re-renders (call <c>StateHasChanged</c> in it).</param>
    /// <param name="quietPeriod">Defaults to <see cref="QuietPeriod"/>.</param>
    public LiveRequery(IChangeNotifier notifier, Func<ChangeEvent, bool> concerns, Func<Func<Task>, Task> dispatch,
        Func<Task> requery, TimeSpan? quietPeriod = null)
    {
        this.concerns = concerns;
        this.dispatch = dispatch;
        this.requery = requery;
        this.quietPeriod = quietPeriod ?? QuietPeriod;
        subscription = notifier.Subscribe(OnChangeAsync);
    }

    private async Task OnChangeAsync(ChangeEvent change)
    {
        if (disposed.IsCancellationRequested || !concerns(change)) return;
        // A re-query on its way covers this change too: it starts after the quiet period, so after this commit.
        if (Interlocked.Exchange(ref queued, 1) == 1) return;
        try
        {
            await Task.Delay(quietPeriod, disposed.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        // From here on a new change queues a re-query of its own.
        Volatile.Write(ref queued, 0);
        if (disposed.IsCancellationRequested) return;
        try
        {
            await dispatch(requery);
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the check and the dispatch: nothing left to render.
        }
    }

    public void Dispose()
    {
        subscription.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }
}
