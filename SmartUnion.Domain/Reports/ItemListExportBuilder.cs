using ClosedXML.Excel;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>A publication column of the 公文信息 list export, grouped under its level (市级 / 省级 / 国家级).</summary>
public sealed record ItemListExportPublication(int Id, string Name, PublicationLevel Level);

/// <summary>One line of the 公文信息 list export; <see cref="AdoptedAtUtc"/> holds the 录用日期 per publication id.</summary>
public sealed record ItemListExportRow(
    string Title,
    InfoCategory Category,
    string UnitName,
    DateTime? ReportedAtUtc,
    ItemState State,
    IReadOnlyDictionary<int, DateTime> AdoptedAtUtc);

/// <summary>
/// 导出Excel of the 公文信息 list: the rows of the current filter with the screen's columns — 公文标题, 公文类别,
/// 报送工会, 上报日期, 状态, then one column per publication under its level showing "已录用 yyyy-mm-dd"
/// (a real date with that number format) when adopted. Rows are streamed like the report's detail sheets.
/// </summary>
public static class ItemListExportBuilder
{
    public const string SheetName = "公文信息";
    public const string AdoptedDateFormat = "\"已录用 \"yyyy-mm-dd";
    public const int HeaderRows = 2;

    public static readonly string[] FixedHeaders = ["公文标题", "公文类别", "报送工会", "上报日期", "状态"];
    private static readonly double[] FixedWidths = [50, 14, 12, 12, 9];

    /// <summary>e.g. 公文信息_2026-11-26.xlsx.</summary>
    public static string FileName(DateOnly today) => $"公文信息_{today:yyyy-MM-dd}.xlsx";

    /// <summary>The export's publication columns: the list's active publications, in screen order under their levels.</summary>
    public static IReadOnlyList<ItemListExportPublication> PublicationsOf(IReadOnlyList<PublicationColumnGroup> groups) =>
        groups.SelectMany(g => g.Publications.Select(p => new ItemListExportPublication(p.Id, p.Name, g.Level))).ToList();

    /// <summary>A list row as an export row: the 录用日期 shown under each publication column.</summary>
    public static ItemListExportRow RowOf(ItemListRow row, IReadOnlyList<ItemListExportPublication> publications)
    {
        var adopted = new Dictionary<int, DateTime>();
        foreach (var p in publications)
            if (row.AdoptedAtFor(p.Id) is { } at) adopted[p.Id] = at;
        return new ItemListExportRow(row.Title, row.Category, row.UnitName, row.ReportedAt, row.State, adopted);
    }

    /// <summary>Maps the list's rows as they stream in.</summary>
    public static async IAsyncEnumerable<ItemListExportRow> RowsOf(IAsyncEnumerable<ItemListRow> rows,
        IReadOnlyList<ItemListExportPublication> publications,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in rows.WithCancellation(ct))
            yield return RowOf(row, publications);
    }

    /// <summary>Writes the export to <paramref name="output"/>; <paramref name="publications"/> in screen order.</summary>
    public static async Task WriteAsync(
        Stream output,
        IReadOnlyList<ItemListExportPublication> publications,
        IAsyncEnumerable<ItemListExportRow> rows,
        CancellationToken ct = default)
    {
        var kinds = new[] { XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Date, XlsxColumnKind.Text }
            .Concat(publications.Select(_ => XlsxColumnKind.Date))
            .ToArray();
        using var workbook = new XLWorkbook();
        var ws = workbook.Worksheets.Add(SheetName);
        for (var c = 0; c < FixedHeaders.Length; c++)
        {
            MonthlyReportBuilder.SetText(ws.Cell(1, c + 1), FixedHeaders[c]);
            ws.Range(1, c + 1, 2, c + 1).Merge();
            ws.Column(c + 1).Width = FixedWidths[c];
        }
        ws.Column(4).Style.NumberFormat.Format = MonthlyReportBuilder.DateFormat;
        var first = FixedHeaders.Length + 1;
        foreach (var group in publications.Select((p, i) => (p, i)).GroupBy(x => x.p.Level))
        {
            var from = first + group.First().i;
            var to = first + group.Last().i;
            MonthlyReportBuilder.SetText(ws.Cell(1, from), group.Key.Text());
            if (to > from) ws.Range(1, from, 1, to).Merge();
            foreach (var (p, i) in group)
            {
                MonthlyReportBuilder.SetText(ws.Cell(2, first + i), p.Name);
                ws.Column(first + i).Width = Math.Clamp(p.Name.Length * 2 + 2, 18, 22);
                ws.Column(first + i).Style.NumberFormat.Format = AdoptedDateFormat;
            }
        }
        var lastCol = kinds.Length;
        ws.Range(1, 1, HeaderRows, lastCol).Style.Font.SetBold()
            .Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"))
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        ws.SheetView.Freeze(HeaderRows, 1);
        MonthlyReportBuilder.PrintSetup(ws, HeaderRows);

        await StreamedXlsx.SaveAsync(workbook,
        [
            new StreamedSheet(SheetName, HeaderRows, kinds, async (w, token) =>
            {
                await foreach (var r in rows.WithCancellation(token))
                {
                    w.StartRow();
                    w.Text(r.Title);
                    w.Text(r.Category.Text());
                    w.Text(r.UnitName);
                    w.DateUtc(r.ReportedAtUtc);
                    w.Text(r.State.Text());
                    foreach (var p in publications)
                        w.DateUtc(r.AdoptedAtUtc.TryGetValue(p.Id, out var at) ? at : null);
                    w.EndRow();
                }
            }),
        ], output, ct);
    }
}
