using Microsoft.Extensions.Logging.Abstractions;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Services;

namespace SmartUnion.Tests.Components;

public class LiveRequeryTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);
    private readonly InProcessChangeNotifier notifier = new(NullLogger<InProcessChangeNotifier>.Instance);
    private int requeries;

    private LiveRequery Start(Func<ChangeEvent, bool> concerns) => new(notifier, concerns, work => work(),
        () => { Interlocked.Increment(ref requeries); return Task.CompletedTask; }, Quiet);

    [Fact]
    public async Task A_burst_of_events_costs_one_requery()
    {
        using var live = Start(_ => true);

        for (var i = 0; i < 50; i++) notifier.Publish(new ChangeEvent(ChangeKind.ItemReported, ItemId: i));
        await Task.Delay(Quiet * 5);

        Assert.Equal(1, requeries);
    }

    [Fact]
    public async Task An_event_after_the_requery_queues_another()
    {
        using var live = Start(_ => true);

        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 1));
        await Task.Delay(Quiet * 5);
        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 2));
        await Task.Delay(Quiet * 5);

        Assert.Equal(2, requeries);
    }

    [Fact]
    public async Task Events_that_do_not_concern_the_screen_are_ignored()
    {
        using var live = Start(change => change.Kind == ChangeKind.DeductionChanged);

        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 1));
        await Task.Delay(Quiet * 5);

        Assert.Equal(0, requeries);
    }

    [Fact]
    public async Task A_disposed_screen_is_not_requeried_even_for_an_event_already_waiting()
    {
        var live = Start(_ => true);

        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 1));
        live.Dispose();
        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 2));
        await Task.Delay(Quiet * 5);

        Assert.Equal(0, requeries);
    }

    [Fact]
    public async Task The_requery_starts_only_after_the_quiet_period()
    {
        using var live = Start(_ => true);

        notifier.Publish(new ChangeEvent(ChangeKind.ItemSaved, ItemId: 1));
        await Task.Delay(Quiet / 4);

        Assert.Equal(0, requeries);
    }
}
