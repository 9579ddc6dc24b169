using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Account.Pages;

namespace SmartUnion.Tests.Http;

/// <summary>
/// Sign-in as an attacker tries it (issue 13 items 2, 5, 6): crafted ReturnUrls, user-name probing, the lockout oracle,
/// a missing antiforgery token, a foreign Host header, the password echoed back, and what a user name is.
/// </summary>
public partial class SignInHttpTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    private HttpClient NewClient() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("http:/evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData("/.//evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("", "/")]
    [InlineData("/items", "/items")]
    [InlineData("/items#x", "/items#x")]
    [InlineData("/items?q=a b", "/items?q=a%20b")]
    [InlineData("/reports/中文", "/reports/%E4%B8%AD%E6%96%87")]
    public async Task TheRightPasswordSignsInWhateverTheReturnUrlAndGoesOnlyToALocalPath(string returnUrl, string expected)
    {
        var client = NewClient();
        var query = "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = HttpLogin.TokenOf(await client.GetStringAsync("/Account/Login" + query));
        var response = await client.PostAsync("/Account/Login" + query, HttpLogin.LoginForm(token, "gusu", ReferenceData.DemoPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var raw = response.Headers.NonValidated["Location"].ToString();
        Assert.True(raw.All(char.IsAscii), $"Location is ASCII: {raw}");
        var location = new Uri(new Uri("http://localhost"), raw);
        Assert.Equal("localhost", location.Host);
        Assert.Equal(expected, location.PathAndQuery + location.Fragment);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/items")).StatusCode);
    }

    [Fact]
    public async Task UnknownNameWrongPasswordLockedAndDisabledAnswerAlikeAndHashOnceEach()
    {
        var known = await fixture.CreateUserAsync("已知");
        var locked = await fixture.CreateUserAsync("锁定");
        var disabled = await fixture.CreateUserAsync("停用", active: false);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(locked))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var attempts = new (string Case, string UserName, string Password)[]
        {
            ("unknown user", $"无此人{Guid.NewGuid():N}"[..10], "Right1234a"),
            ("wrong password", known, "wrong-password1"),
            ("locked, right password", locked, FixtureUsers.Password),
            ("locked, wrong password", locked, "wrong-password1"),
            ("disabled, right password", disabled, FixtureUsers.Password),
        };
        foreach (var (name, userName, password) in attempts)
        {
            var client = NewClient();
            var token = HttpLogin.TokenOf(await client.GetStringAsync("/Account/Login"));
            var before = fixture.App.Hasher.Verifications;
            var response = await client.PostAsync("/Account/Login", HttpLogin.LoginForm(token, userName, password));
            var verifications = fixture.App.Hasher.Verifications - before;

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode}");
            Assert.Equal(Login.FailedMessage, ErrorOf(await HttpLogin.DecodedAsync(response)));
            Assert.True(verifications == 1, $"{name}: the password hasher verified {verifications} times, not once");
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)), name);
        }
    }

    [Fact]
    public async Task AFailedSignInDoesNotWriteThePasswordBackIntoThePage()
    {
        var response = await HttpLogin.PostLoginAsync(NewClient(), "gusu", "wrong-secret-9");
        var html = await HttpLogin.DecodedAsync(response);
        Assert.Equal(Login.FailedMessage, ErrorOf(html));
        Assert.DoesNotContain("wrong-secret-9", html);
        Assert.Matches(PasswordInputRegex(), html);
        Assert.DoesNotMatch(PasswordInputWithValueRegex(), html);
        Assert.Contains("value=\"gusu\"", html); // the user name stays
    }

    [Fact]
    public async Task APostWithoutAntiforgeryTokenGetsAChinesePage()
    {
        var response = await NewClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "gusu",
            ["Input.Password"] = ReferenceData.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        var html = await HttpLogin.DecodedAsync(response);
        Assert.Contains("页面已过期", html);
        Assert.Contains("请返回登录页", html);
        Assert.DoesNotContain("antiforgery", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmartUnion.Auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("GUSU")]
    [InlineData(" gusu ")]
    [InlineData("Gusu")]
    public async Task AUserNameIsTrimmedAndCaseInsensitive(string typed)
    {
        var client = NewClient();
        await HttpLogin.SignInAsync(client, typed);
        var html = await HttpLogin.DecodedAsync(await client.GetAsync("/items"));
        Assert.Contains("姑苏区总报送员", html);
    }

    private static string ErrorOf(string html) => ErrorRegex().Match(html) is { Success: true } m ? m.Groups[1].Value : "(no error shown)";

    [GeneratedRegex("id=\"login-error\">([^<]*)<")]
    private static partial Regex ErrorRegex();

    [GeneratedRegex("<input[^>]*type=\"password\"[^>]*name=\"Input.Password\"|<input[^>]*name=\"Input.Password\"[^>]*type=\"password\"")]
    private static partial Regex PasswordInputRegex();

    [GeneratedRegex("<input[^>]*name=\"Input.Password\"[^>]*value=\"[^\"]|<input[^>]*value=\"[^\"]+\"[^>]*name=\"Input.Password\"")]
    private static partial Regex PasswordInputWithValueRegex();
}

