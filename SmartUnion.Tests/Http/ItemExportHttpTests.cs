using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Endpoints;

namespace SmartUnion.Tests.Http;

/// <summary>导出Excel of the 公文信息 list: GET /items/export with the list's filter, scope applied by the service.</summary>
public class ItemExportHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, userName);
        return client;
    }

    private static async Task<XLWorkbook> WorkbookAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private static List<IXLRow> DataRows(IXLWorksheet ws) =>
        ws.RowsUsed().Where(r => r.RowNumber() > ItemListExportBuilder.HeaderRows).ToList();

    private Task<int> UnitIdAsync(string shortName) =>
        fixture.App.WithDbAsync(db => db.Units.Where(u => u.ShortName == shortName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task AReportersExportHoldsOnlyItsOwnUnitInEveryState()
    {
        var client = await SignedInAsync("gusu");
        var gusu = await UnitIdAsync("姑苏区总");
        var expected = await fixture.App.WithDbAsync(db => db.Items.CountAsync(i => i.UnitId == gusu));

        using var wb = await WorkbookAsync(await client.GetAsync("/items/export"));
        var rows = DataRows(wb.Worksheet(ItemListExportBuilder.SheetName));

        Assert.True(expected > 0, "the demo data gives 姑苏区总 items");
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("姑苏区总", r.Cell(3).GetString()));
    }

    [Fact]
    public async Task TheFileIsAnXlsxAttachmentNamedWithTheDateInFilenameStar()
    {
        var client = await SignedInAsync("shenhe");
        var response = await client.GetAsync("/items/export?adoption=Adopted");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxDownload.ContentType, response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"公文信息_{ChinaTime.Today(TimeProvider.System):yyyy-MM-dd}.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
    }

    [Fact]
    public async Task TheHeaderHasTheListsColumnsAndOneColumnPerActivePublicationUnderItsLevel()
    {
        var publications = await fixture.App.WithDbAsync(db => db.Publications.Where(p => p.IsActive)
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Name, p.Level }).ToListAsync());
        var client = await SignedInAsync("shenhe");

        using var wb = await WorkbookAsync(await client.GetAsync("/items/export"));
        var ws = wb.Worksheet(ItemListExportBuilder.SheetName);

        Assert.Equal(ItemListExportBuilder.FixedHeaders, Enumerable.Range(1, 5).Select(c => ws.Cell(1, c).GetString()));
        var first = ItemListExportBuilder.FixedHeaders.Length + 1;
        Assert.Equal(publications.Select(p => p.Name), Enumerable.Range(first, publications.Count).Select(c => ws.Cell(2, c).GetString()));
        for (var i = 0; i < publications.Count; i++)
        {
            // The level is written in the first cell of its merged range.
            var cell = ws.Cell(1, first + i);
            var level = cell.IsMerged() ? cell.MergedRange().FirstCell().GetString() : cell.GetString();
            Assert.Equal(publications[i].Level.Text(), level);
        }
        Assert.True(ws.Cell(2, first + publications.Count).IsEmpty());
    }

    [Fact]
    public async Task AnAdoptedItemCarriesItsAdoptionDateUnderThePublicationAsARealDate()
    {
        var adoption = await fixture.App.WithDbAsync(db => db.Adoptions
            .OrderByDescending(a => a.AdoptedAt)
            .Select(a => new { a.InfoItemId, a.InfoItem!.Title, a.PublicationId, PublicationName = a.Publication!.Name })
            .FirstAsync());
        var firstAdoptedAt = await fixture.App.WithDbAsync(db => db.Adoptions
            .Where(a => a.InfoItemId == adoption.InfoItemId && a.PublicationId == adoption.PublicationId)
            .MinAsync(a => a.AdoptedAt));
        var client = await SignedInAsync("shenhe");

        using var wb = await WorkbookAsync(await client.GetAsync("/items/export?adoption=Adopted"));
        var ws = wb.Worksheet(ItemListExportBuilder.SheetName);
        var column = ws.Row(2).CellsUsed().Single(c => c.GetString() == adoption.PublicationName).Address.ColumnNumber;
        var rows = DataRows(ws);
        Assert.All(rows, r => Assert.Equal("已录用", r.Cell(5).GetString()));
        var row = rows.First(r => r.Cell(1).GetString() == adoption.Title);

        var cell = row.Cell(column);
        Assert.Equal(XLDataType.DateTime, cell.DataType);
        Assert.Equal(ChinaTime.ToLocal(firstAdoptedAt).Date, cell.GetDateTime());
        Assert.Equal(ItemListExportBuilder.AdoptedDateFormat, cell.Style.NumberFormat.Format);
    }

    [Fact]
    public async Task TheFilterMatchesTheListsRowsOnEveryPage()
    {
        var client = await SignedInAsync("shenhe");
        var kunshan = await UnitIdAsync("昆山市总");
        var expected = await fixture.App.WithDbAsync(db => db.Items
            .CountAsync(i => i.UnitId == kunshan && i.State != ItemState.Draft));

        using var wb = await WorkbookAsync(await client.GetAsync($"/items/export?unitId={kunshan}&sort=Title&desc=false"));
        var rows = DataRows(wb.Worksheet(ItemListExportBuilder.SheetName));

        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("昆山市总", r.Cell(3).GetString()));
        var titles = rows.Select(r => r.Cell(1).GetString()).ToList();
        Assert.Equal(titles.Order(StringComparer.Ordinal), titles);
    }

    [Fact]
    public async Task AnonymousIsSentToTheLoginPage()
    {
        var response = await NewClient().GetAsync("/items/export");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AReporterFilteringOnAnotherUnitIsRefused()
    {
        var client = await SignedInAsync("gusu");
        var kunshan = await UnitIdAsync("昆山市总");

        var response = await client.GetAsync($"/items/export?unitId={kunshan}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("所选报送工会不在您的查询范围内", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Theory]
    [InlineData("/items/export?adoption=maybe")]
    [InlineData("/items/export?category=3")]
    [InlineData("/items/export?from=2026-13-01")]
    [InlineData("/items/export?from=2026-11-02&to=2026-11-01")]
    [InlineData("/items/export?unitId=abc")]
    [InlineData("/items/export?desc=sometimes")]
    public async Task ABadFilterGets400WithAChineseMessage(string url)
    {
        var client = await SignedInAsync("shenhe");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("[\u4e00-\u9fa5]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheListsQueryRoundTripsThroughTheExportUrl()
    {
        var query = new ItemListQuery
        {
            UnitId = 7, Category = InfoCategory.PublicOpinion, Adoption = AdoptionFilter.NotAdopted,
            ReportedFrom = new DateOnly(2026, 1, 1), ReportedTo = new DateOnly(2026, 11, 26),
            SortBy = ItemSortField.Unit, Descending = false, Page = 3, PageSize = 50,
        };
        var url = ItemExportEndpoints.UrlFor(query);
        Assert.StartsWith("items/export?", url);

        var parsed = ItemExportEndpoints.ParseQuery(new QueryCollection(QueryHelpers.ParseQuery(url[url.IndexOf('?')..])));

        Assert.Equal(query with { Page = 0, PageSize = ItemListQuery.DefaultPageSize }, parsed);
    }
}
