using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

public class AdminHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<Caller> AdminAsync()
    {
        var id = await fixture.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "admin").Id));
        return (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }

    [Fact]
    public async Task AUserDeactivatedBySettingsCannotSignInAndCanAgainOnceEnabled()
    {
        var settings = fixture.App.Services.GetRequiredService<SettingsService>();
        var admin = await AdminAsync();
        var unitId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.First(u => u.ShortName == "常熟市总").Id));
        var userName = $"停用{Guid.NewGuid():N}"[..10];
        var userId = await settings.CreateUserAsync(admin, new NewUserInput(userName, "停用测试", unitId, Roles.Reporter, "Right1234a"));
        await HttpLogin.SignInAsync(NewClient(), userName, "Right1234a");

        await settings.SetUserActiveAsync(admin, userId, false);
        var refused = await HttpLogin.PostLoginAsync(NewClient(), userName, "Right1234a");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(SmartUnion.Web.Components.Account.Pages.Login.FailedMessage, await HttpLogin.DecodedAsync(refused)); // as for a wrong password
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal) && !v.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)));

        await settings.SetUserActiveAsync(admin, userId, true);
        await HttpLogin.SignInAsync(NewClient(), userName, "Right1234a");
    }

    [Theory]
    [InlineData("shenhe", "/settings/units")]
    [InlineData("shenhe", "/settings/users")]
    [InlineData("gusu", "/settings/publications")]
    public async Task NonAdminsAreRefusedTheSettingsPages(string userName, string path)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, userName);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/settings/units", "苏州市总工会")]
    [InlineData("/settings/users", "shenhe")]
    [InlineData("/settings/publications", "《苏州工会信息》")]
    public async Task AnAdminGetsTheSettingsPages(string path, string expected)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "admin");
        var response = await client.GetAsync(path);
        var html = await HttpLogin.DecodedAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html[..Math.Min(html.Length, 3000)]);
        Assert.Contains(expected, html);
    }

    [Theory]
    [InlineData("shenhe", "/deductions", "扣分管理")]
    [InlineData("gusu", "/deductions", "本单位的扣分记录（只读）")]
    [InlineData("gusu", "/ranking", "查看积分排名")]
    public async Task TheDeductionAndRankingPagesRenderForEveryRole(string userName, string path, string expected)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, userName);
        var response = await client.GetAsync(path);
        var html = await HttpLogin.DecodedAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html[..Math.Min(html.Length, 3000)]);
        Assert.Contains(expected, html);
    }
}
