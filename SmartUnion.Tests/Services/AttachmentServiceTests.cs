using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>附件信息: storage, limits, file names and the scope rules of <see cref="AttachmentService"/>.</summary>
public class AttachmentServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller reviewer = default!;
    private AttachmentService Attachments => t.Get<AttachmentService>();

    public async Task InitializeAsync()
    {
        // Small limits so the tests stay fast: 1 KB a file, 3 files an item.
        t = await TestDatabase.CreateAsync(settings: new()
        {
            ["SmartUnion:Attachments:MaxFileBytes"] = "1024",
            ["SmartUnion:Attachments:MaxFilesPerItem"] = "3",
        });
        gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AnUploadIsStoredInTheDataFolderUnderAGeneratedNameWithItsHash()
    {
        var id = await t.DraftAsync(gusu);
        const string content = "劳模方案全文";

        var info = await Attachments.UploadAsync(gusu, id, "劳模方案.txt", ItemTestData.Text(content));

        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Attachments.SingleAsync();
        Assert.Equal(("劳模方案.txt", id, gusu.UserId), (row.FileName, row.InfoItemId, row.UploadedById));
        Assert.Equal(Encoding.UTF8.GetByteCount(content), row.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), row.Sha256);
        Assert.Equal("text/plain; charset=utf-8", row.ContentType);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, row.UploadedAt);
        Assert.Matches("^[0-9a-f]{32}\\.bin$", row.StoredName);
        var file = Assert.Single(t.FilesOnDisk());
        Assert.Equal(Path.Combine(t.DataFolder.Attachments, row.StoredName), file);
        Assert.Equal(content, await File.ReadAllTextAsync(file));
        Assert.Equal(info.Id, row.Id);
    }

    [Fact]
    public async Task ADisallowedExtensionIsRefusedAndNothingIsStored()
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "病毒.exe", ItemTestData.Text("MZ")));
        Assert.StartsWith("不支持的附件类型“.exe”", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AConfiguredAllowListReplacesTheDefaultOne()
    {
        await using var narrow = await TestDatabase.CreateAsync(settings: new() { ["SmartUnion:Attachments:AllowedExtensions:0"] = ".PDF" });
        var reporter = await narrow.CreateUserAsync("r", "姑苏区总", Roles.Reporter);
        var id = await narrow.DraftAsync(reporter);
        var service = narrow.Get<AttachmentService>();
        Assert.Equal(["pdf"], service.AllowedExtensions);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.UploadAsync(reporter, id, "a.txt", ItemTestData.Text("x")));
        Assert.Equal("不支持的附件类型“.txt”，仅允许：pdf", ex.Message);
        await service.UploadAsync(reporter, id, "a.Pdf", ItemTestData.Text("x"));
    }

    [Fact]
    public void TheDefaultAllowListIsTheDesignsSeventeenExtensionsOnce() =>
        Assert.Equal(17, t.Get<AttachmentService>().AllowedExtensions.Count);

    [Fact]
    public async Task AFileWithoutExtensionIsRefused()
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "README", ItemTestData.Text("x")));
        Assert.StartsWith("不支持的附件类型“无扩展名”", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AnOversizedFileIsRefusedAndNothingIsStored()
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "大文件.pdf", ItemTestData.Bytes(1025)));
        Assert.Equal("附件“大文件.pdf”超过大小限制（每个文件最大1 KB）", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AFileOfExactlyTheLimitIsAccepted()
    {
        var id = await t.DraftAsync(gusu);
        var info = await Attachments.UploadAsync(gusu, id, "刚好.pdf", ItemTestData.Bytes(1024));
        Assert.Equal(1024, info.Size);
    }

    [Fact]
    public async Task AnEmptyFileIsRefused()
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "空.txt", new MemoryStream()));
        Assert.Equal("附件“空.txt”是空文件", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("../../x.txt")]
    [InlineData("..\\..\\x.txt")]
    [InlineData("a/./x.txt")]
    public async Task ANameWithRelativePathSegmentsIsRefusedAndNothingIsStored(string name)
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, name, ItemTestData.Text("x")));
        Assert.Equal("附件文件名不能包含路径字符（如“../”）", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("a\0.txt")]
    [InlineData("a\n.txt")]
    [InlineData("a\u001f.txt")]
    public async Task ANameWithControlCharactersIsRefused(string name)
    {
        var id = await t.DraftAsync(gusu);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, name, ItemTestData.Text("x")));
        Assert.Equal("附件文件名包含非法字符", ex.Message);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("C:\\fakepath\\劳模方案.txt", "劳模方案.txt")]
    [InlineData("/home/user/劳模方案.txt", "劳模方案.txt")]
    [InlineData("  劳模方案.txt  ", "劳模方案.txt")]
    public void ADirectoryPartSentByABrowserIsStripped(string name, string expected) =>
        Assert.Equal(expected, AttachmentService.SanitizeFileName(name));

    [Fact]
    public void AVeryLongNameIsShortenedTo255CharactersKeepingTheExtension()
    {
        var name = AttachmentService.SanitizeFileName(new string('长', 300) + ".docx");
        Assert.Equal(255, name.Length);
        Assert.EndsWith("长.docx", name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".txt")]
    [InlineData("dir/")]
    public void EmptyNamesAreRefused(string name) =>
        Assert.Throws<DomainException>(() => AttachmentService.SanitizeFileName(name));

    [Fact]
    public async Task MoreFilesThanTheLimitAreRefused()
    {
        var id = await t.DraftAsync(gusu);
        for (var i = 0; i < 3; i++) await Attachments.UploadAsync(gusu, id, $"附件{i}.txt", ItemTestData.Text("x"));
        var ex = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "第四个.txt", ItemTestData.Text("x")));
        Assert.Equal("每条公文最多上传3个附件", ex.Message);
        Assert.Equal(3, await t.CountAsync<Attachment>());
        Assert.Equal(3, t.FilesOnDisk().Length);
    }

    [Fact]
    public async Task AnotherUnitsReporterCannotUploadToOrDeleteFromAnItem()
    {
        var id = await t.DraftAsync(gusu);
        var info = await Attachments.UploadAsync(gusu, id, "a.txt", ItemTestData.Text("x"));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.UploadAsync(wuzhong, id, "b.txt", ItemTestData.Text("x")));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.DeleteAsync(wuzhong, info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.ListAsync(wuzhong, id));
        Assert.Equal(1, await t.CountAsync<Attachment>());
        Assert.Single(t.FilesOnDisk());
    }

    [Fact]
    public async Task AReviewerCannotUpload()
    {
        var id = await t.ReportedAsync(gusu);
        await Assert.ThrowsAsync<ForbiddenException>(() => Attachments.UploadAsync(reviewer, id, "b.txt", ItemTestData.Text("x")));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task AnAdoptedItemTakesNoNewAttachmentsAndKeepsItsOwn()
    {
        var id = await t.ReportedAsync(gusu);
        var info = await Attachments.UploadAsync(gusu, id, "a.txt", ItemTestData.Text("x"));
        await t.AdoptAsync(id, "苏州工会网", reviewer);

        var upload = await Assert.ThrowsAsync<DomainException>(() => Attachments.UploadAsync(gusu, id, "b.txt", ItemTestData.Text("x")));
        Assert.Equal("已录用的公文不可以修改或删除", upload.Message);
        await Assert.ThrowsAsync<DomainException>(() => Attachments.DeleteAsync(gusu, info.Id));
        Assert.Equal(1, await t.CountAsync<Attachment>());
        Assert.Single(t.FilesOnDisk());
    }

    [Fact]
    public async Task DeletingAnAttachmentRemovesTheRowAndTheFile()
    {
        var id = await t.DraftAsync(gusu);
        var keep = await Attachments.UploadAsync(gusu, id, "保留.txt", ItemTestData.Text("1"));
        var drop = await Attachments.UploadAsync(gusu, id, "删除.txt", ItemTestData.Text("2"));

        await Attachments.DeleteAsync(gusu, drop.Id);

        var left = await Attachments.ListAsync(gusu, id);
        Assert.Equal([keep.Id], left.Select(a => a.Id));
        Assert.Single(t.FilesOnDisk());
    }

    [Fact]
    public async Task AReviewerCannotDownloadADraftsAttachmentButCanOnceReported()
    {
        var id = await t.DraftAsync(gusu);
        var info = await Attachments.UploadAsync(gusu, id, "劳模方案.txt", ItemTestData.Text("x"));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.GetDownloadAsync(reviewer, info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.ListAsync(reviewer, id));

        await t.Get<ItemService>().ReportAsync(gusu, [id]);
        var download = await Attachments.GetDownloadAsync(reviewer, info.Id);
        Assert.Equal("劳模方案.txt", download.FileName);
        Assert.True(File.Exists(download.PhysicalPath));
    }

    [Fact]
    public async Task AnotherUnitsReporterCannotDownload()
    {
        var id = await t.ReportedAsync(gusu);
        var info = await Attachments.UploadAsync(gusu, id, "a.txt", ItemTestData.Text("x"));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.GetDownloadAsync(wuzhong, info.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.GetDownloadAsync(gusu, 987654));
    }

    [Fact]
    public async Task AFailedUploadLeavesNoTemporaryFile()
    {
        var id = await t.DraftAsync(gusu);
        await Assert.ThrowsAsync<IOException>(() => Attachments.UploadAsync(gusu, id, "断开.txt", new FailingStream()));
        await AssertNothingStoredAsync();
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await t.CountAsync<Attachment>());
        Assert.Empty(t.FilesOnDisk());
    }

    /// <summary>A browser connection that drops after the first bytes.</summary>
    private sealed class FailingStream : MemoryStream
    {
        private bool first = true;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!first) throw new IOException("connection lost");
            first = false;
            buffer.Span[..10].Fill(65);
            return ValueTask.FromResult(10);
        }
    }
}