/// <summary>Sign-in POSTs are limited per client address (SmartUnion:SignIn), with a Chinese 429 page.</summary>
// Not in the PostgreSQL pass: the in-memory sign-in rate limiter, the same on either database (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class SignInRateLimitHttpTests(SignInRateLimitFixture fixture) : IClassFixture<SignInRateLimitFixture>
{
    private HttpClient ClientFrom(string peer, string? forwardedFor = null)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerFilter.Header, peer);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private static async Task<HttpResponseMessage> WrongPasswordAsync(HttpClient client, string token) =>
        await client.PostAsync("/Account/Login", HttpLogin.LoginForm(token, "gusu", "wrong-password1"));

    [Fact]
    public async Task AClientThatPostsTooOftenGetsAChinese429WhileOthersStillSignIn()
    {
        var attacker = ClientFrom("10.1.0.1");
        var token = HttpLogin.TokenOf(await attacker.GetStringAsync("/Account/Login"));
        for (var i = 0; i < SignInRateLimitFixture.PermitLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync(attacker, token)).StatusCode);

        var limited = await WrongPasswordAsync(attacker, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.StartsWith("text/html", limited.Content.Headers.ContentType?.ToString());
        Assert.Contains("登录尝试过于频繁", await HttpLogin.DecodedAsync(limited));
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is sent");
        // Even the right password waits: the limit counts attempts, not failures.
        var right = await attacker.PostAsync("/Account/Login", HttpLogin.LoginForm(token, "gusu", ReferenceData.DemoPassword));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        // The login page itself still opens for that client.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/Account/Login")).StatusCode);

        // Another client is not affected.
        await HttpLogin.SignInAsync(ClientFrom("10.1.0.2"), "gusu");
        // And the attacker's failures did not lock gusu (fewer than five got through).
        Assert.True(SignInRateLimitFixture.PermitLimit < 5);
    }

    [Fact]
    public async Task BehindTheKnownProxyEachForwardedClientHasItsOwnLimit()
    {
        var first = ClientFrom(SignInRateLimitFixture.Proxy, forwardedFor: "203.0.113.10");
        var token = HttpLogin.TokenOf(await first.GetStringAsync("/Account/Login"));
        for (var i = 0; i < SignInRateLimitFixture.PermitLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await WrongPasswordAsync(first, token)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongPasswordAsync(first, token)).StatusCode);

        // The same proxy, another client behind it.
        await HttpLogin.SignInAsync(ClientFrom(SignInRateLimitFixture.Proxy, forwardedFor: "203.0.113.11"), "gusu");
    }
}

/// <summary>With AllowedHosts configured (as production must), a foreign Host header is refused, never echoed.</summary>
// Not in the PostgreSQL pass: host filtering before any data is read (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class AllowedHostsHttpTests : IAsyncLifetime
{
    private readonly HostsFactory factory = new();
    private readonly ShippedProductionFactory production = new();

    [Fact]
    public async Task TheShippedProductionSettingsRefuseAForeignHost()
    {
        var evil = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://evil.example") });
        var refused = await evil.GetAsync("/items");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);

        var local = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await local.GetAsync("/items")).StatusCode);
    }

    [Fact]
    public async Task AForeignHostGets400AndIsNeverEchoed()
    {
        var evil = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://evil.example") });
        foreach (var path in new[] { "/items", "/Account/Login", "/" })
        {
            var response = await evil.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
        }

        var own = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://smartunion.example") });
        var redirect = await own.GetAsync("/items");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.DoesNotContain("evil.example", redirect.Headers.Location!.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await production.DisposeAsync();
    }

    /// <summary>appsettings.json as shipped, in Production (Development keeps AllowedHosts "*").</summary>
    private sealed class ShippedProductionFactory : SmartUnionAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private sealed class HostsFactory : SmartUnionAppFactory
    {
        protected override Dictionary<string, string> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["AllowedHosts"] = "smartunion.example;localhost";
                return settings;
            }
        }
    }
}

/// <summary>The user that the identical-answer test creates, with a known password.</summary>
public static class FixtureUsers
{
    public const string Password = "Right1234a";
}

/// <summary>The app with a password hasher that counts verifications.</summary>
public sealed class SignInAppFixture : IAsyncLifetime
{
    public CountingHasherFactory App { get; } = new();

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task<string> CreateUserAsync(string prefix, bool active = true)
    {
        var userName = $"{prefix}{Guid.NewGuid():N}"[..12];
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var unitId = await App.WithDbAsync(db => Task.FromResult(db.Units.First(u => u.ShortName == "吴中区总").Id));
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = userName, UnitId = unitId, IsActive = active }, FixtureUsers.Password);
        Assert.True(result.Succeeded);
        await users.AddToRoleAsync((await users.FindByNameAsync(userName))!, Roles.Reporter);
        return userName;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class CountingHasherFactory : SmartUnionAppFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
    }
}

/// <summary>The framework's hasher, counting how often a password is checked.</summary>
public sealed class CountingPasswordHasher : PasswordHasher<AppUser>
{
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>A low sign-in limit, a known proxy, and peers set from a test header.</summary>
public sealed class SignInRateLimitFixture : IAsyncLifetime
{
    public const int PermitLimit = 3;
    public const string Proxy = "10.9.0.5";

    public PeerFactory App { get; } = new(new()
    {
        ["SmartUnion:SignIn:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SmartUnion:SignIn:WindowSeconds"] = "600",
        ["SmartUnion:ReverseProxy:KnownProxies:0"] = Proxy,
    });

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PeerFactory(Dictionary<string, string> extra) : SmartUnionAppFactory
{
    protected override Dictionary<string, string> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in extra) settings[key] = value;
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerFilter>());
    }
}

/// <summary>The test server has no peer address: take it from a header, before the app's pipeline.</summary>
public sealed class PeerFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}
