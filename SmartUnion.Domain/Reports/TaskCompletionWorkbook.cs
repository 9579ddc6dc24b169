using ClosedXML.Excel;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>任务完成情况 as .xlsx: sheet 任务完成情况 (one row per unit) and sheet 拟扣分加分 (the proposal with its status).</summary>
public static class TaskCompletionWorkbook
{
    public const string Sheet = "任务完成情况";
    public const string ProposalSheet = "拟扣分加分";
    public const int FirstDataRow = 4;

    public static readonly string[] Headers = ["单位", "单位分组", "报送数", "任务数", "录用数", "录用率", "完成情况", "零报送"];
    public static readonly string[] ProposalHeaders = ["单位", "类型", "分值", "原因", "状态"];

    public static void Write(TaskCompletionReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var workbook = new XLWorkbook();
        var ws = workbook.Worksheets.Add(Sheet);
        MonthlyReportBuilder.SetText(ws.Cell(1, 1), $"任务完成情况 {report.Request.MonthText}");
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        MonthlyReportBuilder.SetText(ws.Cell(2, 1), $"统计范围：{report.ScopeText}");
        for (var c = 0; c < Headers.Length; c++) MonthlyReportBuilder.SetText(ws.Cell(3, c + 1), Headers[c]);
        var row = FirstDataRow;
        foreach (var u in report.Units)
        {
            MonthlyReportBuilder.SetText(ws.Cell(row, 1), u.UnitName);
            MonthlyReportBuilder.SetText(ws.Cell(row, 2), u.GroupName);
            ws.Cell(row, 3).SetValue(u.Reported);
            if (u.Quota is { } q) ws.Cell(row, 4).SetValue(q);
            ws.Cell(row, 5).SetValue(u.Adopted);
            ws.Cell(row, 6).SetValue(u.AdoptionRate);
            MonthlyReportBuilder.SetText(ws.Cell(row, 7), MetText(u.Met));
            MonthlyReportBuilder.SetText(ws.Cell(row, 8), u.IsZeroReport ? "是" : "");
            row++;
        }
        ws.Range(FirstDataRow, 6, Math.Max(FirstDataRow, row - 1), 6).Style.NumberFormat.Format = MonthlyReportBuilder.PercentFormat;
        Style(ws, Headers.Length, row - 1, [16, 14, 8, 8, 8, 9, 9, 8]);

        var ps = workbook.Worksheets.Add(ProposalSheet);
        for (var c = 0; c < ProposalHeaders.Length; c++) MonthlyReportBuilder.SetText(ps.Cell(1, c + 1), ProposalHeaders[c]);
        var prow = 2;
        foreach (var l in report.Lines)
        {
            MonthlyReportBuilder.SetText(ps.Cell(prow, 1), l.UnitName);
            MonthlyReportBuilder.SetText(ps.Cell(prow, 2), l.Kind.Text());
            ps.Cell(prow, 3).SetValue(l.IsBonus ? l.Points : -l.Points);
            MonthlyReportBuilder.SetText(ps.Cell(prow, 4), l.Reason);
            MonthlyReportBuilder.SetText(ps.Cell(prow, 5), StatusText(l));
            prow++;
        }
        ps.Row(1).Style.Font.SetBold();
        ps.SheetView.Freeze(1, 0);
        double[] widths = [16, 14, 8, 60, 24];
        for (var c = 0; c < widths.Length; c++) ps.Column(c + 1).Width = widths[c];
        workbook.SaveAs(output);
    }

    public static string MetText(bool? met) => met switch { true => "完成", false => "未完成", null => "未设任务" };

    public static string StatusText(ProposalLine line) => line.Status switch
    {
        ProposalStatus.Proposed => "待确认",
        ProposalStatus.Confirmed => "已确认",
        _ => $"已确认{line.ConfirmedPoints}分，当前计算{line.Points}分",
    };

    private static void Style(IXLWorksheet ws, int columns, int lastRow, double[] widths)
    {
        ws.Range(3, 1, 3, columns).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"));
        ws.Range(3, 1, Math.Max(3, lastRow), columns).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        for (var c = 0; c < widths.Length; c++) ws.Column(c + 1).Width = widths[c];
        ws.SheetView.Freeze(3, 0);
    }
}
