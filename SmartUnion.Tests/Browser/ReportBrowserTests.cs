using ClosedXML.Excel;
using Microsoft.Playwright;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ReportBrowserTests(BrowserFixture fixture)
{
    private static readonly string[] AllUnits =
        ["苏州市总工会", "姑苏区总", "吴中区总", "相城区总", "吴江区总", "高新区总", "工业园区总", "常熟市总", "张家港市总", "昆山市总", "太仓市总", "合计"];

    [Fact]
    public async Task AReviewerPicksAMonthAndDownloadsTheMonthlyReport()
    {
        var page = await fixture.LoginAsync("shenhe", path: "/reports");
        await Assertions.Expect(page.Locator("#report-scope")).ToHaveTextAsync("范围：苏州市总工会及下级单位");

        await page.Locator("#report-month .mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "9月", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#report-period")).ToContainTextAsync("年9月");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#report-download").ClickAsync());
        Assert.Matches(@"^苏州工会信息月报_\d{4}-09\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var wb = new XLWorkbook(path);
            var ws = wb.Worksheet(MonthlyReportBuilder.SummarySheet);
            Assert.EndsWith("年9月", ws.Cell(1, 1).GetString());
            var units = Enumerable.Range(MonthlyReportBuilder.SummaryFirstDataRow, 20)
                .Select(r => ws.Cell(r, 1).GetString()).TakeWhile(s => s.Length > 0).ToList();
            Assert.Equal(AllUnits, units);
        }
        finally
        {
            File.Delete(path);
        }
        await Assertions.Expect(page.Locator("#report-done")).ToContainTextAsync("苏州工会信息月报_");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReporterSeesItsOwnUnitAsTheScopeAndYearToDateChangesThePeriod()
    {
        var page = await fixture.LoginAsync("kunshan", path: "/reports");
        await Assertions.Expect(page.Locator("#report-scope")).ToHaveTextAsync("范围：昆山市总");
        var lastMonth = ChinaTime.Today(TimeProvider.System).AddMonths(-1);
        await Assertions.Expect(page.Locator("#report-period")).ToContainTextAsync($"（{lastMonth.Year}年{lastMonth.Month}月）");
        await page.Locator("#report-ytd").ClickAsync();
        await Assertions.Expect(page.Locator("#report-period")).ToContainTextAsync("年1-");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#report-download").ClickAsync());
        Assert.Matches(@"^苏州工会信息月报_\d{4}-01至\d{2}\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var wb = new XLWorkbook(path);
            var ws = wb.Worksheet(MonthlyReportBuilder.SummarySheet);
            Assert.Equal("昆山市总", ws.Cell(MonthlyReportBuilder.SummaryFirstDataRow, 1).GetString());
            Assert.Equal("合计", ws.Cell(MonthlyReportBuilder.SummaryFirstDataRow + 1, 1).GetString());
        }
        finally
        {
            File.Delete(path);
        }
        await page.Context.CloseAsync();
    }
}
