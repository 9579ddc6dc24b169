using Microsoft.Playwright;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Walks the four screens the README shows and checks each is complete. With the environment variable
/// <c>SMARTUNION_SCREENSHOTS=1</c> (or a folder path) it also writes them to <c>docs/screenshots/*.png</c>;
/// without it nothing is written, so the test is an ordinary one:
/// <code>SMARTUNION_SCREENSHOTS=1 dotnet test SmartUnion.Tests --filter "FullyQualifiedName~ScreenshotBrowserTests"</code>
/// </summary>
[Collection(BrowserCollection.Name)]
public class ScreenshotBrowserTests(BrowserFixture fixture)
{
    public const string EnvironmentVariable = "SMARTUNION_SCREENSHOTS";

    /// <summary>Where to write, or null when screenshots are not asked for.</summary>
    private static string? OutputFolder()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value) || value is "0" or "false") return null;
        if (value is not ("1" or "true")) return value;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartUnion.Blazor.sln"))) dir = dir.Parent;
        return dir is null ? null : Path.Combine(dir.FullName, "docs", "screenshots");
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        if (OutputFolder() is not { } folder) return;
        Directory.CreateDirectory(folder);
        // Let animations (dialog fade-in, ripples) settle: wait until no element is animating.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await page.Mouse.MoveAsync(0, 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png") });
    }

    private async Task<IPage> OpenAsync(string userName, string path, int width = 1440, int height = 860)
    {
        var page = await fixture.LoginAsync(userName, path: path);
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    [Fact]
    public async Task TheFourScreensOfTheReadmeRenderCompletely()
    {
        // The manual's example: 系统上线 with 劳模方案.txt, adopted by 《苏州工会信息》 正文 and 简讯 and by 苏州工会网.
        var itemId = await fixture.ReportedItemAsync("系统上线", "2018年1月1日信息报送平台上线\n各区总工会请登录平台报送信息，全文见附件。");
        await fixture.AdoptAsync(itemId, ("《苏州工会信息》", "正文", 2026, 12), ("《苏州工会信息》", "简讯", 2026, 13), ("苏州工会网", "文字", null, null));

        // 公文信息: the reviewer's list with the publication columns and 已录用 + 录用日期 cells.
        var list = await OpenAsync("shenhe", "/items", width: 2000);
        await Expect(list.Locator("th.level-header")).ToHaveTextAsync(["市级", "省级", "国家级"]);
        await Expect(list.Locator("td.adoption-cell", new() { HasText = "已录用" }).First).ToBeVisibleAsync();
        await Expect(list.Locator("#reject-items")).ToBeVisibleAsync();
        await Expect(list.Locator("#export-items")).ToBeVisibleAsync();
        // innerText follows CSS text-transform: the label must read as the manual writes it.
        Assert.Equal("导出Excel", (await list.Locator("#export-items").InnerTextAsync()).Trim());
        // Menu folded away so that every publication column (市级, 省级, 国家级) fits the picture.
        await list.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
        await Expect(list.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        await ShootAsync(list, "item-list");

        // 查看积分排名 opened from the list.
        await list.Locator("#show-ranking").ClickAsync();
        await Expect(list.Locator(".mud-dialog td.ranking-unit").First).ToBeVisibleAsync();
        await ShootAsync(list, "ranking-dialog");
        await list.Context.CloseAsync();

        // 公文采用信息 of that item.
        var detail = await OpenAsync("shenhe", $"/items/{itemId}", height: 1000);
        await Expect(detail.Locator("#attachments")).ToContainTextAsync(BrowserTestData.AttachmentName);
        await Expect(detail.Locator("#item-state")).ToHaveTextAsync("已录用");
        await Expect(detail.Locator("#adoption-grid .adopted-at").First).ToBeVisibleAsync();
        await ShootAsync(detail, "item-detail");
        await detail.Context.CloseAsync();

        // 报表 › 月度报表.
        var report = await OpenAsync("shenhe", "/reports", width: 1200, height: 520);
        await Expect(report.Locator("#report-scope")).ToHaveTextAsync("范围：苏州市总工会及下级单位");
        await Expect(report.Locator("#report-download")).ToBeEnabledAsync();
        await ShootAsync(report, "monthly-report");
        await report.Context.CloseAsync();
    }
}
