using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// SQLite's counterpart of the PostgreSQL test template (<see cref="TestPostgres"/>): the migrations run once per test
/// run into a template file, and every new test database starts as a copy of it (the app's start-up then finds no
/// pending migration and seeds as usual). The template is in rollback-journal mode, so the one file is the whole database.
/// </summary>
public static class SqliteTemplate
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    /// <summary>Copies the migrated template to <paramref name="databaseFile"/> (which must not exist yet).</summary>
    public static async Task CopyToAsync(string databaseFile)
    {
        var template = await Template.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        File.Copy(template, databaseFile);
    }

    private static async Task<string> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "smartunion.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSmartUnionDatabase(DatabaseProvider.Sqlite, connectionString, 10_000);
        await using (var db = new AppDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=DELETE;");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return file;
    }
}
