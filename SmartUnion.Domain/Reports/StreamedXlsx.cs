using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>How the cells of a streamed column are written.</summary>
public enum XlsxColumnKind
{
    Text,
    /// <summary>An Excel date (serial number) shown with the column's date format.</summary>
    Date,
    Number,
}

/// <summary>
/// A worksheet whose rows are streamed: ClosedXML lays out the sheet (header rows, column widths and
/// formats, frozen panes, print setup) in <see cref="StreamedXlsx"/>'s workbook; the data rows come from
/// <see cref="WriteRows"/>, written straight into the zip entry with the OpenXML SDK's OpenXmlWriter.
/// </summary>
public sealed record StreamedSheet(
    string Name,
    int HeaderRows,
    IReadOnlyList<XlsxColumnKind> Columns,
    Func<XlsxRowWriter, CancellationToken, Task> WriteRows);

/// <summary>
/// Assembles one .xlsx from a ClosedXML workbook (small, styled sheets) and streamed sheets (large).
///
/// Why the split (measured on this machine, 100,000 rows × 11 columns, see README "报表"):
/// ClosedXML 0.95.4 keeps every cell as an object (≈16 s, ≈1.6 GB for 100k × 15, measured), and
/// re-opening the ClosedXML package with the SDK in read/write mode buffers every part in memory
/// (System.IO.Packaging uses ZipArchiveMode.Update). So the workbook is saved by ClosedXML into a small
/// memory stream with empty, styled placeholder sheets; then a new zip is written to the output in
/// ZipArchiveMode.Create (which streams), copying every entry as is except the placeholder sheets, whose
/// XML is rewritten with OpenXmlWriter: ClosedXML's sheet settings and header rows are kept and the data
/// rows are streamed between them. Memory stays bounded by one row.
/// </summary>
public static class StreamedXlsx
{
    /// <summary>Saves <paramref name="workbook"/> to <paramref name="output"/>, filling the placeholder sheets named in <paramref name="sheets"/>.</summary>
    /// <remarks>
    /// For every streamed sheet the workbook must contain a worksheet of that name with its header rows
    /// (1..HeaderRows) and the column formats set; the data rows are not in it. Text cells are written as
    /// inline strings, so a value such as "=cmd|..." stays text.
    /// </remarks>
    public static async Task SaveAsync(XLWorkbook workbook, IReadOnlyList<StreamedSheet> sheets, Stream output, CancellationToken ct = default)
    {
        // One sample cell per column, so that ClosedXML emits a cell format for it and we can reuse its index.
        foreach (var sheet in sheets)
        {
            var ws = workbook.Worksheet(sheet.Name);
            var sampleRow = sheet.HeaderRows + 1;
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var cell = ws.Cell(sampleRow, c + 1);
                switch (sheet.Columns[c])
                {
                    case XlsxColumnKind.Date: cell.SetValue(new DateTime(2000, 1, 1)); break;
                    case XlsxColumnKind.Number: cell.SetValue(0); break;
                    default: cell.SetValue("样例"); break;
                }
            }
        }

        using var template = new MemoryStream();
        workbook.SaveAs(template);
        var layouts = sheets.ToDictionary(s => ReadLayout(template, s), s => s);

        template.Position = 0;
        using var source = new ZipArchive(template, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            ct.ThrowIfCancellationRequested();
            var layout = layouts.Keys.FirstOrDefault(l => l.EntryName == entry.FullName);
            if (layout is null)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                await using var from = entry.Open();
                await using var to = copy.Open();
                await from.CopyToAsync(to, ct);
                continue;
            }
            var streamed = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            await using var stream = streamed.Open();
            await WriteSheetAsync(stream, layout, layouts[layout], ct);
        }
    }

    private sealed record SheetLayout(
        string EntryName,
        Worksheet Root,
        IReadOnlyList<OpenXmlElement> Before,
        IReadOnlyList<Row> HeaderRows,
        IReadOnlyList<OpenXmlElement> After,
        uint?[] StyleIndexes);

    private static SheetLayout ReadLayout(MemoryStream template, StreamedSheet sheet)
    {
        template.Position = 0;
        using var doc = SpreadsheetDocument.Open(template, false);
        var workbookPart = doc.WorkbookPart!;
        var sheetElement = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet.Name);
        var part = (WorksheetPart)workbookPart.GetPartById(sheetElement.Id!);
        var root = (Worksheet)part.Worksheet.CloneNode(true);

        var before = new List<OpenXmlElement>();
        var after = new List<OpenXmlElement>();
        var headerRows = new List<Row>();
        var styles = new uint?[sheet.Columns.Count];
        var seenData = false;
        foreach (var child in root.ChildElements)
        {
            switch (child)
            {
                case SheetDimension:
                    break; // stale (it covers the sample row); optional, so it is left out
                case SheetData data:
                    seenData = true;
                    foreach (var row in data.Elements<Row>())
                    {
                        if (row.RowIndex!.Value <= sheet.HeaderRows)
                            headerRows.Add((Row)row.CloneNode(true));
                        else if (row.RowIndex.Value == sheet.HeaderRows + 1)
                            foreach (var cell in row.Elements<Cell>())
                            {
                                var column = ColumnNumber(cell.CellReference!.Value!) - 1;
                                if (column < styles.Length) styles[column] = cell.StyleIndex?.Value;
                            }
                    }
                    break;
                default:
                    (seenData ? after : before).Add(child.CloneNode(true));
                    break;
            }
        }
        root.RemoveAllChildren();
        return new SheetLayout(part.Uri.OriginalString.TrimStart('/'), root, before, headerRows, after, styles);
    }

    private static async Task WriteSheetAsync(Stream stream, SheetLayout layout, StreamedSheet sheet, CancellationToken ct)
    {
        using var writer = OpenXmlWriter.Create(stream, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteStartElement(layout.Root, layout.Root.GetAttributes(), layout.Root.NamespaceDeclarations);
        foreach (var element in layout.Before) writer.WriteElement(element);
        writer.WriteStartElement(new SheetData());
        foreach (var row in layout.HeaderRows) writer.WriteElement(row);
        var rows = new XlsxRowWriter(writer, sheet.HeaderRows + 1, sheet.Columns, layout.StyleIndexes);
        await sheet.WriteRows(rows, ct);
        rows.Finish();
        writer.WriteEndElement(); // sheetData
        foreach (var element in layout.After) writer.WriteElement(element);
        writer.WriteEndElement(); // worksheet
        writer.Close();
    }

    internal static int ColumnNumber(string cellReference)
    {
        var n = 0;
        foreach (var ch in cellReference)
        {
            if (ch is < 'A' or > 'Z') break;
            n = n * 26 + (ch - 'A' + 1);
        }
        return n;
    }

    internal static string ColumnLetters(int number)
    {
        var letters = "";
        while (number > 0)
        {
            var m = (number - 1) % 26;
            letters = (char)('A' + m) + letters;
            number = (number - 1) / 26;
        }
        return letters;
    }
}

