using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SmartUnion.Domain.Reports;

/// <summary>
/// Writes the 通报's blocks as a Word document with the OpenXML SDK: A4 with the margins of 党政机关公文格式 (GB/T 9704),
/// every run's fonts named explicitly for East Asian and Latin text (宋体 title, 黑体 headings, 楷体 sub-headings, 仿宋
/// body, 宋体 tables; Times New Roman for digits and Latin letters) and the language zh-CN, so that Word, WPS and
/// LibreOffice lay it out alike, with a page number in the footer.
/// </summary>
public static class BulletinDocument
{
    public const string TitleFont = "宋体";
    public const string HeadingFont = "黑体";
    public const string SubHeadingFont = "楷体";
    public const string BodyFont = "仿宋";
    public const string TableFont = "宋体";
    public const string LatinFont = "Times New Roman";

    // Sizes in half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt.
    private const int TitleSize = 44;
    private const int BodySize = 32;
    private const int TableSize = 21;

    public static void Write(IReadOnlyList<BulletinBlock> blocks, Stream output)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        AddDefaults(main);
        var body = new Body();
        foreach (var block in blocks)
        {
            switch (block.Kind)
            {
                case BulletinBlockKind.Title:
                    body.Append(Paragraph(block.Text, TitleFont, TitleSize, bold: true, JustificationValues.Center, spaceAfter: 240));
                    break;
                case BulletinBlockKind.Masthead:
                    body.Append(Paragraph(block.Text, BodyFont, BodySize, bold: false, JustificationValues.Center));
                    break;
                case BulletinBlockKind.Heading:
                    body.Append(Paragraph(block.Text, HeadingFont, BodySize, bold: false, JustificationValues.Left, firstLineChars: 200, spaceBefore: 120));
                    break;
                case BulletinBlockKind.SubHeading:
                    body.Append(Paragraph(block.Text, SubHeadingFont, BodySize, bold: false, JustificationValues.Left, firstLineChars: 200));
                    break;
                case BulletinBlockKind.Paragraph:
                    body.Append(Paragraph(block.Text, BodyFont, BodySize, bold: false, JustificationValues.Both, firstLineChars: 200));
                    break;
                case BulletinBlockKind.Table:
                    body.Append(Table(block.Header ?? [], block.Rows ?? []));
                    body.Append(Paragraph("", BodyFont, TableSize, bold: false, JustificationValues.Left));
                    break;
            }
        }
        body.Append(Section(main));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>Document defaults: 仿宋 三号, zh-CN, and the styles part Word expects.</summary>
    private static void AddDefaults(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(BodyFont), new FontSize { Val = BodySize.ToString() },
                    new Languages { Val = "en-US", EastAsia = "zh-CN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Styles.Save();
    }

    private static RunFonts Fonts(string eastAsia) =>
        new() { Ascii = LatinFont, HighAnsi = LatinFont, ComplexScript = LatinFont, EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia };

    private static RunProperties RunProps(string font, int size, bool bold)
    {
        var props = new RunProperties(Fonts(font));
        if (bold) props.Append(new Bold());
        props.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() },
            new Languages { Val = "en-US", EastAsia = "zh-CN" });
        return props;
    }

    private static Paragraph Paragraph(string text, string font, int size, bool bold, JustificationValues justification,
        int firstLineChars = 0, int spaceBefore = 0, int spaceAfter = 0)
    {
        var props = new ParagraphProperties(new Justification { Val = justification });
        if (spaceBefore > 0 || spaceAfter > 0)
            props.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(), After = spaceAfter.ToString() });
        if (firstLineChars > 0) props.Append(new Indentation { FirstLineChars = firstLineChars });
        var paragraph = new Paragraph(props);
        if (text.Length > 0) paragraph.Append(new Run(RunProps(font, size, bold), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Table Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        static BorderType Line<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Color = "000000" };
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableJustification { Val = TableRowAlignmentValues.Center },
            new TableBorders(Line<TopBorder>(), Line<BottomBorder>(), Line<LeftBorder>(), Line<RightBorder>(),
                Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>())));
        table.Append(Row(header, bold: true, isHeader: true));
        foreach (var row in rows) table.Append(Row(row, bold: false, isHeader: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold, bool isHeader)
    {
        var row = new TableRow();
        if (isHeader) row.Append(new TableRowProperties(new TableHeader()));
        foreach (var cell in cells)
        {
            var paragraph = new Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto }),
                new Run(RunProps(TableFont, TableSize, bold), new Text(cell) { Space = SpaceProcessingModeValues.Preserve }));
            row.Append(new TableCell(new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }), paragraph));
        }
        return row;
    }

    /// <summary>A4, margins 3.7 / 3.5 / 2.8 / 2.6 cm, a centred page number in the footer (— 1 —).</summary>
    private static SectionProperties Section(MainDocumentPart main)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(RunProps(BodyFont, 28, false), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(RunProps(BodyFont, 28, false), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(RunProps(BodyFont, 28, false), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(RunProps(BodyFont, 28, false), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(RunProps(BodyFont, 28, false), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        footer.Footer.Save();
        return new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U });
    }
}
