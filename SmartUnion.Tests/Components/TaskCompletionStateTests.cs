using Bunit;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Pages.Tasks;

namespace SmartUnion.Tests.Components;

/// <summary>任务完成情况's state without a renderer, and its tables rendered by bunit.</summary>
public class TaskCompletionStateTests : BunitTestBase
{
    private TestDatabase t = default!;
    private Caller reviewer = default!;
    private readonly List<string> errors = [];

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        var admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var quotas = t.Get<QuotaService>();
        var group = await quotas.AddGroupAsync(admin, "县市区总工会", 1);
        await quotas.SetUnitGroupAsync(admin, await t.UnitIdAsync("姑苏区总"), group);
        await quotas.SetGroupQuotaAsync(admin, group, 2026, 10, 2);
        await quotas.SetRuleSetAsync(admin, new QuotaRuleSetInput(2026, 10, 3, 10, 0));
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private async Task<TaskCompletionState> StartAsync(Caller caller)
    {
        var state = new TaskCompletionState(t.Get<TaskCompletionService>(), caller, ChinaTime.Today(t.Clock), errors.Add);
        await state.StartAsync(t.Notifier, _ => Task.CompletedTask);
        return state;
    }

    [Fact]
    public async Task ItOpensOnLastMonthAndConfirmsTheProposalOnceWhoeverConfirmsSecond()
    {
        using var first = await StartAsync(reviewer);
        using var second = await StartAsync(await t.CreateUserAsync("rev2", "苏州市总工会", Roles.Reviewer));

        Assert.Equal((2026, 10), (first.Year, first.Month));
        Assert.True(first.CanConfirm);
        Assert.Contains("扣分 6 分", first.ConfirmQuestion);
        Assert.Equal("已确认 1 条扣分/加分", await first.ConfirmAsync());
        Assert.False(first.CanConfirm);
        Assert.Equal(ProposalStatus.Confirmed, Assert.Single(first.Report!.Lines).Status);

        // The second screen still shows the line as proposed: its confirm records nothing.
        Assert.True(second.CanConfirm);
        Assert.Equal("这些扣分/加分已由他人确认，未重复记录", await second.ConfirmAsync());
        Assert.Equal(1, await t.CountAsync<QuotaEntry>());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AFutureMonthShowsTheServicesMessageAndTheCurrentMonthCannotBeConfirmed()
    {
        using var state = await StartAsync(reviewer);
        state.Month = 12;
        await state.LoadAsync();
        Assert.Equal("2026年12月尚未到来，不能查看未来月份的任务完成情况", state.Error);
        Assert.Null(state.Report);

        state.Month = 11;
        await state.LoadAsync();
        Assert.False(state.Report!.MonthFinished);
        Assert.False(state.CanConfirm);
        Assert.Null(await state.ConfirmAsync());
    }

    [Fact]
    public async Task TheGroupFilterAndTheExportLinkFollowTheChoice()
    {
        using var state = await StartAsync(reviewer);
        Assert.Equal("reports/tasks?month=2026-10", state.ExportHref);
        state.GroupId = state.Groups.Single().Id;
        await state.LoadAsync();
        Assert.Equal(["姑苏区总"], state.Report!.Units.Select(u => u.UnitName).ToList());
        Assert.Equal($"reports/tasks?month=2026-10&group={state.GroupId}", state.ExportHref);
        Assert.Equal(["全部分组", "县市区总工会"], state.GroupIds.Select(state.GroupText).ToList());
    }

    [Fact]
    public void TheTablesFlagZeroReportAndUnmetQuotasAndShowDeductionsAsNegative()
    {
        var rows = new[]
        {
            new TaskCompletionRow(1, "姑苏区总", "县市区总工会", 0, 2, 0, 0, 0),
            new TaskCompletionRow(2, "吴中区总", "县市区总工会", 3, 2, 2, 1, 1.0 / 3),
        };
        var table = Render<TaskCompletionTable>(p => p.Add(c => c.Rows, rows));
        var gusu = table.Find("tr[data-unit='姑苏区总']");
        Assert.Contains("task-unmet", gusu.ClassName);
        Assert.Equal(("0 / 2", "未完成", "缺2篇", "零报送"), (gusu.QuerySelector(".task-reported")!.TextContent, gusu.QuerySelector(".task-met")!.TextContent,
            gusu.QuerySelector(".task-missing")!.TextContent, gusu.QuerySelector(".task-zero")!.TextContent.Trim()));
        var wuzhong = table.Find("tr[data-unit='吴中区总']");
        Assert.Equal(("完成", "33.3%", ""), (wuzhong.QuerySelector(".task-met")!.TextContent, wuzhong.QuerySelector(".task-rate")!.TextContent,
            wuzhong.QuerySelector(".task-zero")!.TextContent.Trim()));

        var lines = Render<TaskProposalTable>(p => p.Add(c => c.Lines, new[]
        {
            new ProposalLine(1, "姑苏区总", QuotaEntryKind.Shortfall, 6, "缺报", ProposalStatus.Proposed),
            new ProposalLine(2, "吴中区总", QuotaEntryKind.QuotaMet, 10, "完成", ProposalStatus.ConfirmedDiffers, 12),
        }));
        Assert.Equal(["−6", "+10"], lines.FindAll(".proposal-points").Select(e => e.TextContent).ToList());
        Assert.Equal(["待确认", "已确认12分，当前计算10分"], lines.FindAll(".proposal-status").Select(e => e.TextContent).ToList());
    }
}
