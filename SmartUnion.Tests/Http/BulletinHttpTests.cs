using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>月度通报's page is for reviewers and administrators: a reporter is sent to 无权访问.</summary>
public class BulletinHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    [Theory]
    [InlineData("gusu", false)]
    [InlineData("shenhe", true)]
    [InlineData("admin", true)]
    public async Task OnlyReviewersAndAdministratorsOpenThePage(string userName, bool allowed)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, userName);
        var page = await client.GetAsync("/bulletin");
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("月度通报", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("AccessDenied", page.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
    }
}
