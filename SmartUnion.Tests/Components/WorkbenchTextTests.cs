using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Pages.Workbench;

namespace SmartUnion.Tests.Components;

public class WorkbenchTextTests
{
    [Theory]
    [InlineData(30, "不足1分钟")]
    [InlineData(60 * 5, "5分钟")]
    [InlineData(60 * 60 * 2, "2小时")]
    [InlineData(60 * 130, "2小时10分钟")]
    [InlineData(60 * 60 * 24 * 3, "3天")]
    [InlineData(60 * 60 * 77, "3天5小时")]
    public void TheTimeWaitedReadsInDaysHoursAndMinutes(int seconds, string expected) =>
        Assert.Equal(expected, WorkbenchText.Waited(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ARankReadsAsTheRankingGivesItAndAUnitWithoutPointsIsNotRanked()
    {
        Assert.Equal("第2名（共5个单位）", WorkbenchText.Rank(new UnitStanding(12, 2, 5)));
        Assert.Equal("未上榜", WorkbenchText.Rank(new UnitStanding(0, null, 5)));
    }

    [Fact]
    public void TheWorkbenchIgnoresDraftSavesAndTheBellsOwnEvents()
    {
        Assert.True(SmartUnion.Web.Components.Pages.Home.Concerns(new ChangeEvent(ChangeKind.ItemReported, 1, 2)));
        Assert.True(SmartUnion.Web.Components.Pages.Home.Concerns(new ChangeEvent(ChangeKind.DeductionChanged)));
        Assert.False(SmartUnion.Web.Components.Pages.Home.Concerns(new ChangeEvent(ChangeKind.ItemSaved, 1, 2)));
        Assert.False(SmartUnion.Web.Components.Pages.Home.Concerns(new ChangeEvent(ChangeKind.NotificationAdded, 1, 2, "u")));
    }
}
