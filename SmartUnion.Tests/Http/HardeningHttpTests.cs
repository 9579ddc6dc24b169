using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

// Not in the PostgreSQL pass: response headers and error pages, no data (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class HardeningHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/items")]
    [InlineData("/healthz")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await NewClient().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task TheLoginPageRendersNoInlineScriptSoTheCspHolds()
    {
        var html = await (await NewClient().GetAsync("/Account/Login")).Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }

    [Fact]
    public async Task HealthzAnswersAnonymouslyWhenTheDatabaseIsUp()
    {
        var response = await NewClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheAuthCookieIsHttpOnlyAndSameSite()
    {
        var response = await HttpLogin.PostLoginAsync(NewClient(), "gusu", SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheLoginFormRefusesAPostWithoutAntiforgeryToken()
    {
        var response = await NewClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "gusu",
            ["Input.Password"] = SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)));
    }
}

// Not in the PostgreSQL pass: the production error page, no data (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class ProductionErrorPageTests : IAsyncLifetime
{
    private readonly ProductionFactory factory = new();

    [Fact]
    public async Task AnUnhandledErrorShowsTheChineseErrorPageWithoutAStackTrace()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, "gusu");
        var response = await client.GetAsync("/test-throw");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await HttpLogin.DecodedAsync(response);
        Assert.Contains("系统错误", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("secret-detail", html);
        Assert.DoesNotContain(" at ", html.Replace("at least", ""));
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await factory.DisposeAsync();

    private sealed class ProductionFactory : SmartUnionAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingEndpointFilter>());
        }
    }

    /// <summary>Adds, after the app's own pipeline, an endpoint that fails — inside the app's exception handler.</summary>
    private sealed class ThrowingEndpointFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test-throw", a => a.Run(_ => throw new InvalidOperationException("secret-detail")));
        };
    }
}
