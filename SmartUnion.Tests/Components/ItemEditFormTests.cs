using System.Text;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Logging.Abstractions;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;

namespace SmartUnion.Tests.Components;

/// <summary>The 公文信息 form's state without the UI: the draft saved for chosen files, 返回 on it, the upload's message.</summary>
public class ItemEditFormTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller reporter = default!;
    private int redraws;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private ItemEditForm NewForm() => new(t.Get<ItemService>(), t.Get<AttachmentService>(), NullLogger.Instance)
    {
        Title = "开展劳模工匠进企业宣讲活动", Body = "正文", Category = InfoCategory.General,
    };

    private Task<FormMessage?> UploadAsync(ItemEditForm form, bool valid, params IBrowserFile[] files) =>
        form.UploadAsync(reporter, files, () => Task.FromResult(valid), () => redraws++);

    [Fact]
    public async Task ChoosingFilesOnANewFormSavesADraftUploadsThemAndAsksBeforeLeaving()
    {
        var form = NewForm();

        var message = await UploadAsync(form, true, new FakeFile("通知.txt", "内容"));

        Assert.Equal(new FormMessage("已保存为草稿，附件“通知.txt”上传成功", false), message);
        Assert.NotNull(form.ItemId);
        Assert.Equal(ItemState.Draft, form.State);
        Assert.Equal("通知.txt", Assert.Single(form.Attachments).FileName);
        Assert.True(form.AsksToKeepDraft);
        Assert.False(form.Uploading);
        Assert.True(redraws > 0);
        Assert.Single((await t.FindItemAsync(form.ItemId.Value))!.Attachments);
    }

    [Fact]
    public async Task ARefusedFileSavesNoDraftAndSaysWhy()
    {
        var form = NewForm();

        var message = await UploadAsync(form, true, new FakeFile("程序.exe", "MZ"));

        Assert.True(message!.IsError);
        Assert.Contains("不支持的附件类型“.exe”", message.Text);
        Assert.Null(form.ItemId);
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task FilesChosenOnAnIncompleteNewFormSaveNothingAndSayWhatToFillIn()
    {
        var form = NewForm();

        var message = await UploadAsync(form, false, new FakeFile("通知.txt", "内容"));

        Assert.Equal(FormMessage.Error("上传附件前请先填写标题、正文和信息分类"), message);
        Assert.Null(form.ItemId);
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task WhenNoChosenFileArrivesTheDraftSavedForThemIsDeletedAndTheTextKept()
    {
        var form = NewForm();

        var message = await UploadAsync(form, true, new FakeFile("通知.txt", "内容", failWith: new IOException("连接断开")));

        Assert.Equal(FormMessage.Error("附件“通知.txt”上传中断，请重试"), message);
        Assert.Null(form.ItemId);
        Assert.Null(form.State);
        Assert.False(form.AsksToKeepDraft);
        Assert.Equal("开展劳模工匠进企业宣讲活动", form.Title);
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task SavingTheAutoSavedDraftNoLongerAsksBeforeLeaving()
    {
        var form = NewForm();
        await UploadAsync(form, true, new FakeFile("通知.txt", "内容"));
        form.Title = "改过的标题";

        await form.SaveAsync(reporter);

        Assert.False(form.AsksToKeepDraft);
        Assert.Equal("改过的标题", (await t.FindItemAsync(form.ItemId!.Value))!.Title);
    }

    [Fact]
    public async Task DiscardingTheAutoSavedDraftDeletesItWithItsAttachments()
    {
        var form = NewForm();
        await UploadAsync(form, true, new FakeFile("通知.txt", "内容"));

        await form.DiscardDraftAsync(reporter);

        Assert.Null(form.ItemId);
        Assert.False(form.AsksToKeepDraft);
        Assert.Equal(0, await t.CountAsync<InfoItem>());
        Assert.Equal(0, await t.CountAsync<Attachment>());
    }

    [Fact]
    public async Task AnExistingItemIsNotAskedAboutOnLeavingAfterAnUpload()
    {
        var form = NewForm();
        form.Load(await t.Get<ItemService>().GetForEditAsync(reporter, await t.DraftAsync(reporter)));

        var message = await UploadAsync(form, false, new FakeFile("通知.txt", "内容"));

        Assert.Equal(new FormMessage("附件“通知.txt”上传成功", false), message);
        Assert.False(form.AsksToKeepDraft);
    }

    [Fact]
    public void TheProgressShownMovesInStepsOfFiveAndAlwaysReachesOneHundred()
    {
        var form = NewForm();

        Assert.False(form.ReportProgress(4, 100));
        Assert.True(form.ReportProgress(5, 100));
        Assert.False(form.ReportProgress(9, 100));
        Assert.True(form.ReportProgress(100, 100));
        Assert.Equal(100, form.UploadPercent);
    }

    private sealed class FakeFile(string name, string content, Exception? failWith = null) : IBrowserFile
    {
        private readonly byte[] bytes = Encoding.UTF8.GetBytes(content);
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => bytes.Length;
        public string ContentType => "application/octet-stream";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            failWith is null ? new MemoryStream(bytes) : new FailingStream(failWith);
    }

    private sealed class FailingStream(Exception error) : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw error;
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw error;
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw error;
    }
}
