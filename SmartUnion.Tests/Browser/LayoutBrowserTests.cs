using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Issue 13, item 12: the pages at a laptop's 1366×768 and a phone's 390×844. Geometry is measured in the browser
/// (bounding boxes against the viewport). With <c>SMARTUNION_LAYOUT_SHOTS=1</c> each test also leaves a screenshot
/// in the temp folder (<c>smartunion-layout-*.png</c>) to look at.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class LayoutBrowserTests(BrowserFixture fixture)
{
    private const int LaptopWidth = 1366, LaptopHeight = 768, PhoneWidth = 390, PhoneHeight = 844;

    private static string UniqueTitle(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private async Task<IPage> OpenAsync(string userName, string path, int width, int height)
    {
        var page = await fixture.LoginAsync(userName, path: path);
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SMARTUNION_LAYOUT_SHOTS") is not ("1" or "true")) return;
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"smartunion-layout-{name}.png") });
    }

    /// <summary>Whether the element's whole box lies inside the viewport (and inside the given scroll container, if any).</summary>
    private const string InsideJs = """
        (el, containerSelector) => {
          const r = el.getBoundingClientRect();
          let left = 0, top = 0, right = document.documentElement.clientWidth, bottom = document.documentElement.clientHeight;
          const c = containerSelector ? document.querySelector(containerSelector) : null;
          if (c) { const b = c.getBoundingClientRect(); left = Math.max(left, b.left); right = Math.min(right, b.right); }
          return r.width > 0 && r.left >= left - 0.5 && r.right <= right + 0.5 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5;
        }
        """;

    private static async Task<bool> IsInsideAsync(ILocator element, string? container = null) =>
        await element.EvaluateAsync<bool>(InsideJs, container);

    [Fact]
    public async Task AtLaptopSizeAtLeastSevenOfThePublicationColumnsAreInViewWithoutScrolling()
    {
        var page = await OpenAsync("shenhe", "/items", LaptopWidth, LaptopHeight);
        try
        {
            await Expect(page.Locator("#item-table tbody a.item-title").First).ToBeVisibleAsync();
            await ShotAsync(page, "list-1366");
            var headers = page.Locator("#item-table th.publication-header");
            var total = await headers.CountAsync();
            Assert.True(total >= 9, $"expected the 9 demo publications, found {total}");
            var inside = new List<string>();
            for (var i = 0; i < total; i++)
                if (await IsInsideAsync(headers.Nth(i), "#item-table .su-table-scroll")) inside.Add(await headers.Nth(i).InnerTextAsync());
            Assert.True(inside.Count >= 7, $"only {inside.Count} of {total} publication columns in view: {string.Join("、", inside)}");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task AfterScrollingTheListSidewaysTheSelectBoxAndTheTitleStayInView()
    {
        // Narrower than a laptop so that the table surely scrolls sideways.
        var page = await OpenAsync("shenhe", "/items", 1000, LaptopHeight);
        try
        {
            var firstRow = page.Locator("#item-table tbody tr").First;
            await Expect(firstRow.Locator("a.item-title")).ToBeVisibleAsync();
            var scrolled = await page.Locator("#item-table .su-table-scroll").EvaluateAsync<double>(
                "c => { c.scrollLeft = c.scrollWidth; return c.scrollLeft; }");
            Assert.True(scrolled > 100, $"the table should scroll sideways at 1000 px (scrolled {scrolled} px)");
            await ShotAsync(page, "list-scrolled");
            const string container = "#item-table .su-table-scroll";
            Assert.True(await IsInsideAsync(firstRow.Locator("td").Nth(1), container), "the title cell left the view");
            Assert.True(await IsInsideAsync(firstRow.Locator("td.row-select"), container), "the select box left the view");
            Assert.True(await IsInsideAsync(page.Locator("#item-table thead th.su-title-col"), container), "the 公文标题 header left the view");
            // Not only inside the box: on top, clickable (nothing scrolled over it).
            await firstRow.Locator("td.row-select input").ClickAsync(new() { Trial = true, Timeout = 3000 });
            await firstRow.Locator("a.item-title").ClickAsync(new() { Trial = true, Timeout = 3000 });
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task OnAPhone退出IsInViewAndSignsOut()
    {
        var page = await OpenAsync("gusu", "/items", PhoneWidth, PhoneHeight);
        try
        {
            var logout = page.Locator("#logout-button");
            await Expect(logout).ToBeVisibleAsync();
            await ShotAsync(page, "appbar-390");
            Assert.True(await IsInsideAsync(logout), "退出 is outside the phone's viewport");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
            await logout.ClickAsync();
            await Expect(page.Locator("#login-submit")).ToBeVisibleAsync();
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task OnAPhoneTheRankingShows积分AndWholeUnitNames()
    {
        var page = await OpenAsync("gusu", "/ranking", PhoneWidth, PhoneHeight);
        try
        {
            var dialog = page.Locator(".mud-dialog");
            await Expect(dialog.Locator("td.ranking-unit").First).ToBeVisibleAsync();
            await ShotAsync(page, "ranking-390");
            Assert.True(await IsInsideAsync(dialog.Locator("th", new() { HasTextString = "积分" }).Last), "the 积分 header is outside the viewport");
            var totals = dialog.Locator("td.ranking-total");
            for (var i = 0; i < await totals.CountAsync(); i++)
                Assert.True(await IsInsideAsync(totals.Nth(i)), $"积分 of row {i + 1} is outside the viewport");
            // Each unit name on one line (a line box per line of text).
            var lines = await dialog.Locator("td.ranking-unit").EvaluateAllAsync<int[]>("""
                cells => cells.map(td => { const r = document.createRange(); r.selectNodeContents(td);
                  return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })
                """);
            Assert.All(lines, n => Assert.Equal(1, n));
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task OnAPhoneAListCardShowsOnlyThePublicationsThatAdoptedTheItem()
    {
        var title = UniqueTitle("手机卡片");
        var itemId = await fixture.ReportedItemAsync(title);
        await fixture.AdoptAsync(itemId, ("《苏州工会信息》", "正文", 2026, 3), ("江苏工会网", "文字", null, null));
        var page = await OpenAsync("shenhe", "/items", PhoneWidth, PhoneHeight);
        try
        {
            var card = page.Locator("#item-table tbody tr", new() { HasText = title });
            await Expect(card.Locator("a.item-title")).ToBeVisibleAsync();
            await card.ScrollIntoViewIfNeededAsync();
            await ShotAsync(page, "list-390");
            var shown = card.Locator("td.adoption-cell:visible");
            await Expect(shown).ToHaveCountAsync(2);
            Assert.Equal(["《苏州工会信息》", "江苏工会网"],
                await shown.EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.label)"));
            await Expect(shown.First).ToContainTextAsync("已录用");
            // The card fits the phone: no sideways scrolling of the page.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                "the list makes the phone's page scroll sideways");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task OnAPhoneTheDetailPageFitsTheScreen()
    {
        var title = UniqueTitle("手机详情");
        var itemId = await fixture.ReportedItemAsync(title);
        await fixture.AdoptAsync(itemId, ("《苏州工会信息》", "正文", 2026, 3));
        var page = await OpenAsync("shenhe", $"/items/{itemId}", PhoneWidth, PhoneHeight);
        try
        {
            await Expect(page.Locator("#adoption-grid .adopted-at").First).ToBeVisibleAsync();
            await ShotAsync(page, "detail-390");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                "the detail page makes the phone's page scroll sideways");
            await page.Locator("#adopt-button").ScrollIntoViewIfNeededAsync();
            Assert.True(await IsInsideAsync(page.Locator("#adopt-button")), "采用 is outside the viewport");
        }
        finally { await page.Context.CloseAsync(); }
    }

    private async Task<string> LongDeductionAsync()
    {
        const string unit = "相城区总";
        var reviewer = await fixture.CallerAsync("shenhe");
        var unitId = await fixture.App.WithDbAsync(db => db.Units.Where(u => u.ShortName == unit).Select(u => u.Id).SingleAsync());
        var ranking = await fixture.Service<RankingService>().GetRankingAsync(reviewer, Period.Year(ChinaTime.Today(TimeProvider.System).Year));
        var before = ranking.SingleOrDefault(r => r.Score.UnitName == unit)?.Score.Total ?? 0;
        var reason = ("超长扣分原因" + Guid.NewGuid().ToString("N")[..8] + string.Concat(Enumerable.Repeat("报送信息与事实不符，未按时更正；", 20)))[..300];
        await fixture.Service<DeductionService>().CreateAsync(reviewer,
            new DeductionInput(unitId, before - 1 == 0 ? 2 : 1, reason, ChinaTime.Today(TimeProvider.System)));
        return reason;
    }

    /// <summary>Content widths (without padding) of every header and body cell with text (not the check boxes), in multiples of its font size.</summary>
    private static Task<double[]> CellWidthsInCharactersAsync(IPage page, string table) =>
        page.Locator($"{table} th, {table} td").EvaluateAllAsync<double[]>("""
            cells => cells.filter(c => c.offsetParent !== null && c.textContent.trim() !== '' && !c.querySelector('input')).map(c => {
              const s = getComputedStyle(c);
              return (c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / parseFloat(s.fontSize); })
            """);

    [Theory]
    [InlineData(LaptopWidth, LaptopHeight)]
    [InlineData(PhoneWidth, PhoneHeight)]
    public async Task ALongDeductionReasonIsCutShortAndKeepsEveryColumnReadable(int width, int height)
    {
        var reason = await LongDeductionAsync();
        var page = await OpenAsync("shenhe", "/deductions", width, height);
        try
        {
            var cell = page.Locator($"#deduction-table td.deduction-reason[title='{reason}']");
            await Expect(cell).ToHaveCountAsync(1);
            await cell.ScrollIntoViewIfNeededAsync();
            await ShotAsync(page, $"deductions-{width}");
            var widths = await CellWidthsInCharactersAsync(page, "#deduction-table");
            Assert.NotEmpty(widths);
            Assert.True(widths.Min() >= 2, $"a cell is only {widths.Min():0.0} characters wide: {JsonSerializer.Serialize(widths)}");
            // The row stays one line high on a laptop: the reason is cut short, not wrapped over many lines.
            if (width == LaptopWidth)
                Assert.True(await cell.EvaluateAsync<double>("td => td.getBoundingClientRect().height") < 60, "the reason cell is many lines high");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task ALongReasonIn审计日志IsCutShortWithTheFullTextOnHover()
    {
        var reason = await LongDeductionAsync();
        var page = await OpenAsync("admin", "/settings/audit", LaptopWidth, LaptopHeight);
        try
        {
            var cell = page.Locator("#audit-table tbody td", new() { HasTextString = reason[..14] }).First;
            await Expect(cell).ToBeVisibleAsync();
            await ShotAsync(page, "audit-1366");
            Assert.Contains(reason, await cell.Locator("[title]").GetAttributeAsync("title") ?? "");
            var widths = await CellWidthsInCharactersAsync(page, "#audit-table");
            Assert.True(widths.Min() >= 2, $"a cell is only {widths.Min():0.0} characters wide: {JsonSerializer.Serialize(widths)}");
            Assert.True(await cell.EvaluateAsync<double>("td => td.getBoundingClientRect().height") < 60, "the details cell is many lines high");
        }
        finally { await page.Context.CloseAsync(); }
    }
}
