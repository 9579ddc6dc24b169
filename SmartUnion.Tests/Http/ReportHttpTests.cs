using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Services;
using SmartUnion.Domain.Reports;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Endpoints;

namespace SmartUnion.Tests.Http;

public class ReportHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task AReportersDownloadHoldsOnlyItsOwnUnit()
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "gusu");
        // The month of 姑苏区总's latest demo adoption (the demo data is dated relative to the real clock).
        var latest = await fixture.App.WithDbAsync(db => db.Adoptions
            .Where(a => a.UnitId == db.Units.Single(u => u.ShortName == "姑苏区总").Id)
            .MaxAsync(a => a.AdoptedAt));
        var month = ChinaTime.ToLocal(latest);
        var response = await client.GetAsync($"/reports/monthly?month={month:yyyy-MM}&ytd=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var wb = await WorkbookAsync(response);
        var summary = wb.Worksheet(MonthlyReportBuilder.SummarySheet);
        Assert.Equal("姑苏区总", summary.Cell(MonthlyReportBuilder.SummaryFirstDataRow, 1).GetString());
        Assert.Equal("合计", summary.Cell(MonthlyReportBuilder.SummaryFirstDataRow + 1, 1).GetString());
        var detail = wb.Worksheet(MonthlyReportBuilder.AdoptionSheet);
        var units = detail.Column(2).CellsUsed().Skip(1).Select(c => c.GetString()).Distinct().ToList();
        Assert.NotEmpty(units);
        Assert.Equal(["姑苏区总"], units);
    }

    [Fact]
    public async Task TheFileIsAnXlsxAttachmentWithTheChineseNameInFilenameStar()
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "shenhe");
        var response = await client.GetAsync("/reports/monthly?month=2026-10&ytd=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxDownload.ContentType, response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("苏州工会信息月报_2026-10.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());

        using var wb = await WorkbookAsync(response);
        var summary = wb.Worksheet(MonthlyReportBuilder.SummarySheet);
        Assert.Equal("苏州市总工会信息报送月度报表 2026年10月", summary.Cell(1, 1).GetString());
        Assert.Equal(12, Enumerable.Range(MonthlyReportBuilder.SummaryFirstDataRow, 20).TakeWhile(r => !summary.Cell(r, 1).IsEmpty()).Count());
    }

    [Fact]
    public async Task YearToDateHasItsOwnFileName()
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "shenhe");
        var response = await client.GetAsync("/reports/monthly?month=2026-10&ytd=true");
        Assert.Equal("苏州工会信息月报_2026-01至10.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task AnonymousIsSentToTheLoginPage()
    {
        var response = await NewClient().GetAsync("/reports/monthly?month=2026-10");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/reports/monthly?month=2026-13")]
    [InlineData("/reports/monthly?month=十月")]
    [InlineData("/reports/monthly")]
    [InlineData("/reports/monthly?month=2026-10&ytd=maybe")]
    public async Task ABadRequestGets400WithAChineseMessage(string url)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "kunshan");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("[\u4e00-\u9fa5]", await response.Content.ReadAsStringAsync());
    }

    private static async Task<XLWorkbook> WorkbookAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new XLWorkbook(new MemoryStream(bytes));
    }
}
