using Microsoft.Playwright;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>月度通报 in a real browser: the preview, the required 下月报送要点, the download, and LibreOffice reading it.</summary>
[Collection(BrowserCollection.Name)]
public class BulletinBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AReviewerPreviewsLastMonthsBulletinTypesTheNextMonthsPointsAndDownloadsADocumentLibreOfficeReads()
    {
        var lastMonth = ChinaTime.Today(TimeProvider.System).AddMonths(-1);
        var request = new BulletinRequest(lastMonth.Year, lastMonth.Month);
        var expected = await fixture.Service<MonthlyBulletinService>().GetAsync(await fixture.CallerAsync("shenhe"), request);

        var page = await fixture.LoginAsync("shenhe", path: "/bulletin");
        await Assertions.Expect(page.Locator("#bulletin-empty")).ToBeVisibleAsync();
        await page.Locator("#bulletin-load").ClickAsync();
        var preview = page.Locator("#bulletin-preview");
        await Assertions.Expect(preview.Locator(".su-bulletin-title")).ToHaveTextAsync("苏州市总工会信息工作月度通报");
        await Assertions.Expect(preview.Locator(".su-bulletin-heading")).ToHaveTextAsync(BulletinText.Sections);
        await Assertions.Expect(preview).ToContainTextAsync(BulletinText.Overview(expected));
        // 下载 waits for 下月报送要点; the preview follows the typing.
        await Assertions.Expect(page.Locator("#bulletin-download")).ToBeDisabledAsync();
        await page.Locator("textarea#bulletin-points").FillAsync("围绕劳动竞赛多报一线信息\n每月至少报送一篇调研信息");
        await Assertions.Expect(preview).ToContainTextAsync("每月至少报送一篇调研信息");
        await page.Locator("textarea#bulletin-opening").FillAsync("现将上月信息工作情况通报如下，请各单位对照改进。");
        await Assertions.Expect(preview).ToContainTextAsync("请各单位对照改进");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#bulletin-download").ClickAsync());
        Assert.Equal(request.FileName, download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"bulletin-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(path);
        try
        {
            var text = await LibreOffice.ToTextAsync(path);
            Assert.Contains("苏州市总工会信息工作月度通报", text);
            Assert.Contains(request.IssueText, text);
            var at = BulletinText.Sections.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
            Assert.All(at, i => Assert.True(i >= 0));
            Assert.Equal(at.Order(), at); // in order
            Assert.Contains(BulletinText.Overview(expected), text);
            Assert.Contains("请各单位对照改进", text);
            Assert.Contains("每月至少报送一篇调研信息", text);
            foreach (var group in expected.Groups.Where(g => g.Rows.Count > 0))
            {
                Assert.Contains(group.Name, text);
                Assert.Contains(group.Rows[0].UnitName, text);
            }
            Assert.Contains(BulletinText.ZeroReports(expected), text);
        }
        finally
        {
            File.Delete(path);
        }
        await page.Context.CloseAsync();
    }
}
