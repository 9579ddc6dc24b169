using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Reports;

public class MonthlyReportServiceTests : IAsyncLifetime
{
    private static readonly MonthlyReportRequest October = new(2026, 10, false);
    private TestDatabase t = default!;
    private Caller reviewer = default!;
    private Caller gusu = default!;
    private Caller kunshan = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reviewer = await t.CreateUserAsync("审核", "苏州市总工会", Roles.Reviewer);
        gusu = await t.CreateUserAsync("姑苏", "姑苏区总", Roles.Reporter);
        kunshan = await t.CreateUserAsync("昆山", "昆山市总", Roles.Reporter);

        // October: 姑苏 reports 3 (one adopted twice), 昆山 reports 1 (adopted once) and has a deduction;
        // a draft, a September adoption and a November deduction must not count.
        var a = await AddItemAsync(gusu, "姑苏一", Oct(3));
        await AdoptAsync(a, "《苏州工会信息》", "正文", Oct(5));
        await AdoptAsync(a, "江苏工会信息", "正文", Oct(6));
        await AddItemAsync(gusu, "姑苏二", Oct(10));
        await AddItemAsync(gusu, "=cmd|' /C calc'!A0", Oct(11));
        await AddItemAsync(gusu, "草稿", null);
        var k = await AddItemAsync(kunshan, "昆山一", Oct(4));
        await AdoptAsync(k, "苏州工会网", "文字", Oct(31, hour: 23)); // 23:00 China time on the 31st: still October
        var old = await AddItemAsync(kunshan, "昆山九月", new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc));
        await AdoptAsync(old, "《工会信息》", "正文", new DateTime(2026, 9, 3, 2, 0, 0, DateTimeKind.Utc));
        await DeductAsync("昆山市总", 3, "报送不及时", new DateOnly(2026, 10, 15));
        await DeductAsync("姑苏区总", 1, "十一月扣分", new DateOnly(2026, 11, 2));
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task ScoresDeductionsNetPointsAndRanksEqualTheRankingService()
    {
        using var wb = await WriteAsync(reviewer, October);
        var ranking = await t.Get<RankingService>().GetRankingAsync(reviewer, October.Period);
        Assert.NotEmpty(ranking);
        var rows = SummaryRows(wb);

        foreach (var r in ranking)
        {
            var row = rows[r.Score.UnitName];
            Assert.Equal(r.Score.AdoptionCount, Number(row, "录用数"));
            Assert.Equal((double)r.Score.AdoptionPoints.Value, Number(row, "得分"));
            Assert.Equal((double)r.Score.InstructionPoints.Value, Number(row, "批示加分"));
            Assert.Equal((double)r.Score.DeductionPoints.Value, Number(row, "扣分"));
            Assert.Equal((double)r.Score.Total.Value, Number(row, "净积分"));
            Assert.Equal(r.Rank, Number(row, "排名"));
        }
        var total = rows["合计"];
        Assert.Equal((double)ranking.SumPoints(r => r.Score.AdoptionPoints).Value, Number(total, "得分"));
        Assert.Equal((double)ranking.SumPoints(r => r.Score.DeductionPoints).Value, Number(total, "扣分"));
        Assert.Equal((double)ranking.SumPoints(r => r.Score.Total).Value, Number(total, "净积分"));
        // The concrete numbers, so that a wrong ranking would not pass unnoticed either.
        Assert.Equal(15, Number(rows["姑苏区总"], "得分"));
        Assert.Equal(-1, Number(rows["昆山市总"], "净积分"));
    }

    [Fact]
    public async Task TheSummaryHasOneRowPerUnitInUnitOrderWithReportsAdoptionsPerPublicationAndRate()
    {
        using var wb = await WriteAsync(reviewer, October);
        var ws = wb.Worksheet("汇总");
        var names = Enumerable.Range(MonthlyReportBuilder.SummaryFirstDataRow, 12).Select(r => ws.Cell(r, 1).GetString()).ToList();
        Assert.Equal(["苏州市总工会", "姑苏区总", "吴中区总", "相城区总", "吴江区总", "高新区总", "工业园区总", "常熟市总", "张家港市总", "昆山市总", "太仓市总", "合计"], names);

        var rows = SummaryRows(wb);
        Assert.Equal(3, Number(rows["姑苏区总"], "报送数"));
        Assert.Equal(2, Number(rows["姑苏区总"], "录用数"));
        Assert.Equal(1, Number(rows["姑苏区总"], "《苏州工会信息》"));
        Assert.Equal(1, Number(rows["姑苏区总"], "江苏工会信息"));
        Assert.Equal(0, Number(rows["姑苏区总"], "《工会信息》"));
        Assert.Equal(1.0 / 3, rows["姑苏区总"]["录用率"].GetDouble(), 6); // 姑苏一 adopted twice counts once
        Assert.Equal(0, Number(rows["吴中区总"], "录用率"));
        Assert.True(rows["吴中区总"]["排名"].IsEmpty());
        Assert.Equal(4, Number(rows["合计"], "报送数"));
        Assert.Equal(3, Number(rows["合计"], "录用数"));
        Assert.Equal(1, Number(rows["合计"], "苏州工会网"));
        Assert.Equal("苏州市总工会信息报送月度报表 2026年10月", ws.Cell(1, 1).GetString());
        Assert.Contains("范围：苏州市总工会及下级单位", ws.Cell(2, 1).GetString());
    }

    [Fact]
    public async Task TheAdoptionRateCountsAdoptedItemsOfThePeriodOnceAndNeverPasses100Percent()
    {
        // 吴中区总 in October: 3 items reported, 4 adoptions (one item adopted by three publications, one once).
        var wuzhong = await t.CreateUserAsync("吴中", "吴中区总", Roles.Reporter);
        var many = await AddItemAsync(wuzhong, "吴中一", Oct(2));
        await AdoptAsync(many, "《苏州工会信息》", "正文", Oct(6));
        await AdoptAsync(many, "苏州工会网", "文字", Oct(7));
        await AdoptAsync(many, "江苏工会信息", "简讯", Oct(8));
        var once = await AddItemAsync(wuzhong, "吴中二", Oct(30));
        await AdoptAsync(once, "市总综合录用", "录用", new DateTime(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc)); // adopted in November
        await AddItemAsync(wuzhong, "吴中三", Oct(12));
        // Reported in September, adopted in October: an October adoption, not an October item.
        var september = await AddItemAsync(wuzhong, "吴中九月", new DateTime(2026, 9, 20, 2, 0, 0, DateTimeKind.Utc));
        await AdoptAsync(september, "《工会信息》", "正文", Oct(9));

        using var wb = await WriteAsync(reviewer, October);
        var row = SummaryRows(wb)["吴中区总"];
        Assert.Equal(3, Number(row, "报送数"));
        Assert.Equal(4, Number(row, "录用数")); // adoptions dated in October, by publication
        Assert.Equal(1, Number(row, "《苏州工会信息》"));
        Assert.Equal(1, Number(row, "苏州工会网"));
        Assert.Equal(1, Number(row, "江苏工会信息"));
        Assert.Equal(1, Number(row, "《工会信息》"));
        Assert.Equal(2.0 / 3, Number(row, "录用率"), 6); // 吴中一 and 吴中二 of the three October items

        var total = SummaryRows(wb)["合计"];
        Assert.Equal(7, Number(total, "报送数"));
        Assert.Equal(4.0 / 7, Number(total, "录用率"), 6); // 姑苏一, 昆山一, 吴中一, 吴中二
        Assert.All(SummaryRows(wb).Values, r => Assert.InRange(r["录用率"].GetDouble(), 0, 1));
    }

    [Fact]
    public async Task TheAdoptionAndDeductionDetailsHoldThePeriodsRows()
    {
        using var wb = await WriteAsync(reviewer, October);
        var detail = wb.Worksheet("录用明细");
        Assert.Equal(4, detail.LastRowUsed()!.RowNumber());
        var last = detail.Row(4);
        Assert.Equal("昆山一", last.Cell(1).GetString());
        Assert.Equal("昆山市总", last.Cell(2).GetString());
        Assert.Equal("苏州工会网", last.Cell(6).GetString());
        Assert.Equal("文字", last.Cell(7).GetString());
        Assert.True(last.Cell(8).IsEmpty()); // a website has no year or issue
        Assert.Equal(new DateTime(2026, 10, 31), last.Cell(10).GetDateTime());
        Assert.Equal(2, last.Cell(11).GetDouble());

        var deductions = wb.Worksheet("扣分明细");
        Assert.Equal(2, deductions.LastRowUsed()!.RowNumber());
        Assert.Equal(new DateTime(2026, 10, 15), deductions.Cell(2, 1).GetDateTime());
        Assert.Equal("昆山市总", deductions.Cell(2, 2).GetString());
        Assert.Equal(3, deductions.Cell(2, 3).GetDouble());
        Assert.Equal("报送不及时", deductions.Cell(2, 4).GetString());
        Assert.Equal("审核", deductions.Cell(2, 5).GetString());
    }

    [Fact]
    public async Task AReportersReportHoldsOnlyItsOwnUnit()
    {
        using var wb = await WriteAsync(kunshan, October);
        var ws = wb.Worksheet("汇总");
        Assert.Equal("昆山市总", ws.Cell(MonthlyReportBuilder.SummaryFirstDataRow, 1).GetString());
        Assert.Equal("合计", ws.Cell(MonthlyReportBuilder.SummaryFirstDataRow + 1, 1).GetString());
        Assert.Contains("范围：昆山市总", ws.Cell(2, 1).GetString());
        var detail = wb.Worksheet("录用明细");
        Assert.Equal(2, detail.LastRowUsed()!.RowNumber());
        Assert.Equal("昆山市总", detail.Cell(2, 2).GetString());
        Assert.All(Enumerable.Range(2, wb.Worksheet("扣分明细").LastRowUsed()!.RowNumber() - 1),
            r => Assert.Equal("昆山市总", wb.Worksheet("扣分明细").Cell(r, 2).GetString()));
    }

    [Fact]
    public async Task ADistrictReviewerSeesItsSubtreeOnly()
    {
        await t.AddUnitAsync("平江街道", "姑苏区总");
        var district = await t.CreateUserAsync("姑苏审核", "姑苏区总", Roles.Reviewer);
        using var wb = await WriteAsync(district, October);
        var names = SummaryRows(wb).Keys.ToList();
        Assert.Equal(["姑苏区总", "平江街道", "合计"], names);
        Assert.All(Enumerable.Range(2, 2), r => Assert.Equal("姑苏区总", wb.Worksheet("录用明细").Cell(r, 2).GetString()));
    }

    [Fact]
    public async Task YearToDateRunsFromJanuaryAndIsTitledSo()
    {
        var request = new MonthlyReportRequest(2026, 10, true);
        using var wb = await WriteAsync(reviewer, request);
        Assert.Equal("苏州市总工会信息报送月度报表 2026年1-10月", wb.Worksheet("汇总").Cell(1, 1).GetString());
        var rows = SummaryRows(wb);
        Assert.Equal(2, Number(rows["昆山市总"], "报送数"));
        Assert.Equal(1, Number(rows["昆山市总"], "《工会信息》"));
        Assert.Equal(5, wb.Worksheet("录用明细").LastRowUsed()!.RowNumber());
        Assert.Equal("苏州工会信息月报_2026-01至10.xlsx", request.FileName);
        Assert.Equal("苏州工会信息月报_2026-10.xlsx", October.FileName);
    }

    [Fact]
    public async Task FormulaLikeTitlesStayText()
    {
        await AdoptAsync(await ItemIdAsync("=cmd|' /C calc'!A0"), "市总综合录用", "录用", Oct(20));
        using var wb = await WriteAsync(reviewer, October);
        var cell = wb.Worksheet("录用明细").Column(1).CellsUsed().Single(c => c.GetString().StartsWith('='));
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
    }

    [Fact]
    public async Task ACallerWithoutARoleIsRefused()
    {
        var nobody = await t.CreateUserAsync("无角色", "吴中区总");
        await Assert.ThrowsAsync<ForbiddenException>(() => t.Get<MonthlyReportService>().WriteAsync(nobody, October, Stream.Null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026/10")]
    [InlineData("1999-12")]
    [InlineData("abc")]
    public void ABadMonthIsRefusedInChinese(string month)
    {
        var e = Assert.Throws<DomainException>(() => MonthlyReportRequest.Parse(month, false));
        Assert.Matches("[\u4e00-\u9fa5]", e.Message);
    }

    // --- helpers ---

    private async Task<XLWorkbook> WriteAsync(Caller caller, MonthlyReportRequest request)
    {
        var output = new MemoryStream();
        await t.Get<MonthlyReportService>().WriteAsync(caller, request, output);
        output.Position = 0;
        return new XLWorkbook(output);
    }

    /// <summary>汇总 rows by unit name, each as header text → cell (headers from rows 3 and 4).</summary>
    private static Dictionary<string, Dictionary<string, IXLCell>> SummaryRows(XLWorkbook wb)
    {
        var ws = wb.Worksheet("汇总");
        var lastCol = ws.Row(3).LastCellUsed()!.Address.ColumnNumber;
        var headers = Enumerable.Range(1, lastCol)
            .Select(c => ws.Cell(4, c).GetString() is { Length: > 0 } sub ? sub : ws.Cell(3, c).GetString())
            .ToList();
        var result = new Dictionary<string, Dictionary<string, IXLCell>>();
        for (var r = MonthlyReportBuilder.SummaryFirstDataRow; !ws.Cell(r, 1).IsEmpty(); r++)
            result[ws.Cell(r, 1).GetString()] = headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => ws.Cell(r, x.i + 1));
        return result;
    }

    private static double Number(Dictionary<string, IXLCell> row, string header)
    {
        Assert.Equal(XLDataType.Number, row[header].DataType);
        return row[header].GetDouble();
    }

    private static DateTime Oct(int day, int hour = 10) =>
        ChinaTime.ToUtc(new DateTime(2026, 10, day, hour, 0, 0));

    private async Task<int> AddItemAsync(Caller author, string title, DateTime? reportedAtUtc)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var created = reportedAtUtc ?? Oct(1);
        var item = new InfoItem
        {
            Title = title, Body = "正文", Category = InfoCategory.General, UnitId = author.UnitId, AuthorId = author.UserId,
            CreatedAt = created, UpdatedAt = created,
        };
        if (reportedAtUtc is { } reported) item.Report(reported);
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private async Task<int> ItemIdAsync(string title)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Items.Where(i => i.Title == title).Select(i => i.Id).SingleAsync();
    }

    private async Task AdoptAsync(int itemId, string publication, string form, DateTime adoptedAtUtc)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var item = await db.Items.Include(i => i.Adoptions).SingleAsync(i => i.Id == itemId);
        var f = await db.AdoptionForms.Include(x => x.Publication).SingleAsync(x => x.Publication!.Name == publication && x.Name == form);
        var local = ChinaTime.ToLocal(adoptedAtUtc);
        item.AdoptedBy([new Adoption
        {
            UnitId = item.UnitId, PublicationId = f.PublicationId, AdoptionFormId = f.Id,
            Year = f.Publication!.HasIssues ? local.Year : null, Issue = f.Publication.HasIssues ? 19 : null,
            AdoptedAt = adoptedAtUtc, ReviewerId = reviewer.UserId, Points = f.Points,
        }]);
        await db.SaveChangesAsync();
    }

    private async Task DeductAsync(string unit, int points, string reason, DateOnly date)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        db.Deductions.Add(new Deduction
        {
            UnitId = await t.UnitIdAsync(unit), Points = points, Reason = reason, Date = date,
            CreatedById = reviewer.UserId, CreatedAt = Oct(15), UpdatedAt = Oct(15),
        });
        await db.SaveChangesAsync();
    }
}
