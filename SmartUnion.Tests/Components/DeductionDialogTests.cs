using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Dialogs;

namespace SmartUnion.Tests.Components;

public class DeductionDialogTests : BunitTestBase
{
    private TestDatabase db = default!;
    private Caller reviewer = default!;
    private IReadOnlyList<UnitOption> units = [];

    public DeductionDialogTests()
    {
        // Registered before the first render; the database itself is created in InitializeAsync.
        Services.AddSingleton(_ => db.Get<DeductionService>());
        Services.AddSingleton<TimeProvider>(_ => db.Clock);
    }

    public override async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        reviewer = await db.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        units = await db.Get<DeductionService>().UnitsAsync(reviewer, forEditing: true);
    }

    protected override async Task CleanUpAsync() => await db.DisposeAsync();

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(DeductionRow? existing = null)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        _ = provider.InvokeAsync(() => DeductionDialog.ShowAsync(dialogs, reviewer, units, existing));
        provider.WaitForElement("#deduction-save");
        return provider;
    }

    [Fact]
    public async Task SavingAnEmptyFormShowsEveryMessageAndSavesNothing()
    {
        var provider = await OpenAsync();
        // 扣分日期 defaults to today (China time).
        Assert.Equal("2026-11-26", provider.Find("#deduction-date").GetAttribute("value"));

        await provider.Find("#deduction-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            Assert.Contains("请选择扣分单位", provider.Markup);
            Assert.Contains("请填写扣分分值", provider.Markup);
            Assert.Contains("请填写扣分原因", provider.Markup);
        });
        Assert.Equal(0, await db.CountAsync<Deduction>());
        Assert.NotEmpty(provider.FindAll("#deduction-dialog"));
    }

    [Theory]
    [InlineData("0", "扣分分值必须大于0")]
    [InlineData("-3", "扣分分值不能为负数")]
    [InlineData("5000", "扣分分值不能超过1000分")]
    public async Task InvalidPointsShowAClearMessage(string points, string message)
    {
        var provider = await OpenAsync();
        await provider.Find("#deduction-points").ChangeAsync(new() { Value = points });
        await provider.Find("#deduction-save").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains(message, provider.Markup));
        Assert.Equal(0, await db.CountAsync<Deduction>());
    }

    [Fact]
    public async Task EditingShowsTheRecorderReadOnlyAndSavesTheChange()
    {
        var gusu = await db.UnitIdAsync("姑苏区总");
        var service = db.Get<DeductionService>();
        var id = await service.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", new DateOnly(2026, 11, 2)));
        var provider = await OpenAsync(await service.GetAsync(reviewer, id));

        var creator = provider.Find("#deduction-creator");
        Assert.Equal("rev", creator.GetAttribute("value"));
        Assert.True(creator.HasAttribute("readonly"));
        await provider.Find("#deduction-points").ChangeAsync(new() { Value = "7" });
        await provider.Find("#deduction-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#deduction-dialog")));
        Assert.Equal(7, (await service.GetAsync(reviewer, id)).Points);
    }

    [Fact]
    public async Task AMistypedYearShowsTheDateMessageAndSavesNothing()
    {
        var provider = await OpenAsync();
        await provider.Find("#deduction-unit").ChangeAsync(new() { Value = units[1].Id.ToString() });
        await provider.Find("#deduction-points").ChangeAsync(new() { Value = "2" });
        await provider.Find("#deduction-reason").ChangeAsync(new() { Value = "迟报" });
        await provider.Find("#deduction-date").ChangeAsync(new() { Value = "2099-01-01" });
        await provider.Find("#deduction-save").ClickAsync(new());

        provider.WaitForAssertion(() => Assert.Contains("扣分日期不能晚于2026-12-31（下月月底），请检查年份", provider.Markup));
        Assert.Equal(0, await db.CountAsync<Deduction>());
        Assert.NotEmpty(provider.FindAll("#deduction-dialog"));
    }
}
