using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>GET /attachments/{id}: the item's scope rules, the Chinese file name and the safety headers.</summary>
public class AttachmentDownloadHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private const string Content = "劳模方案全文：第一部分……";

    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, userName);
        return client;
    }

    /// <summary>A draft of 姑苏区总 with 劳模方案.txt, uploaded through the real service; optionally reported.</summary>
    private async Task<int> AttachmentOfGusuAsync(bool reported)
    {
        var services = fixture.App.Services;
        var gusuId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "gusu").Select(u => u.Id).SingleAsync());
        var gusu = (await services.GetRequiredService<CallerService>().FindAsync(gusuId))!;
        var items = services.GetRequiredService<ItemService>();
        var item = await items.CreateAsync(gusu, new ItemInput { Title = "下载测试", Body = "正文", Category = SmartUnion.Domain.Entities.InfoCategory.General });
        var attachment = await services.GetRequiredService<AttachmentService>()
            .UploadAsync(gusu, item.Id, "劳模方案.txt", new MemoryStream(Encoding.UTF8.GetBytes(Content)));
        if (reported) await items.ReportAsync(gusu, [item.Id]);
        return attachment.Id;
    }

    [Fact]
    public async Task TheOwnUnitDownloadsTheFileUnderItsChineseName()
    {
        var id = await AttachmentOfGusuAsync(reported: false);
        var response = await (await SignedInAsync("gusu")).GetAsync($"/attachments/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("劳模方案.txt", disposition.FileNameStar);
        var raw = string.Join(";", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''%E5%8A%B3%E6%A8%A1%E6%96%B9%E6%A1%88.txt", raw);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnotherUnitGets404()
    {
        var id = await AttachmentOfGusuAsync(reported: true);
        var response = await (await SignedInAsync("kunshan")).GetAsync($"/attachments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task TheReviewerGets404ForADraftAndTheFileOnceReported()
    {
        var draft = await AttachmentOfGusuAsync(reported: false);
        var reported = await AttachmentOfGusuAsync(reported: true);
        var client = await SignedInAsync("shenhe");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/attachments/{draft}")).StatusCode);
        var ok = await client.GetAsync($"/attachments/{reported}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("劳模方案.txt", ok.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task AnUnknownAttachmentGets404()
    {
        var response = await (await SignedInAsync("gusu")).GetAsync("/attachments/987654");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousRequestsAreSentToTheLoginPage()
    {
        var id = await AttachmentOfGusuAsync(reported: true);
        var response = await NewClient().GetAsync($"/attachments/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}
