using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Data.Seeding;

namespace SmartUnion.Domain.Data;

/// <summary>Start-up: apply migrations, switch SQLite to WAL, seed.</summary>
public class DatabaseInitializer(IDbContextFactory<AppDbContext> dbFactory, DataSeeder seeder, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
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
    }
}
