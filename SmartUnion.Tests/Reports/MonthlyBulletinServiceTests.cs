using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;

namespace SmartUnion.Tests.Reports;

/// <summary>
/// 月度通报 (both providers): its numbers are the 月度报表's, the 积分排名's, 任务完成情况's and the 约稿 service's own, the
/// Word document holds the five sections with Chinese fonts named on every run, and bad input is refused with nothing written.
/// </summary>
public class MonthlyBulletinServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller admin = default!;
    private Caller reviewer = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private static readonly BulletinRequest November = new(2026, 11);
    private MonthlyBulletinService Bulletins => t.Get<MonthlyBulletinService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync(); // today: 2026-11-26 (China)
        admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        gusu = await t.CreateUserAsync("gusu", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong", "吴中区总", Roles.Reporter);
        var quotas = t.Get<QuotaService>();
        var districts = await quotas.AddGroupAsync(admin, "县市区总工会", 1);
        await quotas.SetUnitGroupAsync(admin, gusu.UnitId, districts);
        await quotas.SetUnitGroupAsync(admin, wuzhong.UnitId, districts);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    /// <summary>A reported item of the reporter's unit with its 上报日期 moved to <paramref name="at"/> (UTC).</summary>
    private async Task<int> ReportedOnAsync(Caller reporter, DateTime at, string title = "公文")
    {
        var id = await t.ReportedAsync(reporter, title);
        await using var db = await t.Factory.CreateDbContextAsync();
        await db.Items.Where(i => i.Id == id).ExecuteUpdateAsync(x => x.SetProperty(i => i.ReportedAt, at));
        return id;
    }

    private async Task SeedAsync()
    {
        // November: 姑苏 reports three (two adopted, one of them twice) and answers the 约稿; 吴中 reports nothing.
        var commission = await t.Get<CommissionService>().CreateAsync(reviewer,
            new CommissionInput("劳模工匠事迹", "每单位一篇", [gusu.UnitId, wuzhong.UnitId], new DateOnly(2026, 11, 30), 5));
        var answer = await t.Get<ItemService>().CreateAsync(gusu, new ItemInput { Title = "答复约稿", Body = "正文", Category = InfoCategory.General, CommissionId = commission });
        await t.Get<ItemService>().ReportAsync(gusu, [answer.Id]);
        await t.AdoptAsync(answer.Id, "苏州工会网", reviewer, new DateTime(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc));
        var second = await ReportedOnAsync(gusu, new DateTime(2026, 11, 3, 2, 0, 0, DateTimeKind.Utc));
        await t.AdoptAsync(second, "苏州工会网", reviewer, new DateTime(2026, 11, 5, 2, 0, 0, DateTimeKind.Utc));
        await t.AdoptAsync(second, "江苏工会网", reviewer, new DateTime(2026, 11, 6, 2, 0, 0, DateTimeKind.Utc));
        await ReportedOnAsync(gusu, new DateTime(2026, 11, 4, 2, 0, 0, DateTimeKind.Utc));
        // October: one each; November last year: one of 吴中, adopted.
        await ReportedOnAsync(gusu, new DateTime(2026, 10, 9, 2, 0, 0, DateTimeKind.Utc));
        await ReportedOnAsync(wuzhong, new DateTime(2026, 10, 9, 2, 0, 0, DateTimeKind.Utc));
        var lastYear = await ReportedOnAsync(wuzhong, new DateTime(2025, 11, 9, 2, 0, 0, DateTimeKind.Utc));
        await t.AdoptAsync(lastYear, "苏州工会网", reviewer, new DateTime(2025, 11, 10, 2, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task ItsNumbersAreTheMonthlyReportsTheRankingsTheTaskPagesAndTheCommissionServices()
    {
        await SeedAsync();
        var data = await Bulletins.GetAsync(reviewer, November);

        var summary = await t.Get<MonthlyReportService>().GetSummaryAsync(reviewer, new MonthlyReportRequest(2026, 11, false));
        Assert.Equal(new BulletinFigures(summary.Units.Sum(u => u.Reported), summary.Units.Sum(u => u.Adopted), summary.Units.Sum(u => u.AdoptedItems)), data.ThisMonth);
        Assert.Equal(new BulletinFigures(3, 3, 2), data.ThisMonth);
        Assert.Equal(new BulletinFigures(2, 0, 0), data.LastMonth);
        Assert.Equal(new BulletinFigures(1, 1, 1), data.LastYear);
        Assert.Equal((2, 0, 1), data.Channels.Where(c => c.Name == "苏州工会网").Select(c => (c.ThisMonth, c.LastMonth, c.LastYear)).Single());

        // 二、各单位积分排名: the group's units with the 积分排名's points and 名次.
        var ranking = await t.Get<RankingService>().GetRankingAsync(reviewer, November.Period);
        var districts = data.Groups.First();
        Assert.Equal("县市区总工会", districts.Name);
        Assert.Equal(["姑苏区总", "吴中区总"], districts.Rows.Select(r => r.UnitName));
        var gusuRow = districts.Rows[0];
        var gusuRank = ranking.Single(r => r.Score.UnitId == gusu.UnitId);
        Assert.Equal((1, (int?)gusuRank.Rank, gusuRank.Score.Total, gusuRank.Score.AdoptionCount), (gusuRow.GroupRank, gusuRow.Rank, gusuRow.Figures.Net, gusuRow.Adopted));
        Assert.Equal((2, (int?)null), (districts.Rows[1].GroupRank, districts.Rows[1].Rank)); // no points: not in the 积分排名
        Assert.Equal(MonthlyBulletinService.UngroupedName, data.Groups.Last().Name);

        // 三、零报送单位: 任务完成情况's own flags.
        var month = await t.Get<TaskCompletionService>().GetAsync(reviewer, new TaskCompletionRequest(2026, 11));
        Assert.Equal(month.Units.Where(u => u.IsZeroReport).Select(u => u.UnitName).Order(), data.Groups.SelectMany(g => g.ZeroReportUnits).Order());
        Assert.Contains("吴中区总", districts.ZeroReportUnits);

        // 四、约稿完成情况.
        var line = Assert.Single(data.Commissions);
        Assert.Equal(("劳模工匠事迹", 2, 1, 0), (line.Topic, line.Targets, line.Answered, line.Late));
        Assert.Equal(["吴中区总"], line.NotAnswered);
        Assert.Contains("录用率66.7%", BulletinText.Overview(data));
        Assert.Contains("报送数增加1篇", BulletinText.Overview(data)); // 3 against 2 in October
    }

    [Fact]
    public async Task TheWordDocumentHoldsTheFiveSectionsTheTablesAndChineseFontsOnEveryRun()
    {
        await SeedAsync();
        using var output = new MemoryStream();
        await Bulletins.WriteAsync(reviewer, November, new BulletinEdits(null, "围绕职工技能大赛多报信息\n及时报送一线典型"), output);

        output.Position = 0;
        using var doc = WordprocessingDocument.Open(output, false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).Where(s => s.Length > 0).ToList();
        Assert.Equal("苏州市总工会信息工作月度通报", paragraphs[0]);
        Assert.Equal("2026年第11期", paragraphs[1]);
        Assert.Equal(BulletinText.Sections, paragraphs.Where(BulletinText.Sections.Contains));
        Assert.Equal(["围绕职工技能大赛多报信息", "及时报送一线典型"], paragraphs.SkipWhile(p => p != BulletinText.Sections[4]).Skip(1));
        Assert.Contains(paragraphs, p => p.StartsWith("现将2026年11月全市工会信息", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("未回应1个（吴中区总）", StringComparison.Ordinal));
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(3, tables.Count); // channels, 县市区总工会, 未分组单位
        Assert.Equal(BulletinText.RankingHeader, tables[1].Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal("姑苏区总", tables[1].Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(1).InnerText);
        Assert.All(body.Descendants<Run>().Where(r => r.InnerText.Length > 0), r =>
        {
            var fonts = r.RunProperties!.RunFonts!;
            Assert.False(string.IsNullOrEmpty(fonts.EastAsia?.Value));
            Assert.Equal(BulletinDocument.LatinFont, fonts.Ascii?.Value);
        });
        var page = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        Assert.Equal((11906U, 16838U), (page.Width!.Value, page.Height!.Value)); // A4
    }

    [Fact]
    public async Task AFutureMonthAReporterAndAMissingNextMonthsPointsAreRefusedAndNothingIsWritten()
    {
        var future = await Assert.ThrowsAsync<DomainException>(() => Bulletins.GetAsync(reviewer, new BulletinRequest(2026, 12)));
        Assert.Equal(BulletinRequest.FutureMonthMessage, future.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => Bulletins.GetAsync(gusu, November));
        await Assert.ThrowsAsync<DomainException>(() => Bulletins.GetAsync(reviewer, new BulletinRequest(2026, 13)));

        using var output = new MemoryStream();
        var missing = await Assert.ThrowsAsync<DomainException>(() => Bulletins.WriteAsync(reviewer, November, new BulletinEdits("开头", "  "), output));
        Assert.Equal("请填写下月报送要点", missing.Message);
        await Assert.ThrowsAsync<DomainException>(() => Bulletins.WriteAsync(reviewer, November, new BulletinEdits(new string('字', 1001), "要点"), output));
        await Assert.ThrowsAsync<DomainException>(() => Bulletins.WriteAsync(reviewer, new BulletinRequest(2026, 12), new BulletinEdits(null, "要点"), output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task ADistrictReviewersBulletinCoversItsSubtreeOnly()
    {
        await SeedAsync();
        var gusuReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var data = await Bulletins.GetAsync(gusuReviewer, November);
        var units = data.Groups.SelectMany(g => g.Rows.Select(r => r.UnitName)).ToList();
        Assert.Contains("姑苏区总", units);
        Assert.DoesNotContain("吴中区总", units);
        Assert.Equal($"{gusuReviewer.UnitName}及下级单位", data.ScopeText);
        Assert.Equal("姑苏区总信息工作月度通报", BulletinText.Title(data));
    }

    [Fact]
    public void GroupNumeralsReadAsChinese() =>
        Assert.Equal(["一", "九", "十", "十一", "二十", "二十三"], new[] { 1, 9, 10, 11, 20, 23 }.Select(BulletinText.Numeral));
}
