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
/// in-process app that earlier tests have already exercised, so they never meet a cold start).
/// </summary>
public class ColdStartUploadTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheFirstFileChosenOnANewItemAfterAColdStartIsUploadedAndStored(bool throughTheButton)
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-coldstart-tests", Guid.NewGuid().ToString("N"));
        var title = $"冷启动首次上传{Guid.NewGuid():N}"[..16];
        var content = Encoding.UTF8.GetBytes("劳模方案全文：冷启动后的第一个附件");
        try
        {
            await using var app = await AppProcess.StartAsync(folder);
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

                // Exactly the reporter's way in: sign in, the list, 新增.
                await page.GotoAsync("/Account/Login?ReturnUrl=%2Fitems");
                await page.FillAsync("#Input\\.UserName", "gusu");
                await page.FillAsync("#Input\\.Password", ReferenceData.DemoPassword);
                var t = System.Diagnostics.Stopwatch.StartNew();
                await page.ClickAsync("#login-submit");
                await page.Locator("#add-item").WaitForAsync();
                output.WriteLine($"list visible after {t.ElapsedMilliseconds} ms");
                if (throughTheButton) await BrowserFixture.WaitForCircuitAsync(page);
                output.WriteLine($"circuit after {t.ElapsedMilliseconds} ms");
                await page.Locator("#add-item").ClickAsync();
                output.WriteLine($"新增 clicked after {t.ElapsedMilliseconds} ms");
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/new$"));
                await page.Locator("#item-title").FillAsync(title);
                await page.Locator("#item-body").FillAsync("全文见附件");
                await page.Locator("#item-category").ClickAsync();
                await page.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
                await Assertions.Expect(page.Locator("#item-category")).ToHaveValueAsync("General");
                output.WriteLine($"category after {t.ElapsedMilliseconds} ms; ready: {await page.Locator("#app-ready").CountAsync()}; title: {await page.Locator("#item-title").InputValueAsync()}");

                // The first file this app process ever receives.
                var file = new FilePayload { Name = "劳模方案.txt", MimeType = "text/plain", Buffer = content };
                var watch = System.Diagnostics.Stopwatch.StartNew();
                if (throughTheButton)
                {
                    var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#choose-files").ClickAsync());
                    output.WriteLine($"file chooser after {watch.ElapsedMilliseconds} ms");
                    await chooser.SetFilesAsync(file);
                }
                else
                {
                    await page.Locator("input[type=file]").First.SetInputFilesAsync(file);
                }

                await page.WaitForTimeoutAsync(5000);
                output.WriteLine("snackbars: " + string.Join(" | ", await page.Locator(".mud-snackbar").AllInnerTextsAsync()));
                output.WriteLine(await page.Locator("#attachment-list").InnerTextAsync());
                await page.ScreenshotAsync(new() { Path = "/tmp/coldstart.png" });
                await Assertions.Expect(page.Locator("#attachment-list .attachment-name"))
                    .ToContainTextAsync("劳模方案.txt", new() { Timeout = 60_000 });
                output.WriteLine($"row after {watch.ElapsedMilliseconds} ms");
                output.WriteLine(await page.Locator("#attachment-list").InnerTextAsync());
                using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "smartunion.db")};Mode=ReadOnly");
                await db.OpenAsync();
                using var query = db.CreateCommand();
                query.CommandText = "SELECT a.StoredName, a.Size FROM Attachments a JOIN Items i ON i.Id = a.InfoItemId WHERE i.Title = $title AND a.FileName = '劳模方案.txt'";
                query.Parameters.AddWithValue("$title", title);
                using var reader = await query.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync(), "the attachment row is in the database");
                var stored = Path.Combine(folder, "attachments", reader.GetString(0));
                Assert.Equal(content, await File.ReadAllBytesAsync(stored));
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
}
