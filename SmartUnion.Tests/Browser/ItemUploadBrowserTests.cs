using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Choosing files on a new item (新增): a refused file leaves no draft, 返回 does not leave a draft nobody saved behind,
/// and saving with an attachment ends with one message that hides nothing.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class ItemUploadBrowserTests(BrowserFixture fixture)
{
    private static string UniqueTitle(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private static async Task WithScreenshotOnFailureAsync(IPage page, string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"smartunion-{name}.png"), FullPage = true });
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>新增 from the list, 标题/正文/信息分类 filled in.</summary>
    private static async Task FillNewItemAsync(IPage page, string title)
    {
        await page.Locator("#add-item").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/new$"));
        await page.Locator("#item-title").FillAsync(title);
        await page.Locator("#item-body").FillAsync("正文");
        await page.Locator("#item-category").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#item-category")).ToHaveValueAsync(nameof(InfoCategory.General));
    }

    private static Task ChooseAsync(IPage page, string name, byte[] content) =>
        page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = content });

    private Task<bool> ItemExistsAsync(string title) => fixture.App.WithDbAsync(db => db.Items.AnyAsync(i => i.Title == title));

    [Fact]
    public async Task ARefusedFileTypeOnANewItemLeavesNoDraftBehind()
    {
        var title = UniqueTitle("拒收类型");
        var page = await fixture.LoginAsync("gusu");
        await WithScreenshotOnFailureAsync(page, "refused-type-new", async () =>
        {
            await FillNewItemAsync(page, title);
            await ChooseAsync(page, "病毒.exe", [0x4d, 0x5a]);
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("不支持的附件类型“.exe”");
            await Assertions.Expect(page.Locator("#attachment-list")).ToContainTextAsync("暂无附件");
            Assert.False(await ItemExistsAsync(title));
            // The form keeps what was typed.
            await Assertions.Expect(page.Locator("#item-title")).ToHaveValueAsync(title);
        });
    }

    [Fact]
    public async Task AnOversizedFileOnANewItemLeavesNoDraftBehind()
    {
        var title = UniqueTitle("拒收大小");
        var page = await fixture.LoginAsync("wujiang");
        await WithScreenshotOnFailureAsync(page, "refused-size-new", async () =>
        {
            await FillNewItemAsync(page, title);
            // From disk, not as a buffer: 21 MB pushed through Playwright's protocol stalls the page long enough to drop the circuit.
            var folder = Directory.CreateTempSubdirectory("smartunion-oversized-");
            var path = Path.Combine(folder.FullName, "大文件.pdf");
            await using (var file = File.Create(path)) file.SetLength(21 * 1024 * 1024);
            try
            {
                await page.Locator("input[type=file]").First.SetInputFilesAsync(path);
            }
            finally
            {
                folder.Delete(recursive: true);
            }
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("附件“大文件.pdf”超过大小限制（每个文件最大20 MB）");
            Assert.False(await ItemExistsAsync(title));
        });
    }

    [Fact]
    public async Task BackOnANewItemSavedByChoosingAFileAsksAndNotSavingDeletesTheDraftAndItsFile()
    {
        var title = UniqueTitle("返回不保存");
        var page = await fixture.LoginAsync("kunshan");
        await WithScreenshotOnFailureAsync(page, "back-discard", async () =>
        {
            await FillNewItemAsync(page, title);
            await ChooseAsync(page, "劳模方案.txt", Encoding.UTF8.GetBytes("劳模方案全文"));
            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync("劳模方案.txt");
            var storedName = await fixture.App.WithDbAsync(db => db.Attachments.Where(a => a.InfoItem!.Title == title).Select(a => a.StoredName).SingleAsync());

            await page.Locator("#back-to-list").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Assertions.Expect(dialog).ToContainTextAsync("是否保存草稿？");
            // 取消 stays on the form with everything in it.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items/new$"));
            Assert.True(await ItemExistsAsync(title));

            await page.Locator("#back-to-list").ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "不保存" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            Assert.False(await ItemExistsAsync(title));
            Assert.False(File.Exists(Path.Combine(fixture.App.DataFolder, "attachments", storedName)));
        });
    }

    [Fact]
    public async Task BackOnANewItemSavedByChoosingAFileAndSavingKeepsTheDraftAsTyped()
    {
        var title = UniqueTitle("返回保存");
        var page = await fixture.LoginAsync("taicang");
        await WithScreenshotOnFailureAsync(page, "back-save", async () =>
        {
            await FillNewItemAsync(page, title);
            await ChooseAsync(page, "劳模方案.txt", Encoding.UTF8.GetBytes("劳模方案全文"));
            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync("劳模方案.txt");
            await page.Locator("#item-body").FillAsync("上传附件后改过的正文");

            await page.Locator("#back-to-list").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            var item = await fixture.App.WithDbAsync(db => db.Items.Include(i => i.Attachments).SingleAsync(i => i.Title == title));
            Assert.Equal("上传附件后改过的正文", item.Body);
            Assert.Equal(ItemState.Draft, item.State);
            Assert.Single(item.Attachments);
        });
    }

    [Fact]
    public async Task BackOnANewItemWithNothingSavedLeavesAtOnceAndSavesNothing()
    {
        var title = UniqueTitle("返回未存");
        var page = await fixture.LoginAsync("zhangjiagang");
        await WithScreenshotOnFailureAsync(page, "back-nothing", async () =>
        {
            await FillNewItemAsync(page, title);
            await page.Locator("#back-to-list").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            Assert.False(await ItemExistsAsync(title));
        });
    }

    [Fact]
    public async Task SavingANewItemWithAnAttachmentShowsExactlyOneMessageClearOfTheFilterRow()
    {
        var title = UniqueTitle("一条提示");
        var page = await fixture.LoginAsync("gaoxin");
        await WithScreenshotOnFailureAsync(page, "one-snackbar", async () =>
        {
            await FillNewItemAsync(page, title);
            await ChooseAsync(page, "劳模方案.txt", Encoding.UTF8.GetBytes("劳模方案全文"));
            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync("劳模方案.txt");
            // The upload is one action with one message.
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("附件“劳模方案.txt”上传成功");

            await page.Locator("#save-item").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/items$"));
            var snackbars = page.Locator(".mud-snackbar");
            await Assertions.Expect(snackbars).ToHaveCountAsync(1);
            await Assertions.Expect(snackbars).ToHaveTextAsync("保存成功");

            var message = (await snackbars.BoundingBoxAsync())!;
            var filters = (await page.Locator("#item-filters").BoundingBoxAsync())!;
            var overlaps = message.X < filters.X + filters.Width && filters.X < message.X + message.Width
                && message.Y < filters.Y + filters.Height && filters.Y < message.Y + message.Height;
            Assert.False(overlaps, $"the message ({message.X},{message.Y} {message.Width}×{message.Height}) covers the filter row ({filters.X},{filters.Y} {filters.Width}×{filters.Height})");
        });
    }
}
