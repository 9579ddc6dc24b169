using ClosedXML.Excel;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Reports;

/// <summary>
/// Writes the monthly report workbook: 汇总 (styled, built with ClosedXML), 录用明细 and 扣分明细
/// (streamed with OpenXmlWriter through <see cref="StreamedXlsx"/>, so 100,000 adoptions fit in bounded memory).
/// </summary>
public static class MonthlyReportBuilder
{
    public const string SummarySheet = "汇总";
    public const string AdoptionSheet = "录用明细";
    public const string DeductionSheet = "扣分明细";
    public const string DateFormat = "yyyy-mm-dd";
    public const string PercentFormat = "0.00%";

    /// <summary>First data row of 汇总: title, scope line, two header rows.</summary>
    public const int SummaryFirstDataRow = 5;

    public static readonly string[] AdoptionHeaders =
        ["公文标题", "报送工会", "信息分类", "上报日期", "所属市区", "期刊名称", "采用形式", "采用年", "采用期次", "录用日期", "分值"];

    public static readonly string[] DeductionHeaders = ["扣分日期", "单位", "扣分分值", "扣分原因", "录入人", "类型"];

    private static readonly XlsxColumnKind[] AdoptionKinds =
    [
        XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Date, XlsxColumnKind.Text,
        XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Number, XlsxColumnKind.Number, XlsxColumnKind.Date,
        XlsxColumnKind.Number,
    ];

    private static readonly double[] AdoptionWidths = [50, 12, 14, 12, 9, 18, 10, 8, 9, 12, 7];

    private static readonly XlsxColumnKind[] DeductionKinds =
        [XlsxColumnKind.Date, XlsxColumnKind.Text, XlsxColumnKind.Number, XlsxColumnKind.Text, XlsxColumnKind.Text, XlsxColumnKind.Text];

    private static readonly double[] DeductionWidths = [12, 14, 10, 50, 14, 8];

    /// <summary>Writes the whole report to <paramref name="output"/>; <paramref name="progress"/> receives the number of detail rows written.</summary>
    public static async Task WriteAsync(
        Stream output,
        MonthlyReportSummary summary,
        IAsyncEnumerable<AdoptionDetailRow> adoptions,
        IAsyncEnumerable<DeductionDetailRow> deductions,
        IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        using var workbook = new XLWorkbook();
        AddSummarySheet(workbook, summary);
        var written = 0;
        await StreamedXlsx.SaveAsync(workbook,
        [
            AddAdoptionSheet(workbook, adoptions, n => progress?.Report(written = n)),
            AddDeductionSheet(workbook, deductions, n => progress?.Report(written + n)),
        ], output, ct);
    }

    /// <summary>
    /// A workbook holding only the 录用明细 sheet: the entry point for benchmarks (e.g. against MiniExcel)
    /// that feed synthetic rows without a database.
    /// </summary>
    public static async Task WriteAdoptionDetailsAsync(Stream output, IAsyncEnumerable<AdoptionDetailRow> rows, CancellationToken ct = default)
    {
        using var workbook = new XLWorkbook();
        await StreamedXlsx.SaveAsync(workbook, [AddAdoptionSheet(workbook, rows, _ => { })], output, ct);
    }

