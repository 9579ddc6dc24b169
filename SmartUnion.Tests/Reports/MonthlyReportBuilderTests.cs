using System.IO.Compression;
using ClosedXML.Excel;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Reports;

public class MonthlyReportBuilderTests
{
    private static readonly MonthlyReportSummary Summary = new(
        "苏州市总工会信息报送月度报表 2026年10月",
        "苏州市总工会及下级单位",
        Period.Month(2026, 10),
        [new ReportPublication(1, "《苏州工会信息》", PublicationLevel.City), new ReportPublication(2, "苏州工会网", PublicationLevel.City), new ReportPublication(5, "江苏工会信息", PublicationLevel.Province)],
        [
            new ReportUnitRow(2, "姑苏区总", 4, 3, 2, [2, 0, 1], 20, 2, 18, 1),
            new ReportUnitRow(3, "=cmd|' /C calc'!A0", 0, 0, 0, [0, 0, 0], 0, 0, 0, null),
        ]);

    [Fact]
    public async Task TheWorkbookHasTheThreeSheetsWithTheirHeadersTitleAndFrozenRows()
    {
        using var wb = await BuildAsync([Adoption("标题一")], [new DeductionDetailRow(new DateOnly(2026, 10, 9), "姑苏区总", 2, "报送不及时", "市总审核员")]);

        Assert.Equal([MonthlyReportBuilder.SummarySheet, MonthlyReportBuilder.AdoptionSheet, MonthlyReportBuilder.DeductionSheet],
            wb.Worksheets.Select(w => w.Name));
        var summary = wb.Worksheet("汇总");
        Assert.Equal("苏州市总工会信息报送月度报表 2026年10月", summary.Cell(1, 1).GetString());
        Assert.Equal(["单位", "报送数", "录用数", "市级", "", "省级", "录用率", "得分", "批示加分", "加分", "扣分", "净积分", "排名"],
            Enumerable.Range(1, 13).Select(c => summary.Cell(3, c).GetString()));
        Assert.Equal(["《苏州工会信息》", "苏州工会网", "江苏工会信息"], Enumerable.Range(4, 3).Select(c => summary.Cell(4, c).GetString()));
        Assert.Equal(4, summary.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, summary.PageSetup.PageOrientation);
        Assert.Equal(1, summary.PageSetup.PagesWide);

        var detail = wb.Worksheet("录用明细");
        Assert.Equal(MonthlyReportBuilder.AdoptionHeaders, Enumerable.Range(1, 11).Select(c => detail.Cell(1, c).GetString()));
        Assert.Equal(1, detail.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, detail.PageSetup.PageOrientation);
        Assert.Equal(50, detail.Column(1).Width, 1);
        var deductions = wb.Worksheet("扣分明细");
        Assert.Equal(MonthlyReportBuilder.DeductionHeaders, Enumerable.Range(1, 6).Select(c => deductions.Cell(1, c).GetString()));
    }

    [Fact]
    public async Task SummaryCellsAreNumbersAndPercentagesAndTheTotalRowAddsUp()
    {
        using var wb = await BuildAsync([], []);
        var ws = wb.Worksheet("汇总");
        var gusu = ws.Row(MonthlyReportBuilder.SummaryFirstDataRow);
        Assert.Equal("姑苏区总", gusu.Cell(1).GetString());
        Assert.Equal(XLDataType.Number, gusu.Cell(2).DataType);
        Assert.Equal(4, gusu.Cell(2).GetDouble());
        Assert.Equal(0.5, gusu.Cell(7).GetDouble(), 6); // 2 adopted items of 4 reported (3 adoptions)
        Assert.Equal(MonthlyReportBuilder.PercentFormat, gusu.Cell(7).Style.NumberFormat.Format);
        Assert.Equal(1, gusu.Cell(13).GetDouble());

        var total = ws.Row(MonthlyReportBuilder.SummaryFirstDataRow + 2);
        Assert.Equal("合计", total.Cell(1).GetString());
        Assert.Equal([4.0, 3, 2, 0, 1, 0.5, 20, 0, 0, 2, 18], Enumerable.Range(2, 11).Select(c => Math.Round(total.Cell(c).GetDouble(), 6)));
        Assert.True(total.Cell(13).IsEmpty());
    }

