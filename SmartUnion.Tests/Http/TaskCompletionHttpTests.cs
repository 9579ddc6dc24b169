using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Endpoints;

namespace SmartUnion.Tests.Http;

public class TaskCompletionHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static DateOnly LastMonth => new DateOnly(ChinaTime.Today(TimeProvider.System).Year, ChinaTime.Today(TimeProvider.System).Month, 1).AddMonths(-1);

    [Fact]
    public async Task AReviewersExcelHoldsEveryDistrictWithItsQuotaAndTheServicesFigures()
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "shenhe");
        var month = LastMonth;

        var response = await client.GetAsync($"/reports/tasks?month={month:yyyy-MM}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxDownload.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"任务完成情况_{month:yyyy-MM}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var wb = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var ws = wb.Worksheet(TaskCompletionWorkbook.Sheet);
        Assert.Equal(TaskCompletionWorkbook.Headers, Enumerable.Range(1, TaskCompletionWorkbook.Headers.Length).Select(c => ws.Cell(3, c).GetString()));
        var rows = Enumerable.Range(TaskCompletionWorkbook.FirstDataRow, 30).TakeWhile(r => !ws.Cell(r, 1).IsEmpty())
            .ToDictionary(r => ws.Cell(r, 1).GetString(), r => ws.Row(r));

        var id = await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "shenhe").Id));
        var reviewer = (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
        var expected = await fixture.App.Services.GetRequiredService<TaskCompletionService>().GetAsync(reviewer, new TaskCompletionRequest(month.Year, month.Month));
        Assert.Equal(10, expected.Units.Count);
        Assert.Equal(expected.Units.Select(u => u.UnitName).Order(), rows.Keys.Order());
        foreach (var unit in expected.Units)
        {
            var row = rows[unit.UnitName];
            Assert.Equal("县市区总工会", row.Cell(2).GetString());
            Assert.Equal((double)unit.Reported, row.Cell(3).GetDouble());
            Assert.Equal(3.0, row.Cell(4).GetDouble());
            Assert.Equal(XLDataType.Number, row.Cell(6).DataType);
            Assert.Equal(unit.AdoptionRate, row.Cell(6).GetDouble(), 6);
            Assert.Equal(TaskCompletionWorkbook.MetText(unit.Met), row.Cell(7).GetString());
            Assert.Equal(unit.IsZeroReport ? "是" : "", row.Cell(8).GetString());
        }
        Assert.NotNull(wb.Worksheet(TaskCompletionWorkbook.ProposalSheet));
    }

    [Fact]
    public async Task AReporterIsRefusedAndAFutureMonthGetsAChineseMessage()
    {
        var reporter = NewClient();
        await HttpLogin.SignInAsync(reporter, "gusu");
        var refused = await reporter.GetAsync($"/reports/tasks?month={LastMonth:yyyy-MM}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await reporter.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("AccessDenied", page.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        var client = NewClient();
        await HttpLogin.SignInAsync(client, "shenhe");
        var future = LastMonth.AddMonths(2);
        var response = await client.GetAsync($"/reports/tasks?month={future:yyyy-MM}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"{future.Year}年{future.Month}月尚未到来，不能查看未来月份的任务完成情况", await response.Content.ReadAsStringAsync());
    }
}
