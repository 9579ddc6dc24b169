using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Pages.Deductions;

namespace SmartUnion.Tests.Components;

/// <summary>The 扣分管理 list's state without a renderer: the filter, pages of the rows, ticks across pages.</summary>
public class DeductionListStateTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private readonly List<string> errors = [];

    public async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<DeductionListState> StartWithDeductionsAsync(int count)
    {
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var gusu = await t.UnitIdAsync("姑苏区总");
        for (var i = 0; i < count; i++)
            await t.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(gusu, 1, $"原因{i}", new DateOnly(2026, 11, 1)));
        var state = new DeductionListState(t.Get<DeductionService>(), reviewer, errors.Add);
        await state.StartAsync(t.Notifier, _ => Task.CompletedTask);
        return state;
    }

    [Fact]
    public async Task TheRowsArePagedAndAPagePastTheEndMovesToTheLast()
    {
        using var state = await StartWithDeductionsAsync(45);
        Assert.True(state.CanManage);
        Assert.Equal(45, state.Rows.Count);
        Assert.Equal(20, state.PageRows.Count());
        await state.GoToPageAsync(9);
        Assert.Equal(2, state.Page);
        Assert.Equal(5, state.PageRows.Count());
        await state.ChangePageSizeAsync(50);
        Assert.Equal((0, 45), (state.Page, state.PageRows.Count()));
    }

    [Fact]
    public async Task TicksStayAcrossPagesAndOnlyOnRowsStillListed()
    {
        using var state = await StartWithDeductionsAsync(25);
        state.Toggle(state.Rows[0].Id, true);
        await state.GoToPageAsync(1);
        state.Toggle(state.Rows[24].Id, true);
        Assert.Equal(2, state.SelectedRows.Count);

        await t.Get<DeductionService>().DeleteAsync(state.Caller, [new DeductionVersion(state.Rows[0].Id, null)]);
        await state.LoadAsync();
        Assert.Single(state.SelectedRows);

        state.ToggleAll(true);
        Assert.True(state.AllSelected);
        Assert.Equal(24, state.SelectedRows.Count);
    }

    [Fact]
    public async Task DatesTheWrongWayRoundAreRefusedInChineseAndTheRowsStay()
    {
        using var state = await StartWithDeductionsAsync(3);
        state.FilterFrom = new DateTime(2026, 11, 2);
        state.FilterTo = new DateTime(2026, 11, 1);
        await state.LoadAsync();
        Assert.Equal(["结束日期不能早于开始日期"], errors);
        Assert.Equal(3, state.Rows.Count);
    }
}