    private static void AddSummarySheet(XLWorkbook workbook, MonthlyReportSummary summary)
    {
        var ws = workbook.Worksheets.Add(SummarySheet);
        var pubs = summary.Publications;
        const int firstPub = 4;
        var rateCol = firstPub + pubs.Count;
        var lastCol = rateCol + 6;

        ws.Range(1, 1, 1, lastCol).Merge();
        SetText(ws.Cell(1, 1), summary.Title);
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Row(1).Height = 28;
        ws.Range(2, 1, 2, lastCol).Merge();
        SetText(ws.Cell(2, 1), $"范围：{summary.ScopeText}　　统计期间：{summary.Period}");

        void Header(int column, string text, bool spanTwoRows)
        {
            SetText(ws.Cell(3, column), text);
            if (spanTwoRows) ws.Range(3, column, 4, column).Merge();
        }
        Header(1, "单位", true);
        Header(2, "报送数", true);
        Header(3, "录用数", true);
        foreach (var group in pubs.Select((p, i) => (p, i)).GroupBy(x => x.p.Level))
        {
            var from = firstPub + group.First().i;
            var to = firstPub + group.Last().i;
            SetText(ws.Cell(3, from), group.Key.Text());
            if (to > from) ws.Range(3, from, 3, to).Merge();
            foreach (var (p, i) in group) SetText(ws.Cell(4, firstPub + i), p.Name);
        }
        Header(rateCol, "录用率", true);
        Header(rateCol + 1, "得分", true);
        Header(rateCol + 2, "批示加分", true);
        Header(rateCol + 3, "加分", true);
        Header(rateCol + 4, "扣分", true);
        Header(rateCol + 5, "净积分", true);
        Header(rateCol + 6, "排名", true);
        var header = ws.Range(3, 1, 4, lastCol);
        header.Style.Font.SetBold()
            .Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"))
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center)
            .Alignment.SetWrapText();

        var row = SummaryFirstDataRow;
        foreach (var unit in summary.Units)
        {
            SetText(ws.Cell(row, 1), unit.UnitName);
            ws.Cell(row, 2).SetValue(unit.Reported);
            ws.Cell(row, 3).SetValue(unit.Adopted);
            for (var i = 0; i < pubs.Count; i++) ws.Cell(row, firstPub + i).SetValue(unit.AdoptedPerPublication[i]);
            ws.Cell(row, rateCol).SetValue(unit.AdoptionRate);
            ws.Cell(row, rateCol + 1).SetValue(unit.Points.Value);
            ws.Cell(row, rateCol + 2).SetValue(unit.Instructed.Value);
            ws.Cell(row, rateCol + 3).SetValue(unit.Bonus.Value);
            ws.Cell(row, rateCol + 4).SetValue(unit.Deducted.Value);
            ws.Cell(row, rateCol + 5).SetValue(unit.Net.Value);
            if (unit.Rank is { } rank) ws.Cell(row, rateCol + 6).SetValue(rank);
            row++;
        }

