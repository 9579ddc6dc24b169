using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;

namespace SmartUnion.Tests.Components;

/// <summary>The list state's 关键字 and 待审核: applied on 搜索, trimmed, refused with a message, the queue's order.</summary>
public class ItemSearchStateTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private readonly List<string> errors = [];

    public async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<ItemListState> StartAsync(Caller caller)
    {
        var state = new ItemListState(t.Get<ItemService>(), caller, errors.Add);
        await state.StartAsync(t.Notifier, _ => Task.CompletedTask);
        return state;
    }

    [Fact]
    public async Task SearchAppliesTheTrimmedKeywordAndATooLongOneShowsTheMessageAndKeepsTheList()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        await t.ReportedAsync(reporter, "职工书屋建设");
        await t.ReportedAsync(reporter, "安康杯竞赛");
        using var state = await StartAsync(reporter);

        state.FilterKeyword = "  书屋 ";
        Assert.True(await state.SearchAsync());
        Assert.Equal("书屋", state.AppliedKeyword);
        Assert.Equal(["职工书屋建设"], state.Rows.Select(r => r.Title));

        state.FilterKeyword = new string('工', 200);
        Assert.False(await state.SearchAsync());
        Assert.Equal([$"关键字不能超过{ItemSearch.MaxKeywordLength}个字，请缩短后重试"], errors);
        Assert.Equal("书屋", state.AppliedKeyword);
        Assert.Equal(["职工书屋建设"], state.Rows.Select(r => r.Title));

        state.FilterKeyword = " ";
        Assert.True(await state.SearchAsync());
        Assert.Null(state.AppliedKeyword);
        Assert.Equal(2, state.TotalCount);
    }

    [Fact]
    public async Task ChoosingTheAwaitingReviewQueueSortsOldestFirstAndLeavingItNewestFirst()
    {
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
        await t.ReportedAsync(reporter, "先上报");
        t.Clock.Advance(TimeSpan.FromHours(1));
        await t.ReportedAsync(reporter, "后上报");
        using var state = await StartAsync(reviewer);
        Assert.Contains(AdoptionFilter.AwaitingReview, state.AdoptionOptions);
        Assert.DoesNotContain(AdoptionFilter.AwaitingReview, ItemListState.AdoptionOptionsFor(reporter));
        Assert.Equal(["后上报", "先上报"], state.Rows.Select(r => r.Title));

        state.FilterAdoption = AdoptionFilter.AwaitingReview;
        await state.SearchAsync();
        Assert.Equal(["先上报", "后上报"], state.Rows.Select(r => r.Title));
        Assert.Equal("asc", state.SortDirectionOf(ItemSortField.ReportedAt));

        state.FilterAdoption = AdoptionFilter.All;
        await state.SearchAsync();
        Assert.Equal(["后上报", "先上报"], state.Rows.Select(r => r.Title));
    }
}
