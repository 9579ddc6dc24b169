using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>
/// A sign-in cookie stops working at once (issue 13, items 1 and 3): replayed after 退出, after 停用 of the user or its
/// unit, after 修改密码 or 重置密码; 退出 needs the antiforgery token; a reset password must be changed first.
/// </summary>
public class SessionRevocationHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private const string Password = "Right1234a";
    private const string Month = "/reports/monthly?month=2026-10";

    public static TheoryData<string> ProtectedPaths => new() { "/items", ItemExportPath, Month };
    private const string ItemExportPath = "/items/export";

    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private async Task<Caller> AdminAsync()
    {
        var id = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        return (await Service<CallerService>().FindAsync(id))!;
    }

    /// <summary>A new reporter (of a new unit under 吴中区总 when asked), so no other test shares its sessions.</summary>
    private async Task<(string UserName, string UserId, int UnitId)> NewReporterAsync(bool ownUnit = false)
    {
        var name = $"会话{Guid.NewGuid():N}"[..10];
        var admin = await AdminAsync();
        var wuzhong = await fixture.App.WithDbAsync(db => db.Units.Where(u => u.ShortName == "吴中区总").Select(u => u.Id).SingleAsync());
        var unitId = ownUnit ? await Service<SettingsService>().AddUnitAsync(admin, wuzhong, new UnitInput(name + "工会", name, 99)) : wuzhong;
        var id = await Service<SettingsService>().CreateUserAsync(admin, new NewUserInput(name, name, unitId, Roles.Reporter, Password));
        return (name, id, unitId);
    }

    /// <summary>Signs in through the login form; returns the client and its sign-in cookie ("SmartUnion.Auth=…").</summary>
    private async Task<(HttpClient Client, string Cookie)> SignInAsync(string userName, string password = Password)
    {
        var client = NewClient();
        var response = await HttpLogin.PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }

    /// <summary>The request a thief with a copy of the cookie makes, from another client.</summary>
    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static void AssertSignedOut(HttpResponseMessage response, string path)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized) return;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: expected a redirect to the login page, got {(int)response.StatusCode}");
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString.StartsWith('/')
            ? response.Headers.Location.OriginalString : response.Headers.Location.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> AppPageTokenAsync(HttpClient client)
    {
        var page = await client.GetAsync("/items");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return HttpLogin.TokenOf(await page.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent LogoutForm(string token) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "" });

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task TheOldCookieOpensNothingAfterLogout(string path)
    {
        var (userName, _, _) = await NewReporterAsync();
        var (client, cookie) = await SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, path)).StatusCode);

        var logout = await client.PostAsync("/Account/Logout", LogoutForm(await AppPageTokenAsync(client)));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.EndsWith("/Account/Login", logout.Headers.Location!.OriginalString);

        AssertSignedOut(await ReplayAsync(cookie, path), path);
    }

    [Fact]
    public async Task LogoutWithoutTheAntiforgeryTokenIsRefusedAndLeavesTheSessionAlive()
    {
        var (userName, _, _) = await NewReporterAsync();
        var (client, cookie) = await SignInAsync(userName);

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("安全令牌", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/items")).StatusCode);
    }

    [Fact]
    public async Task ATextPlainLogoutIsRefusedAndLeavesTheSessionAlive()
    {
        var (userName, _, _) = await NewReporterAsync();
        var (client, cookie) = await SignInAsync(userName);
        var token = await AppPageTokenAsync(client);

        var response = await client.PostAsync("/Account/Logout",
            new StringContent($"__RequestVerificationToken={token}", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/items")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task TheCookieOfADisabledUserStopsWorkingAtOnce(string path)
    {
        var (userName, userId, _) = await NewReporterAsync();
        var (_, cookie) = await SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, path)).StatusCode);

        await Service<SettingsService>().SetUserActiveAsync(await AdminAsync(), userId, false);

        AssertSignedOut(await ReplayAsync(cookie, path), path);
    }

    [Theory]
    [MemberData(nameof(ProtectedPaths))]
    public async Task TheCookieOfAUserOfADisabledUnitStopsWorkingAtOnce(string path)
    {
        var (userName, _, unitId) = await NewReporterAsync(ownUnit: true);
        var (_, cookie) = await SignInAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, path)).StatusCode);

        await Service<SettingsService>().SetUnitActiveAsync(await AdminAsync(), unitId, false);

        AssertSignedOut(await ReplayAsync(cookie, path), path);
    }

    [Fact]
    public async Task AUserOfADisabledUnitCannotSignIn()
    {
        var (userName, _, unitId) = await NewReporterAsync(ownUnit: true);
        await Service<SettingsService>().SetUnitActiveAsync(await AdminAsync(), unitId, false);

        var response = await HttpLogin.PostLoginAsync(NewClient(), userName, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SmartUnion.Web.Components.Account.Pages.Login.FailedMessage, await HttpLogin.DecodedAsync(response));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ARoleChangeEndsTheOldCookie()
    {
        var (userName, userId, _) = await NewReporterAsync();
        var (_, cookie) = await SignInAsync(userName);

        await Service<SettingsService>().ChangeRoleAsync(await AdminAsync(), userId, Roles.Reviewer);

        AssertSignedOut(await ReplayAsync(cookie, "/items"), "/items");
    }

    [Fact]
    public async Task APasswordChangeEndsTheOtherSessions()
    {
        var (userName, userId, _) = await NewReporterAsync();
        var (_, cookie) = await SignInAsync(userName);
        var caller = (await Service<CallerService>().FindAsync(userId))!;

        Assert.Empty(await Service<AccountService>().ChangePasswordAsync(caller, Password, "Other1234b", "Other1234b"));

        AssertSignedOut(await ReplayAsync(cookie, "/items"), "/items");
        AssertSignedOut(await ReplayAsync(cookie, ItemExportPath), ItemExportPath);
    }

    [Fact]
    public async Task AfterAnAdminsResetTheOldCookieIsDeadAndTheNextSignInMustChooseANewPassword()
    {
        var (userName, userId, _) = await NewReporterAsync();
        var (_, cookie) = await SignInAsync(userName);

        await Service<SettingsService>().ResetPasswordAsync(await AdminAsync(), userId, "Reset1234c");
        AssertSignedOut(await ReplayAsync(cookie, "/items"), "/items");

        var (client, _) = await SignInAsync(userName, "Reset1234c");
        foreach (var path in new[] { "/items", ItemExportPath, Month, "/deductions" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password", response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);
    }
}
