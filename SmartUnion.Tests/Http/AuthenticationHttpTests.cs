using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

public class AuthenticationHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/items")]
    [InlineData("/deductions")]
    [InlineData("/reports")]
    [InlineData("/account/password")]
    [InlineData("/settings/units")]
    public async Task AnonymousRequestsForAppPagesRedirectToLogin(string path)
    {
        var response = await NewClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheLoginPageIsInChinese()
    {
        var response = await NewClient().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HttpLogin.DecodedAsync(response);
        Assert.Contains("用户登录", html);
        Assert.Contains("用户名", html);
        Assert.Contains("密码", html);
    }

    [Fact]
    public async Task AWrongPasswordShowsAChineseError()
    {
        var response = await HttpLogin.PostLoginAsync(NewClient(), "kunshan", "wrong-password1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码错误", await HttpLogin.DecodedAsync(response));
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutes()
    {
        var userName = await CreateUserAsync("锁定测试");
        var client = NewClient();
        for (var i = 0; i < 5; i++)
            await HttpLogin.PostLoginAsync(client, userName, "wrong-password1");

        var response = await HttpLogin.PostLoginAsync(client, userName, "Right1234a");
        Assert.Contains("账号已被锁定", await HttpLogin.DecodedAsync(response));

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        var end = await users.GetLockoutEndDateAsync(user!);
        Assert.NotNull(end);
        Assert.InRange((end.Value - DateTimeOffset.UtcNow).TotalMinutes, 14, 15.1);
    }

    [Fact]
    public async Task ASignedInUserGetsTheShell()
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, "gusu");
        var response = await client.GetAsync("/items");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HttpLogin.DecodedAsync(response);
        Assert.Contains("公文信息", html);
        Assert.Contains("办公工作", html);
    }

    [Fact]
    public async Task ADisabledUserCannotSignIn()
    {
        var userName = await CreateUserAsync("停用测试", active: false);
        var response = await HttpLogin.PostLoginAsync(NewClient(), userName, "Right1234a");
        // The same answer as a wrong password (SignInHttpTests): the page does not tell that the account exists.
        Assert.Contains(SmartUnion.Web.Components.Account.Pages.Login.FailedMessage, await HttpLogin.DecodedAsync(response));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)));
    }

    private async Task<string> CreateUserAsync(string prefix, bool active = true)
    {
        var userName = $"{prefix}{Guid.NewGuid():N}"[..12];
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var unitId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.First(u => u.ShortName == "吴中区总").Id));
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = userName, UnitId = unitId, IsActive = active }, "Right1234a");
        Assert.True(result.Succeeded);
        await users.AddToRoleAsync((await users.FindByNameAsync(userName))!, Roles.Reporter);
        return userName;
    }
}

/// <summary>One app over a fresh demo database, shared by the HTTP tests of a class.</summary>
public sealed class HttpAppFixture : IAsyncLifetime
{
    public SmartUnionAppFactory App { get; } = new();

    public Task InitializeAsync()
    {
        _ = App.Server; // starts the app: migrations and demo seeding
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
