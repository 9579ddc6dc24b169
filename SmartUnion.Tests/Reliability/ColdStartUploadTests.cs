using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Reliability;

/// <summary>
/// The first upload after the app starts, on a real app process that nothing has warmed up (the browser tests share one
/// in-process app, with tiered compilation and earlier tests behind it, so they never meet a cold start), with the app's
/// own logging configuration.
/// </summary>
// SQLite only: it is about the app's cold start (JIT), not the database, and its app process runs over its own data
// folder; the start on PostgreSQL is covered by PostgreSqlStartupTests.
[Collection(AppProcessCollection.Name)]
[Trait("Database", "SqliteOnly")]
public class ColdStartUploadTests(ITestOutputHelper output)
{
    private const string FileName = "劳模方案.txt";
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("劳模方案全文：冷启动后的第一个附件");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheFirstFileChosenOnANewItemAfterAColdStartIsUploadedAndStored(bool throughTheButton)
    {
        await WithColdAppAsync(null, async (app, folder, page, title) =>
        {
            var file = new FilePayload { Name = FileName, MimeType = "text/plain", Buffer = Content };
            if (throughTheButton)
            {
                var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#choose-files").ClickAsync());
                await chooser.SetFilesAsync(file);
            }
            else
            {
                await page.Locator("input[type=file]").First.SetInputFilesAsync(file);
            }

            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync(FileName, new() { Timeout = 60_000 });
            var storedName = await StoredNameAsync(folder, title);
            Assert.NotNull(storedName);
            Assert.Equal(Content, await File.ReadAllBytesAsync(Path.Combine(folder, "attachments", storedName)));
        });
    }

    /// <summary>
    /// A failure the form does not expect (here the database stays locked by another process past the busy timeout) used
    /// to vanish: the upload runs from InputFile's JavaScript callback, whose exceptions Blazor hands back to the browser
    /// and logs at Debug level only — no message, nothing in the log. Now the reporter reads why and the log says what.
    /// </summary>
    [Fact]
    public async Task AnUnexpectedFailureWhileUploadingShowsAChineseMessageAndIsLogged()
    {
        var environment = new Dictionary<string, string> { ["SmartUnion__BusyTimeoutMs"] = "1000" };
        await WithColdAppAsync(environment, async (app, folder, page, title) =>
        {
            await using (var locker = new SqliteConnection($"Data Source={Path.Combine(folder, "smartunion.db")};Pooling=False"))
            {
                await locker.OpenAsync();
                using (var begin = locker.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    await begin.ExecuteNonQueryAsync();
                }
                await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = FileName, MimeType = "text/plain", Buffer = Content });
                await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("上传附件失败，请重试", new() { Timeout = 60_000 });
                using var rollback = locker.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            await WaitForAsync(() => app.Output.Contains("上传附件失败"), "the log line");
            Assert.Contains("database is locked", app.Output);
            Assert.Null(await StoredNameAsync(folder, title));
        });
    }

    /// <summary>Starts a fresh app process, signs in as gusu, opens 新增 from the list and fills 标题/正文/信息分类.</summary>
    private async Task WithColdAppAsync(IReadOnlyDictionary<string, string>? environment, Func<AppProcess, string, IPage, string, Task> journey)
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-coldstart-tests", Guid.NewGuid().ToString("N"));
        var title = $"冷启动首次上传{Guid.NewGuid():N}"[..16];
        try
        {
            await using var app = await AppProcess.StartAsync(folder, environment: environment);
            try
            {
                using var playwright = await Playwright.CreateAsync();
                await using var browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
                    ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
                });
                context.SetDefaultTimeout(30_000);
                var page = await context.NewPageAsync();
                page.Console += (_, m) => output.WriteLine($"[browser {m.Type}] {m.Text}");

                await page.GotoAsync("/Account/Login?ReturnUrl=%2Fitems");
                await page.FillAsync("#Input\\.UserName", "gusu");
                await page.FillAsync("#Input\\.Password", ReferenceData.DemoPassword);
                await page.ClickAsync("#login-submit");
                await BrowserFixture.WaitForCircuitAsync(page);
                await page.Locator("#add-item").ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/new$"));
                await page.Locator("#item-title").FillAsync(title);
                await page.Locator("#item-body").FillAsync("全文见附件");
                await page.Locator("#item-category").ClickAsync();
                await page.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
                await Assertions.Expect(page.Locator("#item-category")).ToHaveValueAsync("General", new() { Timeout = 30_000 });
                try
                {
                    await journey(app, folder, page, title);
                }
                catch
                {
                    await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "smartunion-coldstart.png"), FullPage = true });
                    throw;
                }
            }
            finally
            {
                output.WriteLine(app.Output);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The stored name of the item's 劳模方案.txt, or null when there is no such attachment row.</summary>
    private static async Task<string?> StoredNameAsync(string folder, string title)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "smartunion.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT a.StoredName FROM Attachments a JOIN Items i ON i.Id = a.InfoItemId WHERE i.Title = $title AND a.FileName = $name";
        query.Parameters.AddWithValue("$title", title);
        query.Parameters.AddWithValue("$name", FileName);
        return await query.ExecuteScalarAsync() as string;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