/// <summary>Writes the data rows of a streamed sheet, one cell after the other in column order.</summary>
public sealed class XlsxRowWriter
{
    /// <summary>Excel's last row.</summary>
    public const int MaxRows = 1_048_576;

    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    private readonly OpenXmlWriter writer;
    private readonly IReadOnlyList<XlsxColumnKind> kinds;
    private readonly string[] letters;
    private readonly string?[] styles;
    private int row;
    private int column;
    private bool inRow;

    internal XlsxRowWriter(OpenXmlWriter writer, int firstRow, IReadOnlyList<XlsxColumnKind> kinds, uint?[] styleIndexes)
    {
        this.writer = writer;
        this.kinds = kinds;
        row = firstRow - 1;
        letters = Enumerable.Range(1, kinds.Count).Select(StreamedXlsx.ColumnLetters).ToArray();
        styles = styleIndexes.Select(s => s?.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Data rows written so far.</summary>
    public int RowsWritten { get; private set; }

    public void StartRow()
    {
        if (inRow) EndRow();
        if (row + 1 > MaxRows) throw new Entities.DomainException($"数据超过Excel的最大行数（{MaxRows}行），请缩小范围");
        row++;
        column = 0;
        inRow = true;
        writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
    }

    public void EndRow()
    {
        if (!inRow) return;
        writer.WriteEndElement();
        inRow = false;
        RowsWritten++;
    }

    /// <summary>A text cell (inline string): never evaluated as a formula, whatever it starts with.</summary>
    public void Text(string? value)
    {
        var index = NextColumn();
        if (string.IsNullOrEmpty(value)) return;
        writer.WriteStartElement(CellElement, CellAttributes(index, "inlineStr"));
        writer.WriteStartElement(InlineElement);
        writer.WriteStartElement(TextElement, [PreserveSpace]);
        writer.WriteString(XmlSafe(value));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A number cell.</summary>
    public void Number(double? value)
    {
        var index = NextColumn();
        if (value is null) return;
        WriteValue(index, value.Value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A date cell from a UTC instant, shown as the China calendar date.</summary>
    public void DateUtc(DateTime? utc) => Date(utc is null ? null : DateOnly.FromDateTime(ChinaTime.ToLocal(utc.Value)));

    /// <summary>A date cell (an Excel serial number under the column's date format).</summary>
    public void Date(DateOnly? date)
    {
        var index = NextColumn();
        if (date is null) return;
        WriteValue(index, date.Value.ToDateTime(TimeOnly.MinValue).ToOADate().ToString("R", CultureInfo.InvariantCulture));
    }

    internal void Finish() => EndRow();

    private int NextColumn()
    {
        if (!inRow) throw new InvalidOperationException("StartRow first");
        if (column >= kinds.Count) throw new InvalidOperationException("more cells than columns");
        return column++;
    }

    private void WriteValue(int index, string text)
    {
        writer.WriteStartElement(CellElement, CellAttributes(index, null));
        writer.WriteStartElement(ValueElement);
        writer.WriteString(text);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private List<OpenXmlAttribute> CellAttributes(int index, string? type)
    {
        var attributes = new List<OpenXmlAttribute>(3) { new("r", "", letters[index] + row.ToString(CultureInfo.InvariantCulture)) };
        if (styles[index] is { } s) attributes.Add(new OpenXmlAttribute("s", "", s));
        if (type is not null) attributes.Add(new OpenXmlAttribute("t", "", type));
        return attributes;
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters pasted from other programs).</summary>
    private static string XmlSafe(string value)
    {
        foreach (var ch in value)
        {
            if (!IsXmlChar(ch)) return string.Concat(value.Where(IsXmlChar));
        }
        return value;
    }

    private static bool IsXmlChar(char ch) =>
        ch is '\t' or '\n' or '\r' || (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF);
}
