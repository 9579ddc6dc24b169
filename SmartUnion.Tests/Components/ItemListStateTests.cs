using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;

namespace SmartUnion.Tests.Components;

/// <summary>The 公文信息 list's state without a renderer: filter, paging, count cache, ticks, live re-query.</summary>
public class ItemListStateTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private readonly List<string> errors = [];

    public async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await t.DisposeAsync();

    /// <summary>A state whose live re-queries run at once (<paramref name="live"/>) or never.</summary>
    private async Task<ItemListState> StartAsync(Caller caller, bool live = false)
    {
        var state = new ItemListState(t.Get<ItemService>(), caller, errors.Add);
        await state.StartAsync(t.Notifier, live ? work => work() : _ => Task.CompletedTask);
        return state;
    }

    private async Task<Caller> ReporterWithItemsAsync(int count)
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        for (var i = 1; i <= count; i++) await t.ReportedAsync(reporter, $"标题{i:00}");
        return reporter;
    }

    [Fact]
    public async Task TurningPagesReusesTheCountAndAReloadCountsAgain()
    {
        var reporter = await ReporterWithItemsAsync(25);
        using var state = await StartAsync(reporter);
        Assert.Equal(25, state.TotalCount);

        await t.ReportedAsync(reporter, "翻页时新增");
        await state.GoToPageAsync(1);
        Assert.Equal(25, state.TotalCount); // the count of this filter is not read again (only the pager is stale)
        Assert.Equal(6, state.Rows.Count);

        await state.ReloadAsync();
        Assert.Equal(26, state.TotalCount);
    }

    [Fact]
    public async Task ACommonKeywordShowsTheCappedCountFirstAndTheExactCountThenReachesThePager()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        const int common = ItemSearch.DriveFromMatchesLimit + 100;
        await t.AddReportedInBulkAsync(reporter, common, n => $"落实帮扶措施第{n}项");
        using var state = await StartAsync(reporter);
        var seen = new List<(int Total, bool LowerBound)>();
        var exact = new TaskCompletionSource();
        state.Changed += () =>
        {
            lock (seen) seen.Add((state.TotalCount, state.TotalIsLowerBound));
            if (!state.TotalIsLowerBound) exact.TrySetResult();
        };

        state.FilterKeyword = "帮扶措施";
        Assert.True(await state.SearchAsync());
        await exact.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([(ItemSearch.CountCap, true), (common, false)], seen);
        Assert.Equal(common, state.TotalCount);
        Assert.Empty(errors);

        // The last page is now reachable, and turning to it reuses the exact count.
        await state.GoToPageAsync(int.MaxValue);
        Assert.Equal(((common - 1) / state.PageSize, common - (common - 1) / state.PageSize * state.PageSize, common, false),
            (state.Page, state.Rows.Count, state.TotalCount, state.TotalIsLowerBound));
    }

    [Fact]
    public async Task AnotherPageSizeKeepsTheFirstRowOfThePageInViewAndOnlyOfferedSizesApply()
    {
        var reporter = await ReporterWithItemsAsync(45);
        using var state = await StartAsync(reporter);
        await state.ChangePageSizeAsync(10);
        await state.GoToPageAsync(2); // rows 21-30
        await state.ChangePageSizeAsync(20);
        Assert.Equal((1, 20), (state.Page, state.PageSize)); // rows 21-40
        await state.ChangePageSizeAsync(7);
        Assert.Equal(20, state.PageSize);
        await state.GoToPageAsync(99);
        Assert.Equal(2, state.Page);
    }

    [Fact]
    public async Task ASearchWithTheDatesTheWrongWayRoundChangesNothing()
    {
        var reporter = await ReporterWithItemsAsync(1);
        using var state = await StartAsync(reporter);
        var loads = state.LoadCount;
        state.FilterFrom = new DateTime(2026, 11, 27);
        state.FilterTo = new DateTime(2026, 11, 26);

        Assert.False(await state.SearchAsync());
        Assert.Equal(["报送结束日期不能早于报送开始日期"], errors);
        Assert.Equal(loads, state.LoadCount);
        Assert.Null(state.CurrentQuery.ReportedFrom);
    }

    [Fact]
    public async Task TicksStayOnlyOnRowsStillOnTheirPage()
    {
        var reporter = await ReporterWithItemsAsync(25);
        using var state = await StartAsync(reporter);
        state.ToggleAll(true);
        Assert.Equal(20, state.SelectedIds.Count);
        Assert.True(state.AllOnPageState);
        state.Toggle(state.Rows[0].Id, false);
        Assert.Null(state.AllOnPageState);

        await state.GoToPageAsync(1);
        Assert.Empty(state.SelectedIds);
        Assert.False(state.AllOnPageState);
    }

    [Fact]
    public async Task OnlyChangesInTheCallersScopeRequeryTheList()
    {
        var gusuReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        var gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        using var state = await StartAsync(gusuReviewer, live: true);
        Assert.Equal(1, state.LoadCount);

        Assert.False(state.Concerns(new ChangeEvent(ChangeKind.ItemReported, 1, wuzhong.UnitId)));
        Assert.True(state.Concerns(new ChangeEvent(ChangeKind.ItemReported, 1, gusu.UnitId)));
        Assert.True(state.Concerns(new ChangeEvent(ChangeKind.SettingsChanged, 0, null)));
        Assert.False(state.Concerns(new ChangeEvent(ChangeKind.DeductionChanged, 1, gusu.UnitId)));

        await t.ReportedAsync(gusu, "姑苏区的公文");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!state.Rows.Any(r => r.Title == "姑苏区的公文") && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(state.Rows, r => r.Title == "姑苏区的公文");
    }
}
