using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

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
}
