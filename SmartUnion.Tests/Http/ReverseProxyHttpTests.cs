using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web;

namespace SmartUnion.Tests.Http;

/// <summary>
/// SmartUnion:ReverseProxy: X-Forwarded-Proto/-For are believed from the configured proxies only. The test server has no
/// peer address of its own, so a filter in front of the app's pipeline sets it from an X-Test-Peer header, and an endpoint
/// behind the pipeline (signed in, as every path of the app) answers with the scheme and client address the app saw.
/// </summary>
// Not in the PostgreSQL pass: forwarded headers and cookie flags, the same on either database (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class ReverseProxyHttpTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private readonly ProxyFactory behindProxy = new(configured: true);
    private readonly ProxyFactory unconfigured = new(configured: false);

    [Fact]
    public async Task TheConfiguredProxysSchemeAndClientAddressAreBelieved()
    {
        Assert.Equal("https 203.0.113.7", await SeenAsync(behindProxy, peer: Proxy));
    }

    [Fact]
    public async Task AnyOtherPeersForwardedHeadersAreIgnored()
    {
        Assert.Equal("http 10.0.0.9", await SeenAsync(behindProxy, peer: "10.0.0.9"));
    }

    [Fact]
    public async Task WithNoProxyConfiguredForwardedHeadersAreIgnored()
    {
        Assert.Equal($"http {Proxy}", await SeenAsync(unconfigured, peer: Proxy));
    }

    [Fact]
    public async Task BehindTheProxyTheSignInCookieIsMarkedSecure()
    {
        Assert.Contains("secure", await SignInCookieAsync(behindProxy, Proxy), StringComparison.OrdinalIgnoreCase);
        // The same request straight from a client over HTTP: the cookie must still work there, so it is not Secure.
        Assert.DoesNotContain("secure", await SignInCookieAsync(unconfigured, Proxy), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("KnownProxies", "10.0.0.300", "配置项 SmartUnion:ReverseProxy:KnownProxies 中的“10.0.0.300”不是 IP 地址（例如 10.0.0.5）")]
    [InlineData("KnownNetworks", "10.0.0.0/33", "配置项 SmartUnion:ReverseProxy:KnownNetworks 中的“10.0.0.0/33”不是网段（例如 10.0.0.0/24）")]
    [InlineData("KnownNetworks", "10.0.0.5", "配置项 SmartUnion:ReverseProxy:KnownNetworks 中的“10.0.0.5”不是网段（例如 10.0.0.0/24）")]
    public void AnEntryThatIsNoAddressStopsTheStartWithAChineseMessage(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ReverseProxy.Section}:{key}:0"] = value,
        }).Build();
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => ReverseProxy.Options(configuration)).Message);
    }

    [Fact]
    public void OnlyTheConfiguredProxiesAndNetworksAreTrusted()
    {
        Assert.Null(ReverseProxy.Options(new ConfigurationBuilder().Build()));
        var options = ReverseProxy.Options(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ReverseProxy.Section}:KnownProxies:0"] = "10.0.0.5",
            [$"{ReverseProxy.Section}:KnownNetworks:0"] = "192.168.10.0/24",
        }).Build())!;
        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.10.0/24")], options.KnownIPNetworks);
    }

    /// <summary>Signs in through <paramref name="peer"/>, then asks what the app sees of a request sent the same way.</summary>
    private static async Task<string> SeenAsync(ProxyFactory factory, string peer)
    {
        var (client, authCookie) = await SignInAsync(factory, peer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test-seen");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("Cookie", authCookie.Split(';')[0]);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> SignInCookieAsync(ProxyFactory factory, string peer) => (await SignInAsync(factory, peer)).AuthCookie;

    /// <summary>
    /// Signs in as gusu through the form, every request coming from <paramref name="peer"/> with X-Forwarded-Proto: https;
    /// returns the client (which sends those headers) and the auth cookie's Set-Cookie.
    /// </summary>
    private static async Task<(HttpClient Client, string AuthCookie)> SignInAsync(ProxyFactory factory, string peer)
    {
        // Cookies by hand: a client's cookie jar would not send a Secure antiforgery cookie back over the test's http.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Test-Peer", peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = HttpLogin.TokenOf(await form.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = HttpLogin.LoginForm(token, "gusu", SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword),
        };
        post.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await behindProxy.DisposeAsync();
        await unconfigured.DisposeAsync();
    }

    private sealed class ProxyFactory(bool configured) : SmartUnionAppFactory
    {
        protected override Dictionary<string, string> Settings
        {
            get
            {
                var settings = base.Settings;
                if (configured) settings[$"{ReverseProxy.Section}:KnownProxies:0"] = Proxy;
                return settings;
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerAndEchoFilter>());
        }
    }

    private sealed class PeerAndEchoFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return nextMiddleware(context);
            });
            next(app);
            app.Map("/test-seen", a => a.Run(context =>
                context.Response.WriteAsync($"{context.Request.Scheme} {context.Connection.RemoteIpAddress}")));
        };
    }
}
