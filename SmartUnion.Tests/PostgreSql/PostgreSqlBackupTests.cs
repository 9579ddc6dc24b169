using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Reliability;
using SmartUnion.Tests.Services;
using Xunit.Abstractions;

namespace SmartUnion.Tests.PostgreSql;

/// <summary>
/// The <c>backup</c> command on PostgreSQL: a pg_dump custom-format archive and the attachment files beside it, restored
/// as the README says (pg_restore into a new database, the files into the data folder): the app's data is there.
/// Needs SMARTUNION_TEST_POSTGRES (test.sh sets it).
/// </summary>
public class PostgreSqlBackupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheBackupCommandWritesADumpThatRestoresIntoANewDatabaseWithItsAttachments()
    {
        await using var t = await TestDatabase.CreateAsync(demo: true, provider: DatabaseProvider.PostgreSQL);
        var reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        var id = await t.DraftAsync(reporter, "备份前的草稿");
        await t.Get<AttachmentService>().UploadAsync(reporter, id, "材料.txt", ItemTestData.Text("备份里的附件"));
        var backup = Path.Combine(t.Folder, "backup", "smartunion.dump");

        var (exitCode, text) = await AppProcess.RunToExitAsync(t.Folder, ["backup", backup], new Dictionary<string, string>
        {
            ["SmartUnion__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SmartUnion"] = t.Get<DatabaseConnection>().ConnectionString,
        });
        output.WriteLine(text);

        Assert.Equal(0, exitCode);
        Assert.Contains($"数据库: {backup} (pg_dump 自定义格式, pg_restore --list: ok)", text);
        Assert.Contains($"附件: {backup}.attachments{Path.DirectorySeparatorChar} (1 个附件，18 字节)", text);
        Assert.Contains("备份完成", text);

        // Restore as the README says: pg_restore into a new, empty database; the attachment files into the data folder.
        var restored = "su_restored_" + Guid.NewGuid().ToString("N");
        await TestPostgres.ExecuteAsync($"CREATE DATABASE \"{restored}\"");
        try
        {
            var restoredCs = TestPostgres.ConnectionString(restored);
            var csb = new Npgsql.NpgsqlConnectionStringBuilder(restoredCs);
            var pgRestore = Path.Combine(Path.GetDirectoryName(BackupService.FindPgDump(null))!, "pg_restore");
            var (restoreExit, restoreText) = await RunAsync(pgRestore, "--no-owner", "--exit-on-error",
                $"--host={csb.Host}", $"--port={csb.Port}", $"--username={csb.Username}", $"--dbname={restored}", backup);
            Assert.True(restoreExit == 0, restoreText);

            await using var r = await TestDatabase.CreateAsync(provider: DatabaseProvider.PostgreSQL,
                settings: new() { ["ConnectionStrings:SmartUnion"] = restoredCs });
            Directory.CreateDirectory(r.DataFolder.Attachments);
            foreach (var file in Directory.GetFiles(backup + ".attachments"))
                File.Copy(file, Path.Combine(r.DataFolder.Attachments, Path.GetFileName(file)));

            Assert.Equal(await t.CountAsync<InfoItem>(), await r.CountAsync<InfoItem>());
            Assert.Equal(await t.CountAsync<Adoption>(), await r.CountAsync<Adoption>());
            Assert.Equal(await t.CountAsync<AppUser>(), await r.CountAsync<AppUser>());
            var item = await r.FindItemAsync(id);
            Assert.Equal("备份前的草稿", item!.Title);
            var download = await r.Get<AttachmentService>().GetDownloadAsync(await r.CallerAsync("gusu-r"), item.Attachments.Single().Id);
            Assert.Equal("备份里的附件", await File.ReadAllTextAsync(download.PhysicalPath));
            // The restored database keeps working: its identity sequences and summary triggers came along.
            var next = await r.DraftAsync(await r.CallerAsync("gusu-r"), "恢复后的新草稿");
            Assert.True(next > id);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(restored);
        }
    }

    [Fact]
    public async Task AMissingOrFailingPgDumpIsReportedInChineseAndLeavesNoDump()
    {
        await using var missing = await TestDatabase.CreateAsync(provider: DatabaseProvider.PostgreSQL,
            settings: new() { ["SmartUnion:Database:PgDump"] = "/nonexistent/pg_dump" });
        var backup = Path.Combine(missing.Folder, "backup", "a.dump");
        var ex = await Assert.ThrowsAsync<IOException>(() => missing.Get<BackupService>().BackupAsync(backup));
        Assert.Equal("找不到 pg_dump：配置的路径 SmartUnion:Database:PgDump = “/nonexistent/pg_dump” 不存在", ex.Message);
        Assert.False(File.Exists(backup));

        await using var failing = await TestDatabase.CreateAsync(provider: DatabaseProvider.PostgreSQL,
            settings: new() { ["SmartUnion:Database:PgDump"] = "/bin/false" });
        backup = Path.Combine(failing.Folder, "backup", "b.dump");
        ex = await Assert.ThrowsAsync<IOException>(() => failing.Get<BackupService>().BackupAsync(backup));
        Assert.Equal("pg_dump 备份失败（退出代码 1）", ex.Message);
        Assert.False(File.Exists(backup));
        Assert.False(Directory.Exists(backup + ".attachments"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