        // 合计: sums of the unit rows (values, not formulas, so every reader sees the numbers).
        var units = summary.Units;
        var reported = units.Sum(u => u.Reported);
        var adopted = units.Sum(u => u.Adopted);
        var adoptedItems = units.Sum(u => u.AdoptedItems);
        SetText(ws.Cell(row, 1), "合计");
        ws.Cell(row, 2).SetValue(reported);
        ws.Cell(row, 3).SetValue(adopted);
        for (var i = 0; i < pubs.Count; i++) ws.Cell(row, firstPub + i).SetValue(units.Sum(u => u.AdoptedPerPublication[i]));
        ws.Cell(row, rateCol).SetValue(ReportUnitRow.Rate(adoptedItems, reported));
        ws.Cell(row, rateCol + 1).SetValue(units.Sum(u => u.Points.Value));
        ws.Cell(row, rateCol + 2).SetValue(units.Sum(u => u.Instructed.Value));
        ws.Cell(row, rateCol + 3).SetValue(units.Sum(u => u.Bonus.Value));
        ws.Cell(row, rateCol + 4).SetValue(units.Sum(u => u.Deducted.Value));
        ws.Cell(row, rateCol + 5).SetValue(units.Sum(u => u.Net.Value));
        ws.Range(row, 1, row, lastCol).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));

        ws.Range(SummaryFirstDataRow, rateCol, row, rateCol).Style.NumberFormat.Format = PercentFormat;
        ws.Range(SummaryFirstDataRow, 2, row, lastCol).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var table = ws.Range(3, 1, row, lastCol);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);

        // AdjustToContents needs libgdiplus (not installed on the servers) and is slow: widths are explicit.
        ws.Column(1).Width = 16;
        ws.Columns(2, 3).Width = 8;
        for (var i = 0; i < pubs.Count; i++) ws.Column(firstPub + i).Width = Math.Clamp(pubs[i].Name.Length * 2 + 2, 10, 18);
        ws.Column(rateCol).Width = 9;
        ws.Columns(rateCol + 1, lastCol).Width = 8;
        ws.Row(4).Height = 30;

        ws.SheetView.Freeze(4, 1);
        PrintSetup(ws, 4);
    }

    private static StreamedSheet AddAdoptionSheet(XLWorkbook workbook, IAsyncEnumerable<AdoptionDetailRow> rows, Action<int> progress)
    {
        var ws = DetailSheet(workbook, AdoptionSheet, AdoptionHeaders, AdoptionWidths, AdoptionKinds);
        return new StreamedSheet(ws.Name, 1, AdoptionKinds, async (w, ct) =>
        {
            await foreach (var r in rows.WithCancellation(ct))
            {
                w.StartRow();
                w.Text(r.Title);
                w.Text(r.UnitName);
                w.Text(r.Category.Text());
                w.DateUtc(r.ReportedAtUtc);
                w.Text(r.Level.Text());
                w.Text(r.PublicationName);
                w.Text(r.FormName);
                w.Number(r.Year);
                w.Number(r.Issue);
                w.DateUtc(r.AdoptedAtUtc);
                w.Number((double)r.Points.Value);
                w.EndRow();
                if (w.RowsWritten % 1000 == 0) progress(w.RowsWritten);
            }
            progress(w.RowsWritten);
        });
    }

    private static StreamedSheet AddDeductionSheet(XLWorkbook workbook, IAsyncEnumerable<DeductionDetailRow> rows, Action<int> progress)
    {
        var ws = DetailSheet(workbook, DeductionSheet, DeductionHeaders, DeductionWidths, DeductionKinds);
        return new StreamedSheet(ws.Name, 1, DeductionKinds, async (w, ct) =>
        {
            await foreach (var r in rows.WithCancellation(ct))
            {
                w.StartRow();
                w.Date(r.Date);
                w.Text(r.UnitName);
                w.Number((double)r.Points.Value);
                w.Text(r.Reason);
                w.Text(r.EnteredBy);
                w.Text(r.Kind.Text());
                w.EndRow();
                if (w.RowsWritten % 1000 == 0) progress(w.RowsWritten);
            }
            progress(w.RowsWritten);
        });
    }

    /// <summary>A placeholder sheet for streamed rows: header row, widths, formats, frozen header, print setup.</summary>
    internal static IXLWorksheet DetailSheet(XLWorkbook workbook, string name, string[] headers, double[] widths, XlsxColumnKind[] kinds)
    {
        var ws = workbook.Worksheets.Add(name);
        for (var c = 0; c < headers.Length; c++)
        {
            SetText(ws.Cell(1, c + 1), headers[c]);
            ws.Column(c + 1).Width = widths[c];
            if (kinds[c] == XlsxColumnKind.Date) ws.Column(c + 1).Style.NumberFormat.Format = DateFormat;
        }
        ws.Range(1, 1, 1, headers.Length).Style.Font.SetBold()
            .Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"))
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        ws.SheetView.FreezeRows(1);
        PrintSetup(ws, 1);
        return ws;
    }

    internal static void PrintSetup(IXLWorksheet ws, int headerRows)
    {
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.FitToPages(1, 0);
        ws.PageSetup.SetRowsToRepeatAtTop(1, headerRows);
        ws.PageSetup.CenterHorizontally = true;
    }

    /// <summary>
    /// Text as text: a value such as "=cmd|' /C calc'!A0" or "+1" is stored as a string with Excel's quote
    /// prefix, never as a formula or a number.
    /// </summary>
    internal static void SetText(IXLCell cell, string? text)
    {
        text ??= "";
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
            cell.Style.IncludeQuotePrefix = true;
    }
}
