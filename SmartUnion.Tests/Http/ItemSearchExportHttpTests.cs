using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Endpoints;

namespace SmartUnion.Tests.Http;

/// <summary>导出Excel follows the list's 关键字 and 待审核: the same rows as the screen.</summary>
public class ItemSearchExportHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, userName);
        return client;
    }

    private async Task<Caller> CallerAsync(string userName)
    {
        var id = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        return (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }

    [Fact]
    public async Task TheExportHoldsOnlyTheItemsContainingTheKeyword()
    {
        var phrase = "导出检索" + Guid.NewGuid().ToString("N")[..6];
        var items = fixture.App.Services.GetRequiredService<ItemService>();
        var gusu = await CallerAsync("gusu");
        var saved = await items.CreateAsync(gusu, new ItemInput { Title = "关键字导出", Body = $"正文含有{phrase}。", Category = InfoCategory.General });
        await items.ReportAsync(gusu, [saved.Id]);
        var client = await SignedInAsync("shenhe");

        var response = await client.GetAsync(ItemExportEndpoints.UrlFor(new ItemListQuery { Keyword = phrase, Adoption = AdoptionFilter.AwaitingReview }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var wb = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var rows = wb.Worksheet(ItemListExportBuilder.SheetName).RowsUsed().Where(r => r.RowNumber() > ItemListExportBuilder.HeaderRows).ToList();
        Assert.Equal(["关键字导出"], rows.Select(r => r.Cell(1).GetString()));
    }

    [Fact]
    public async Task AKeywordTooLongGets400WithTheChineseMessage()
    {
        var client = await SignedInAsync("shenhe");
        var response = await client.GetAsync($"/items/export?keyword={new string('工', 200)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"关键字不能超过{ItemSearch.MaxKeywordLength}个字，请缩短后重试", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheKeywordAndTheQueueRoundTripThroughTheExportUrl()
    {
        var query = new ItemListQuery { Keyword = "100% a_b \"引号\" 😀", Adoption = AdoptionFilter.AwaitingReview, Descending = false };
        var url = ItemExportEndpoints.UrlFor(query);

        var parsed = ItemExportEndpoints.ParseQuery(new QueryCollection(QueryHelpers.ParseQuery(url[url.IndexOf('?')..])));

        Assert.Equal(query, parsed);
    }
}
