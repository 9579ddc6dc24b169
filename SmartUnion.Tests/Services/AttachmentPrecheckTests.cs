using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// <see cref="AttachmentService.CheckBeforeUpload"/>: what the 公文信息 form checks before it saves a new item's draft for a
/// chosen file, so that a refused file leaves nothing behind.
/// </summary>
public class AttachmentPrecheckTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private AttachmentService Attachments => t.Get<AttachmentService>();

    public async Task InitializeAsync() =>
        t = await TestDatabase.CreateAsync(settings: new() { ["SmartUnion:Attachments:MaxFileBytes"] = "1024" });

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public void AnAllowedFileWithinTheLimitPassesUnderTheNameItWillBeStoredAs() =>
        Assert.Equal("劳模方案.txt", Attachments.CheckBeforeUpload(@"C:\fakepath\劳模方案.txt", 1024));

    [Fact]
    public void ADisallowedExtensionIsRefusedBeforeAnythingIsSaved()
    {
        var ex = Assert.Throws<DomainException>(() => Attachments.CheckBeforeUpload("病毒.exe", 2));
        Assert.StartsWith("不支持的附件类型“.exe”", ex.Message);
    }

    [Fact]
    public void AFileDeclaredLargerThanTheLimitIsRefusedBeforeAnythingIsSaved()
    {
        var ex = Assert.Throws<DomainException>(() => Attachments.CheckBeforeUpload("大文件.pdf", 1025));
        Assert.Equal("附件“大文件.pdf”超过大小限制（每个文件最大1 KB）", ex.Message);
    }

    [Fact]
    public void AnEmptyFileIsRefusedBeforeAnythingIsSaved() =>
        Assert.Equal("附件“空.txt”是空文件", Assert.Throws<DomainException>(() => Attachments.CheckBeforeUpload("空.txt", 0)).Message);
}