    [Fact]
    public async Task DetailDatesAreExcelDatesInChinaTimeAndNumbersAreNumbers()
    {
        // 2026-10-31 23:30 China time is still October the 31st.
        var row = Adoption("深夜录用") with { AdoptedAtUtc = new DateTime(2026, 10, 31, 15, 30, 0, DateTimeKind.Utc) };
        using var wb = await BuildAsync([row], [new DeductionDetailRow(new DateOnly(2026, 10, 9), "姑苏区总", 2, "报送不及时", "市总审核员")]);

        var r = wb.Worksheet("录用明细").Row(2);
        Assert.Equal("深夜录用", r.Cell(1).GetString());
        Assert.Equal("一般信息", r.Cell(3).GetString());
        Assert.Equal(XLDataType.DateTime, r.Cell(4).DataType);
        Assert.Equal(new DateTime(2026, 10, 20), r.Cell(4).GetDateTime());
        Assert.Equal("yyyy-mm-dd", r.Cell(4).Style.NumberFormat.Format);
        Assert.Equal("市级", r.Cell(5).GetString());
        Assert.Equal(XLDataType.Number, r.Cell(8).DataType);
        Assert.Equal(2026, r.Cell(8).GetDouble());
        Assert.Equal(19, r.Cell(9).GetDouble());
        Assert.Equal(new DateTime(2026, 10, 31), r.Cell(10).GetDateTime());
        Assert.Equal(5, r.Cell(11).GetDouble());

        var d = wb.Worksheet("扣分明细").Row(2);
        Assert.Equal(XLDataType.DateTime, d.Cell(1).DataType);
        Assert.Equal(new DateTime(2026, 10, 9), d.Cell(1).GetDateTime());
        Assert.Equal(2, d.Cell(3).GetDouble());
        Assert.Equal("市总审核员", d.Cell(5).GetString());
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+1+1")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    [InlineData("<script>alert(1)</script>")]
    public async Task FormulaLikeAndMarkupTextStaysText(string text)
    {
        using var wb = await BuildAsync([Adoption(text)], [new DeductionDetailRow(new DateOnly(2026, 10, 9), "姑苏区总", 2, text, "x")]);
        foreach (var cell in new[] { wb.Worksheet("录用明细").Cell(2, 1), wb.Worksheet("扣分明细").Cell(2, 4) })
        {
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(text, cell.GetString());
        }
        var unitName = wb.Worksheet("汇总").Cell(MonthlyReportBuilder.SummaryFirstDataRow + 1, 1);
        Assert.False(unitName.HasFormula);
        Assert.Equal(XLDataType.Text, unitName.DataType);
        Assert.Equal("=cmd|' /C calc'!A0", unitName.GetString());
    }

    [Fact]
    public async Task ControlCharactersInTitlesDoNotBreakTheFile()
    {
        using var wb = await BuildAsync([Adoption("标题\u0001含控制字符\u000b")], []);
        Assert.Equal("标题含控制字符", wb.Worksheet("录用明细").Cell(2, 1).GetString());
    }

    [Fact]
    public async Task ManyDetailRowsAreStreamedAndAllArrive()
    {
        const int count = 5_000;
        using var output = new MemoryStream();
        await MonthlyReportBuilder.WriteAdoptionDetailsAsync(output, Rows(count));
        output.Position = 0;
        using var wb = new XLWorkbook(output);
        var ws = wb.Worksheet("录用明细");
        Assert.Equal(count + 1, ws.LastRowUsed()!.RowNumber());
        Assert.Equal($"公文{count - 1}", ws.Cell(count + 1, 1).GetString());
    }

    [Fact]
    public async Task TheDetailSheetXmlIsWrittenByTheStreamingWriterNotByClosedXml()
    {
        using var output = new MemoryStream();
        await MonthlyReportBuilder.WriteAdoptionDetailsAsync(output, Rows(3));
        output.Position = 0;
        using var zip = new ZipArchive(output);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("t=\"inlineStr\"", xml);
        Assert.DoesNotContain("样例", xml);
    }

    internal static AdoptionDetailRow Adoption(string title) => new(
        title, "姑苏区总", InfoCategory.General, new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc),
        PublicationLevel.City, "《苏州工会信息》", "正文", 2026, 19, new DateTime(2026, 10, 22, 2, 0, 0, DateTimeKind.Utc), 5);

    private static async IAsyncEnumerable<AdoptionDetailRow> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 1000 == 0) await Task.Yield();
            yield return Adoption($"公文{i}");
        }
    }

    private static async Task<XLWorkbook> BuildAsync(AdoptionDetailRow[] adoptions, DeductionDetailRow[] deductions)
    {
        var output = new MemoryStream();
        await MonthlyReportBuilder.WriteAsync(output, Summary, adoptions.ToAsyncEnumerable(), deductions.ToAsyncEnumerable());
        output.Position = 0;
        return new XLWorkbook(output);
    }
}
