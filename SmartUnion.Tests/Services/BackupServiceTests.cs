using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>SQLite's online backup (VACUUM INTO); PostgreSQL has its own tools (pg_dump).</summary>
[Trait("Database", "SqliteOnly")]
public class BackupServiceTests
{
    [Fact]
    public async Task AnOnlineBackupTakenDuringWritesIsConsistentAndRestores()
    {
        await using var t = await TestDatabase.CreateAsync(demo: true);
        var reporter = await t.CallerAsync("gusu");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested && n < 200)
            {
                await using var db = await t.Factory.CreateDbContextAsync();
                db.Deductions.Add(new Deduction { UnitId = reporter.UnitId, Points = 1, Reason = $"并发写入{n++}", Date = new DateOnly(2026, 11, 1), CreatedById = reporter.UserId });
                await db.SaveChangesAsync();
            }
        });

        var backup = Path.Combine(t.Folder, "backup", "copy.db");
        await t.Get<BackupService>().BackupAsync(backup);
        stop.Cancel();
        await writer;

        Assert.Equal("ok", await BackupService.IntegrityCheckAsync(backup));
        // Restore: a database opened on the copy has the reference data, demo items and a prefix of the writes.
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={backup};Pooling=False").Options;
        await using var restored = new AppDbContext(options);
        Assert.Equal(await t.CountAsync<InfoItem>(), await restored.Items.CountAsync());
        Assert.Equal(11, await restored.Units.CountAsync());
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        var copied = await restored.Deductions.CountAsync();
        Assert.InRange(copied, 2, await t.CountAsync<Deduction>());
    }

    [Fact]
    public async Task ABackupNeverOverwritesAnExistingFile()
    {
        await using var t = await TestDatabase.CreateAsync();
        var target = Path.Combine(t.Folder, "exists.db");
        await File.WriteAllTextAsync(target, "keep");
        await Assert.ThrowsAsync<IOException>(() => t.Get<BackupService>().BackupAsync(target));
        Assert.Equal("keep", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task ABackupCopiesEveryAttachmentOfTheSnapshotWithIdenticalBytes()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter);
        // One file larger than the copy buffer, so the copy runs in several chunks.
        var uploaded = new[]
        {
            await UploadAsync(t, reporter, id, "劳模方案.txt", ItemTestData.Text("劳模方案全文")),
            await UploadAsync(t, reporter, id, "现场照片.jpg", ItemTestData.Bytes(300_000)),
            await UploadAsync(t, reporter, id, "签到表.xlsx", ItemTestData.Bytes(1)),
        };

        var backup = Path.Combine(t.Folder, "backup", "copy.db");
        var result = await t.Get<BackupService>().BackupAsync(backup);

        Assert.Empty(result.Problems);
        Assert.True(result.IsComplete);
        Assert.Equal((backup, backup + ".attachments"), (result.DatabaseFile, result.AttachmentsFolder));
        Assert.Equal(3, result.Files);
        Assert.Equal(uploaded.Sum(a => a.Size), result.Bytes);
        Assert.Equal(uploaded.Select(a => a.StoredName).Order(), Directory.GetFiles(result.AttachmentsFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order());
        foreach (var a in uploaded)
            Assert.Equal(await File.ReadAllBytesAsync(t.Get<AttachmentStore>().PathOf(a.StoredName)), await File.ReadAllBytesAsync(Path.Combine(result.AttachmentsFolder, a.StoredName)));
    }

    [Fact]
    public async Task AnAttachmentUploadedAfterTheSnapshotIsNotCopiedThoughItsRowAndFileExistWhenTheFilesAreCopied()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter);
        var before = await UploadAsync(t, reporter, id, "快照前.txt", ItemTestData.Text("快照前"));
        var backups = t.Get<BackupService>();
        Attachment? after = null;
        // Between the VACUUM INTO and the copy: the live database and the store both have the new attachment.
        backups.AfterSnapshot = async _ => after = await UploadAsync(t, reporter, id, "快照后.txt", ItemTestData.Text("快照后"));

        var result = await backups.BackupAsync(Path.Combine(t.Folder, "backup", "copy.db"));

        Assert.NotNull(after);
        Assert.True(File.Exists(t.Get<AttachmentStore>().PathOf(after.StoredName)));
        Assert.Equal(2, await t.CountAsync<Attachment>());
        Assert.Empty(result.Problems);
        Assert.Equal(1, result.Files);
        Assert.Equal([before.StoredName], Directory.GetFiles(result.AttachmentsFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnAttachmentDeletedAfterTheSnapshotIsReportedMissing()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter);
        var gone = await UploadAsync(t, reporter, id, "将删除.txt", ItemTestData.Text("将删除"));
        var backups = t.Get<BackupService>();
        backups.AfterSnapshot = _ => t.Get<AttachmentService>().DeleteAsync(reporter, gone.Id);

        var result = await backups.BackupAsync(Path.Combine(t.Folder, "backup", "copy.db"));

        Assert.Equal([$"附件“将删除.txt”（{gone.StoredName}）缺失"], result.Problems);
        Assert.Equal(0, result.Files);
        Assert.Empty(Directory.GetFiles(result.AttachmentsFolder));
    }

    [Fact]
    public async Task AMissingATamperedAndAResizedFileAreEachReportedAndTheOthersStillCopied()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter);
        var store = t.Get<AttachmentStore>();
        var missing = await UploadAsync(t, reporter, id, "丢失.pdf", ItemTestData.Bytes(100));
        var tampered = await UploadAsync(t, reporter, id, "被改.pdf", ItemTestData.Bytes(100));
        var resized = await UploadAsync(t, reporter, id, "变长.pdf", ItemTestData.Bytes(100));
        var good = await UploadAsync(t, reporter, id, "完好.pdf", ItemTestData.Bytes(200));
        File.Delete(store.PathOf(missing.StoredName));
        var bytes = await File.ReadAllBytesAsync(store.PathOf(tampered.StoredName));
        bytes[50] ^= 0xFF; // same size, other content
        await File.WriteAllBytesAsync(store.PathOf(tampered.StoredName), bytes);
        await File.AppendAllTextAsync(store.PathOf(resized.StoredName), "x");

        var result = await t.Get<BackupService>().BackupAsync(Path.Combine(t.Folder, "backup", "copy.db"));

        Assert.Equal(
        [
            $"附件“丢失.pdf”（{missing.StoredName}）缺失",
            $"附件“被改.pdf”（{tampered.StoredName}）校验值不符（SHA-256 与记录不同），未备份",
            $"附件“变长.pdf”（{resized.StoredName}）大小不符：记录为 100 字节，文件为 101 字节，未备份",
        ], result.Problems);
        Assert.False(result.IsComplete);
        Assert.Equal((1, 200L), (result.Files, result.Bytes));
        // Only the sound file, and no temporary leftovers of the refused copies.
        Assert.Equal([good.StoredName], Directory.GetFiles(result.AttachmentsFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal(await File.ReadAllBytesAsync(store.PathOf(good.StoredName)), await File.ReadAllBytesAsync(Path.Combine(result.AttachmentsFolder, good.StoredName)));
    }

    [Fact]
    public async Task AnExistingAttachmentsFolderIsRefusedAndLeftUntouched()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        await UploadAsync(t, reporter, await t.DraftAsync(reporter), "附件.txt", ItemTestData.Text("内容"));
        var backup = Path.Combine(t.Folder, "backup", "copy.db");
        var folder = backup + ".attachments";
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "earlier.bin"), "keep");

        var ex = await Assert.ThrowsAsync<IOException>(() => t.Get<BackupService>().BackupAsync(backup));

        Assert.Equal($"备份附件文件夹已存在: {folder}", ex.Message);
        Assert.False(File.Exists(backup), "nothing is written when the backup is refused");
        Assert.Equal([Path.Combine(folder, "earlier.bin")], Directory.GetFileSystemEntries(folder));
        Assert.Equal("keep", await File.ReadAllTextAsync(Path.Combine(folder, "earlier.bin")));
    }

    private static async Task<Attachment> UploadAsync(TestDatabase t, Caller reporter, int itemId, string name, Stream content)
    {
        var info = await t.Get<AttachmentService>().UploadAsync(reporter, itemId, name, content);
        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Attachments.AsNoTracking().SingleAsync(a => a.Id == info.Id);
        Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(t.Get<AttachmentStore>().PathOf(row.StoredName)))));
        return row;
    }
}
