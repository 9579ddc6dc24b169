using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// The light components in a real browser: one pager and one date input on every list, a date typed by keyboard, and the
/// list, 扣分管理 and the 扣分 dialog in light and dark mode. With <c>SMARTUNION_LOOK_SCREENSHOTS=&lt;folder&gt;</c> it also
/// writes their screenshots there.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class LightComponentsBrowserTests(BrowserFixture fixture)
{
    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private async Task AddDeductionAsync(string reason)
    {
        var (unitId, userId) = await fixture.App.WithDbAsync(db => Task.FromResult(
            (db.Units.Single(u => u.ShortName == "昆山市总").Id, db.Users.Single(u => u.UserName == "shenhe").Id)));
        var caller = (await fixture.App.Services.GetRequiredService<CallerService>().FindAsync(userId))!;
        await fixture.App.Services.GetRequiredService<DeductionService>().CreateAsync(caller, new DeductionInput(unitId, 1, reason, Today));
    }

    /// <summary>
    /// Types a date digit by digit into the segments of the browser's date input, in the order the browser shows them
    /// (年/月/日 in a Chinese Chromium, mm/dd/yyyy in an English one): a two-digit month or day moves on by itself, the
    /// year needs → (ArrowRight).
    /// </summary>
    private static async Task TypeDateAsync(IPage page, string selector, DateOnly date)
    {
        var input = page.Locator(selector);
        foreach (var order in new[] { "ymd", "mdy", "dmy" })
        {
            if (await input.InputValueAsync() != "")
            {
                await input.FillAsync("");
                // The emptied value comes back from the server: let it land before typing, or it clears the typed segments.
                await page.WaitForTimeoutAsync(500);
            }
            // Focused afresh, the input starts at its first segment (still focused, it would stay in the last one typed).
            await input.BlurAsync();
            await input.FocusAsync();
            foreach (var part in order)
            {
                if (part == 'y')
                {
                    await page.Keyboard.TypeAsync(date.Year.ToString("0000"));
                    await page.Keyboard.PressAsync("ArrowRight");
                }
                else await page.Keyboard.TypeAsync((part == 'm' ? date.Month : date.Day).ToString("00"));
            }
            await page.WaitForTimeoutAsync(300);
            if (await input.InputValueAsync() == date.ToString("yyyy-MM-dd")) break;
        }
        await Expect(input).ToHaveValueAsync(date.ToString("yyyy-MM-dd"));
        await input.BlurAsync();
    }

    [Fact]
    public async Task ADateTypedByKeyboardFiltersTheDeductions()
    {
        var reason = $"键盘输入日期{Guid.NewGuid():N}"[..14];
        await AddDeductionAsync(reason);
        var page = await fixture.LoginAsync("shenhe", path: "/deductions");
        var row = page.Locator($"#deduction-table td.deduction-reason:text-is('{reason}')");

        await TypeDateAsync(page, "#filter-from", Today.AddDays(1));
        await page.Locator("#search-button").ClickAsync();
        await Expect(page.Locator("#deduction-table")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(row).ToHaveCountAsync(0);

        await TypeDateAsync(page, "#filter-from", Today);
        await TypeDateAsync(page, "#filter-to", Today);
        await page.Locator("#search-button").ClickAsync();
        await Expect(row).ToHaveCountAsync(1);

        // The dates the wrong way round: the Chinese message, and the rows stay.
        await TypeDateAsync(page, "#filter-to", Today.AddDays(-1));
        await page.Locator("#search-button").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("结束日期不能早于开始日期");
        await Expect(row).ToHaveCountAsync(1);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheListAndTheDeductionsShareOnePagerAndOneDateInputInLightAndDarkMode()
    {
        await AddDeductionAsync("外观检查");
        var folder = Environment.GetEnvironmentVariable("SMARTUNION_LOOK_SCREENSHOTS");
        var page = await fixture.LoginAsync("shenhe", path: "/items");
        await page.SetViewportSizeAsync(1440, 860);
        foreach (var mode in new[] { "light", "dark" })
        {
            if (mode == "dark")
            {
                await page.Locator("#dark-mode-toggle").ClickAsync();
                await Expect(page.Locator("#dark-mode-toggle")).ToHaveAttributeAsync("title", "切换到浅色模式");
            }
            foreach (var (path, table) in new[] { ("items", "#item-table"), ("deductions", "#deduction-table") })
            {
                await page.Locator($"a.mud-nav-link[href='{path}']").ClickAsync();
                await Expect(page.Locator($"{table} .mud-table-pagination-actions button")).ToHaveCountAsync(4);
                var labels = await page.Locator($"{table} .mud-table-pagination-actions button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.getAttribute('aria-label'))");
                Assert.Equal(["首页", "上一页", "下一页", "末页"], labels);
                await Expect(page.Locator("#filter-from")).ToHaveAttributeAsync("type", "date");
                await Expect(page.Locator("#filter-to")).ToHaveAttributeAsync("type", "date");
                // The label sits above the field (shrunk) as in every MudTextField, not over the browser's 年/月/日.
                var labelBox = (await page.Locator(".mud-input-control:has(#filter-from) label").BoundingBoxAsync())!;
                var inputBox = (await page.Locator("#filter-from").BoundingBoxAsync())!;
                Assert.True(labelBox.Y + labelBox.Height <= inputBox.Y + 2, $"label {labelBox.Y}+{labelBox.Height}, input {inputBox.Y}");
                if (folder is not null) await ShootAsync(page, folder, $"{path}-{mode}");
            }
            await page.Locator("#add-button").ClickAsync();
            await Expect(page.Locator("#deduction-date")).ToHaveAttributeAsync("type", "date");
            await Expect(page.Locator("#deduction-date")).ToHaveValueAsync(Today.ToString("yyyy-MM-dd"));
            if (folder is not null) await ShootAsync(page, folder, $"deduction-dialog-{mode}");
            await page.Locator("#deduction-cancel").ClickAsync();
            await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        }
        // Back to light for the other tests of the shared browser.
        await page.Locator("#dark-mode-toggle").ClickAsync();
        await Expect(page.Locator("#dark-mode-toggle")).ToHaveAttributeAsync("title", "切换到深色模式");
        await page.CloseAsync();
    }

    private static async Task ShootAsync(IPage page, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png") });
    }
}
