using Microsoft.Playwright;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// One running app (Kestrel on a free loopback port, fresh demo database) and one headless
/// Debian Chromium for all browser tests. Each test opens its own browser context.
/// Nothing is downloaded: Playwright drives /usr/bin/chromium.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFixture() : this(new SmartUnionAppFactory()) { }

    /// <summary>For a fixture whose app is configured differently (e.g. <see cref="ClockedBrowserFixture"/>).</summary>
    protected BrowserFixture(SmartUnionAppFactory app) => App = app;

    public SmartUnionAppFactory App { get; }
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(LaunchOptions());
    }

    /// <summary>How every browser test launches Chromium (also used by tests that run their own app process).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
        ],
    };

    /// <summary>A fresh context (own cookies) with Chinese locale and downloads enabled.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form and waits until the interactive circuit is up.</summary>
    public async Task<IPage> LoginAsync(string userName, string password = SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword, string path = "/items")
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Clicks on the prerendered page do nothing: wait for a marker that renders only when interactive.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.Locator("#app-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The browser tests run in two collections, each with its own app and Chromium (<see cref="SecondBrowserCollection"/>),
/// so that the two halves run side by side: within a collection xunit runs tests one after the other, and one
/// collection of every browser test was the longest chain of the whole suite. Put a new test class in the half with
/// less time (the durations are in test.sh's trx).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The second half of the browser tests: the same fixture type, a second instance (own app, own database, own Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser (second half)";
}
