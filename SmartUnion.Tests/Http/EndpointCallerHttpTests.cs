using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>
/// The three kinds of endpoint (attachment download, list export, monthly report) get their caller one way
/// (<c>EndpointCaller</c>) and answer a signed-out and a disabled caller alike: like an anonymous request, a redirect
/// to the login page.
/// </summary>
public class EndpointCallerHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    public static TheoryData<string> EndpointKinds => EndpointCallerScenario.EndpointKinds;

    [Theory]
    [MemberData(nameof(EndpointKinds))]
    public async Task EveryEndpointKindSendsASignedOutRequestToTheLoginPage(string kind)
    {
        var scenario = await EndpointCallerScenario.CreateAsync(fixture.App);
        var path = scenario.PathOf(kind);

        var answer = await EndpointCallerScenario.AnswerAsync(fixture.App, null, path);

        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(EndpointCallerScenario.LoginRedirectFor(path), answer.Location);
    }

    [Theory]
    [MemberData(nameof(EndpointKinds))]
    public async Task EveryEndpointKindAnswersADisabledUserLikeASignedOutOne(string kind)
    {
        var scenario = await EndpointCallerScenario.CreateAsync(fixture.App);
        var path = scenario.PathOf(kind);
        Assert.Equal(HttpStatusCode.OK, (await EndpointCallerScenario.AnswerAsync(fixture.App, scenario.Cookie, path)).Status);

        await scenario.DisableUserAsync();

        Assert.Equal(await EndpointCallerScenario.AnswerAsync(fixture.App, null, path),
            await EndpointCallerScenario.AnswerAsync(fixture.App, scenario.Cookie, path));
    }
}

/// <summary>
/// The same when the user is disabled after the sign-in cookie's check of the request (here: with that check left out),
/// so that the endpoint's own caller lookup is what refuses: every kind still answers like for a signed-out request
/// (before, the attachment answered 404 and the exports 401).
/// </summary>
public class EndpointCallerWithoutCookieCheckHttpTests(EndpointCallerWithoutCookieCheckHttpTests.Fixture fixture)
    : IClassFixture<EndpointCallerWithoutCookieCheckHttpTests.Fixture>
{
    public static TheoryData<string> EndpointKinds => EndpointCallerScenario.EndpointKinds;

    [Theory]
    [MemberData(nameof(EndpointKinds))]
    public async Task EveryEndpointKindSendsAUserDisabledAfterTheCookieCheckToTheLoginPage(string kind)
    {
        var scenario = await EndpointCallerScenario.CreateAsync(fixture.App);
        var path = scenario.PathOf(kind);
        Assert.Equal(HttpStatusCode.OK, (await EndpointCallerScenario.AnswerAsync(fixture.App, scenario.Cookie, path)).Status);

        await scenario.DisableUserAsync();

        var answer = await EndpointCallerScenario.AnswerAsync(fixture.App, scenario.Cookie, path);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal(EndpointCallerScenario.LoginRedirectFor(path), answer.Location);
    }

    /// <summary>The app with the sign-in cookie's per-request check left out.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public SmartUnionAppFactory App { get; } = new WithoutCookieCheck();

        public Task InitializeAsync()
        {
            _ = App.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private sealed class WithoutCookieCheck : SmartUnionAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.PostConfigure<CookieAuthenticationOptions>(
                IdentityConstants.ApplicationScheme, o => o.Events.OnValidatePrincipal = _ => Task.CompletedTask));
        }
    }
}

/// <summary>A new reporter signed in through the login form, with an attachment of its own unit.</summary>
internal sealed class EndpointCallerScenario
{
    private const string Password = "Right1234a";

    public static TheoryData<string> EndpointKinds => new() { "attachment", "export", "report" };

    private readonly SmartUnionAppFactory app;
    private readonly string userId;
    private readonly int attachmentId;

    private EndpointCallerScenario(SmartUnionAppFactory app, string userId, int attachmentId, string cookie)
    {
        this.app = app;
        this.userId = userId;
        this.attachmentId = attachmentId;
        Cookie = cookie;
    }

    /// <summary>The reporter's sign-in cookie ("SmartUnion.Auth=…").</summary>
    public string Cookie { get; }

    public string PathOf(string kind) => kind switch
    {
        "attachment" => $"/attachments/{attachmentId}",
        "export" => "/items/export",
        "report" => "/reports/monthly?month=2026-10",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string LoginRedirectFor(string path) => "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path);

    public static async Task<EndpointCallerScenario> CreateAsync(SmartUnionAppFactory app)
    {
        var services = app.Services;
        var admin = await AdminAsync(app);
        var wuzhong = await app.WithDbAsync(db => db.Units.Where(u => u.ShortName == "吴中区总").Select(u => u.Id).SingleAsync());
        var name = $"端点{Guid.NewGuid():N}"[..10];
        var userId = await services.GetRequiredService<SettingsService>()
            .CreateUserAsync(admin, new NewUserInput(name, name, wuzhong, Roles.Reporter, Password));
        var reporter = (await services.GetRequiredService<CallerService>().FindAsync(userId))!;
        var item = await services.GetRequiredService<ItemService>()
            .CreateAsync(reporter, new ItemInput { Title = "端点测试", Body = "正文", Category = InfoCategory.General });
        var attachment = await services.GetRequiredService<AttachmentService>()
            .UploadAsync(reporter, item.Id, "说明.txt", new MemoryStream(Encoding.UTF8.GetBytes("说明")));

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await HttpLogin.PostLoginAsync(client, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal));
        return new EndpointCallerScenario(app, userId, attachment.Id, cookie.Split(';')[0]);
    }

    public async Task DisableUserAsync() =>
        await app.Services.GetRequiredService<SettingsService>().SetUserActiveAsync(await AdminAsync(app), userId, false);

    /// <summary>The status and redirect target of a GET with the given cookie (none: signed out).</summary>
    public static async Task<(HttpStatusCode Status, string? Location)> AnswerAsync(SmartUnionAppFactory app, string? cookie, string path)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return (response.StatusCode, location);
    }

    private static async Task<Caller> AdminAsync(SmartUnionAppFactory app)
    {
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync());
        return (await app.Services.GetRequiredService<CallerService>().FindAsync(id))!;
    }
}
