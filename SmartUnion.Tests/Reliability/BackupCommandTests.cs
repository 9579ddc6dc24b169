using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Reliability;

/// <summary>
/// The <c>backup</c> command as an operator (or a cron job) runs it, in a separate process over a test database's
/// data folder: what it prints and its exit code when the backup is not complete.
/// </summary>
// SQLite only: SQLite's online backup (VACUUM INTO, integrity_check); the PostgreSQL form (pg_dump) is tested by
// PostgreSql/PostgreSqlBackupTests.
[Trait("Database", "SqliteOnly")]
public class BackupCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheCommandExitsWithOneAndNamesAnAttachmentWhoseFileIsMissing()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter);
        var attachments = t.Get<AttachmentService>();
        await attachments.UploadAsync(reporter, id, "完好.txt", ItemTestData.Text("完好"));
        var lost = await attachments.UploadAsync(reporter, id, "丢失.txt", ItemTestData.Text("丢失"));
        var storedName = (await t.FindItemAsync(id))!.Attachments.Single(a => a.Id == lost.Id).StoredName;
        File.Delete(t.Get<AttachmentStore>().PathOf(storedName));
        var backup = Path.Combine(t.Folder, "backup", "copy.db");

        var (exitCode, text) = await AppProcess.RunCommandAsync(t.Folder, "backup", backup);
        output.WriteLine(text);

        Assert.Equal(1, exitCode);
        Assert.Contains($"数据库: {backup} (integrity_check: ok)", text);
        Assert.Contains($"附件: {backup}.attachments{Path.DirectorySeparatorChar} (1 个附件，6 字节)", text);
        Assert.Contains($"问题: 附件“丢失.txt”（{storedName}）缺失", text);
        Assert.Contains("备份不完整: 1 个附件未备份；请处理后重新备份", text);
        Assert.DoesNotContain("备份完成", text);
    }

    [Fact]
    public async Task TheCommandRefusesAnExistingAttachmentsFolderWithAChineseMessage()
    {
        await using var t = await TestDatabase.CreateAsync();
        var backup = Path.Combine(t.Folder, "backup", "copy.db");
        Directory.CreateDirectory(backup + ".attachments");

        var (exitCode, text) = await AppProcess.RunCommandAsync(t.Folder, "backup", backup);
        output.WriteLine(text);

        Assert.Equal(1, exitCode);
        Assert.Contains($"备份失败: 备份附件文件夹已存在: {backup}.attachments", text);
        Assert.False(File.Exists(backup));
        Assert.Empty(Directory.GetFileSystemEntries(backup + ".attachments"));
    }
}
