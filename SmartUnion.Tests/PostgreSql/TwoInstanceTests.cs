using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Reliability;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.PostgreSql;

/// <summary>
/// Two app processes (instances A and B) on one PostgreSQL database of the throwaway server, each with its own data
/// folder and one shared attachments folder (SmartUnion:Attachments:Folder), as README 多实例部署 describes.
/// Needs SMARTUNION_TEST_POSTGRES (test.sh sets it in both passes).
/// </summary>
[Collection(AppProcessCollection.Name)]
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task ABrowserOnInstanceASeesAnAdoptionMadeThroughBAndCookiesAndAttachmentsWorkOnBoth()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("smartunion-two-instances-");
        var shared = Path.Combine(root.FullName, "shared-attachments");
        var environment = new Dictionary<string, string>
        {
            ["SmartUnion__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SmartUnion"] = TestPostgres.ConnectionString(database),
            ["SmartUnion__Attachments__Folder"] = shared,
        };
        AppProcess? a = null, b = null;
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        try
        {
            // One after the other: the first start seeds the database.
            a = await AppProcess.StartAsync(Path.Combine(root.FullName, "a"), environment: environment);
            b = await AppProcess.StartAsync(Path.Combine(root.FullName, "b"), environment: environment);
            var itemId = await AddReportedItemAsync(database, "两个实例上的公文");

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());

            // The reporter watches the item on A.
            var reporter = await LoginAsync(browser, a.BaseUrl, "gusu", $"/items/{itemId}");
            await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已上报");

            // The reviewer signs in on A and opens the item on B: B accepts A's cookie (keys in the database).
            var reviewer = await LoginAsync(browser, a.BaseUrl, "shenhe", "/items");
            await reviewer.GotoAsync($"{b.BaseUrl}/items/{itemId}");
            await BrowserFixture.WaitForCircuitAsync(reviewer);
            Assert.DoesNotContain("/Account/Login", reviewer.Url);
            await Expect(reviewer.Locator("#item-title")).ToHaveTextAsync("两个实例上的公文");

            await reviewer.Locator("tr.adoption-row[data-publication='苏州工会网'][data-form='文字'] td.adopt-check input[type=checkbox]").CheckAsync();
            await reviewer.Locator("#adopt-button").ClickAsync();
            await reviewer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
            // B's own page under load (2 cores, app processes and a browser) may take longer than Expect's 5 s default.
            await Expect(reviewer.Locator("#item-state")).ToHaveTextAsync("已录用", new() { Timeout = 30_000 });
            var adopted = Stopwatch.StartNew();

            // Instance A hears it over LISTEN/NOTIFY and the reporter's open page follows within 2 s.
            await Expect(reporter.Locator("#item-state")).ToHaveTextAsync("已录用", new() { Timeout = 2000 });
            Assert.True(adopted.Elapsed < TimeSpan.FromSeconds(2), $"A followed after {adopted.Elapsed}");
            await Expect(reporter.Locator("#adoptions")).ToContainTextAsync("苏州工会网");

            // An attachment uploaded through A (choosing a file on a new item saves the draft and the file) ...
            var title = "附件跨实例" + Guid.NewGuid().ToString("N")[..6];
            var content = Encoding.UTF8.GetBytes("两个实例共用的附件内容");
            await reporter.GotoAsync($"{a.BaseUrl}/items/new");
            await BrowserFixture.WaitForCircuitAsync(reporter);
            await reporter.Locator("#item-title").FillAsync(title);
            await reporter.Locator("#item-body").FillAsync("正文");
            await reporter.Locator("#item-category").ClickAsync();
            await reporter.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
            await Expect(reporter.Locator("#item-category")).ToHaveValueAsync(nameof(InfoCategory.General));
            await reporter.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
            {
                Name = "共享附件.txt", MimeType = "text/plain", Buffer = content,
            });
            await Expect(reporter.Locator("#attachment-list .attachment-name")).ToContainTextAsync("共享附件.txt");
            var attachmentId = await WithDbAsync(database, db => db.Attachments.Where(x => x.InfoItem!.Title == title).Select(x => x.Id).SingleAsync());

            // ... downloads through B with the reporter's cookie from A.
            var download = await reporter.Context.APIRequest.GetAsync($"{b.BaseUrl}/attachments/{attachmentId}");
            Assert.Equal(200, download.Status);
            Assert.Equal(content, await download.BodyAsync());

            // The keys are in the database, not in either data folder; the file is in the shared folder only.
            Assert.True(await WithDbAsync(database, db => db.DataProtectionKeys.AnyAsync()));
            Assert.False(Directory.Exists(Path.Combine(root.FullName, "a", "keys")));
            Assert.False(Directory.Exists(Path.Combine(root.FullName, "b", "keys")));
            Assert.Single(Directory.GetFiles(shared));
            Assert.False(Directory.Exists(Path.Combine(root.FullName, "a", "attachments")));
        }
        catch (Exception ex) when (a is not null)
        {
            throw new Exception($"{ex.Message}\n--- A ---\n{a.Output}\n--- B ---\n{b?.Output}", ex);
        }
        finally
        {
            if (browser is not null) await browser.CloseAsync();
            playwright?.Dispose();
            if (b is not null) await b.DisposeAsync();
            if (a is not null) await a.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
            try { root.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<IPage> LoginAsync(IBrowser browser, string baseUrl, string userName, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword);
        await page.ClickAsync("#login-submit");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        return page;
    }

    private static async Task<T> WithDbAsync<T>(string database, Func<AppDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSmartUnionDatabase(DatabaseProvider.PostgreSQL, TestPostgres.ConnectionString(database), 10_000);
        await using var db = new AppDbContext(options.Options);
        return await query(db);
    }

    /// <summary>A reported item of 姑苏区总 (reporter gusu), written directly into the shared database.</summary>
    private static Task<int> AddReportedItemAsync(string database, string title) => WithDbAsync(database, async db =>
    {
        var gusu = await db.Users.SingleAsync(u => u.UserName == "gusu");
        var now = DateTime.UtcNow;
        var item = new InfoItem
        {
            Title = title, Body = "两个实例", Category = InfoCategory.General, UnitId = gusu.UnitId, AuthorId = gusu.Id,
            CreatedAt = now, UpdatedAt = now,
        };
        item.Report(now);
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });
}
