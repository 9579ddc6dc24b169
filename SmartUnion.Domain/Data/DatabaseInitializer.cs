using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Data;

/// <summary>Start-up: apply migrations, switch SQLite to WAL, seed, remove orphan attachment files of interrupted uploads.</summary>
public class DatabaseInitializer(IDbContextFactory<AppDbContext> dbFactory, DataSeeder seeder, AttachmentStore attachments, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        // File times are wall-clock times (not the app's TimeProvider): anything last written before this moment
        // belongs to a previous run of the app.
        var startedUtc = DateTime.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                logger.LogInformation("正在应用数据库迁移: {Migrations}", string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }
        await seeder.SeedAsync(ct);
        await attachments.CleanOrphansAsync(startedUtc, ct);
    }
}
