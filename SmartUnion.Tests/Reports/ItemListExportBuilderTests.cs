using ClosedXML.Excel;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;

namespace SmartUnion.Tests.Reports;

public class ItemListExportBuilderTests
{
    private static readonly ItemListExportPublication[] Publications =
    [
        new(1, "《苏州工会信息》", PublicationLevel.City),
        new(2, "苏州工会网", PublicationLevel.City),
        new(5, "江苏工会信息", PublicationLevel.Province),
        new(9, "《工会信息》", PublicationLevel.National),
    ];

    [Fact]
    public async Task HeadersGroupThePublicationsUnderTheirLevels()
    {
        using var wb = await BuildAsync([]);
        var ws = wb.Worksheet(ItemListExportBuilder.SheetName);
        Assert.Equal(["公文标题", "公文类别", "报送工会", "上报日期", "状态", "市级", "", "省级", "国家级"],
            Enumerable.Range(1, 9).Select(c => ws.Cell(1, c).GetString()));
        Assert.Equal(["《苏州工会信息》", "苏州工会网", "江苏工会信息", "《工会信息》"], Enumerable.Range(6, 4).Select(c => ws.Cell(2, c).GetString()));
        Assert.True(ws.Cell(1, 6).IsMerged());
        Assert.Equal(2, ws.SheetView.SplitRow);
        Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
    }

    [Fact]
    public async Task RowsCarryTextRealDatesAndAnAdoptedDatePerPublication()
    {
        var reported = new DateTime(2026, 10, 31, 17, 0, 0, DateTimeKind.Utc); // 2026-11-01 01:00 in China
        var adopted = new DateTime(2026, 11, 3, 2, 0, 0, DateTimeKind.Utc);
        using var wb = await BuildAsync(
        [
            new ItemListExportRow("开展职工技能大赛", InfoCategory.Research, "姑苏区总", reported, ItemState.Adopted,
                new Dictionary<int, DateTime> { [2] = adopted, [9] = adopted.AddDays(1) }),
            new ItemListExportRow("草稿", InfoCategory.General, "姑苏区总", null, ItemState.Draft, new Dictionary<int, DateTime>()),
        ]);
        var ws = wb.Worksheet(ItemListExportBuilder.SheetName);
        var row = ws.Row(3);
        Assert.Equal("开展职工技能大赛", row.Cell(1).GetString());
        Assert.Equal("综合调研信息", row.Cell(2).GetString());
        Assert.Equal("姑苏区总", row.Cell(3).GetString());
        Assert.Equal(XLDataType.DateTime, row.Cell(4).DataType);
        Assert.Equal(new DateTime(2026, 11, 1), row.Cell(4).GetDateTime());
        Assert.Equal("已录用", row.Cell(5).GetString());
        Assert.True(row.Cell(6).IsEmpty());
        Assert.Equal(XLDataType.DateTime, row.Cell(7).DataType);
        Assert.Equal(new DateTime(2026, 11, 3), row.Cell(7).GetDateTime());
        Assert.Equal(ItemListExportBuilder.AdoptedDateFormat, row.Cell(7).Style.NumberFormat.Format);
        Assert.True(row.Cell(8).IsEmpty());
        Assert.Equal(new DateTime(2026, 11, 4), row.Cell(9).GetDateTime());

        var draft = ws.Row(4);
        Assert.Equal("未上报", draft.Cell(5).GetString());
        Assert.True(draft.Cell(4).IsEmpty());
    }

    [Fact]
    public async Task FormulaLikeTitlesStayTextAndManyRowsArrive()
    {
        const int count = 3_000;
        using var wb = await BuildAsync(Enumerable.Range(0, count).Select(i =>
            new ItemListExportRow(i == 0 ? "=HYPERLINK(\"http://x\")" : $"公文{i}", InfoCategory.General, "吴中区总", null, ItemState.Reported,
                new Dictionary<int, DateTime>())).ToArray());
        var ws = wb.Worksheet(ItemListExportBuilder.SheetName);
        Assert.False(ws.Cell(3, 1).HasFormula);
        Assert.Equal("=HYPERLINK(\"http://x\")", ws.Cell(3, 1).GetString());
        Assert.Equal(count + 2, ws.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public void TheFileNameCarriesTheDate() =>
        Assert.Equal("公文信息_2026-11-26.xlsx", ItemListExportBuilder.FileName(new DateOnly(2026, 11, 26)));

    private static async Task<XLWorkbook> BuildAsync(ItemListExportRow[] rows)
    {
        var output = new MemoryStream();
        await ItemListExportBuilder.WriteAsync(output, Publications, rows.ToAsyncEnumerable());
        output.Position = 0;
        return new XLWorkbook(output);
    }
}
