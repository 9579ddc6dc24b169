using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Pages.Settings;

namespace SmartUnion.Tests.Components;

/// <summary>The 重新计算积分 page's state: default period, when 执行 is enabled, the confirmation's words.</summary>
public class RecalculationStateTests
{
    private static RecalculationPreview Preview(Period period, int adoptions) => new(period, adoptions, 0,
        adoptions == 0 ? [] : [new RecalculationUnitRow(1, "姑苏区总", 8, 13, 0, 0)], "fp");

    [Fact]
    public void ThePeriodDefaultsToLastMonthAlsoInJanuary()
    {
        var state = RecalculationState.ForLastMonth(new DateOnly(2027, 1, 10));
        Assert.Equal(Period.Month(2026, 12), state.ChosenPeriod().Period);
    }

    [Fact]
    public void ExecuteIsEnabledOnlyForANonEmptyPreviewOfThePeriodOnScreen()
    {
        var state = RecalculationState.ForLastMonth(new DateOnly(2026, 12, 1));
        Assert.False(state.CanExecute);
        state.Show(Preview(Period.Month(2026, 11), 0));
        Assert.True(state.IsEmpty);
        Assert.False(state.CanExecute);
        state.Show(Preview(Period.Month(2026, 11), 1));
        Assert.True(state.CanExecute);
        Assert.Equal("确定重新计算 2026-11-01 至 2026-11-30 期间的积分吗？将更新 1 条录用和 0 条领导批示的分值，涉及 1 个单位，并记入审计日志。", state.ConfirmText);

        // Another date discards the preview: 执行 waits for a new 预览.
        state.To = new DateTime(2026, 11, 20);
        Assert.Null(state.Preview);
        Assert.False(state.CanExecute);
    }

    [Fact]
    public void AMissingDateIsAskedForInChinese()
    {
        var state = RecalculationState.ForLastMonth(new DateOnly(2026, 12, 1));
        state.From = null;
        Assert.Equal((null, "请选择起始日期和截止日期"), state.ChosenPeriod());
    }
}
