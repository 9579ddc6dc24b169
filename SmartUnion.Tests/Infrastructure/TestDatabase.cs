using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// A real database, migrated and seeded through the app's own start-up code, with the domain services wired as in
/// the app and a controllable clock: SQLite in a temporary folder, or (provider PostgreSQL, the default when
/// SMARTUNION_TEST_PROVIDER=PostgreSQL) a fresh database on the server of SMARTUNION_TEST_POSTGRES, dropped on dispose.
/// Attachments live in the temporary folder either way.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>2026-11-26 10:00 in China.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private TestDatabase(string folder, ServiceProvider services, FakeTimeProvider clock, DatabaseProvider provider, string? postgresDatabase)
    {
        Folder = folder;
        Services = services;
        Clock = clock;
        Provider = provider;
        this.postgresDatabase = postgresDatabase;
    }

    private readonly string? postgresDatabase;

    /// <summary>The provider of this database.</summary>
    public DatabaseProvider Provider { get; }
    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    public string Folder { get; }
    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingChangeNotifier Notifier => (RecordingChangeNotifier)Services.GetRequiredService<IChangeNotifier>();
    public IDbContextFactory<AppDbContext> Factory => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
    public DataFolder DataFolder => Services.GetRequiredService<DataFolder>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates, migrates and seeds a database; <paramref name="demo"/> adds the demo accounts and items.</summary>
    public static async Task<TestDatabase> CreateAsync(bool demo = false, Action<IServiceCollection>? configure = null,
        Dictionary<string, string?>? settings = null, DatabaseProvider? provider = null)
    {
        var chosen = provider ?? TestPostgres.DefaultProvider;
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = new Dictionary<string, string?>
        {
            ["SmartUnion:DataFolder"] = folder,
            ["SmartUnion:Seed:Demo"] = demo ? "true" : "false",
        };
        string? postgresDatabase = null;
        if (chosen == DatabaseProvider.PostgreSQL)
        {
            postgresDatabase = await TestPostgres.CreateDatabaseAsync();
            config["SmartUnion:Database:Provider"] = "PostgreSQL";
            config["ConnectionStrings:SmartUnion"] = TestPostgres.ConnectionString(postgresDatabase);
        }
        foreach (var (k, v) in settings ?? []) config[k] = v;
        if (chosen == DatabaseProvider.Sqlite && !config.ContainsKey("ConnectionStrings:SmartUnion"))
            await SqliteTemplate.CopyToAsync(Path.Combine(config["SmartUnion:DataFolder"]!, "smartunion.db"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSmartUnionDomain(configuration, folder);
        var clock = new FakeTimeProvider(DefaultNow);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IChangeNotifier, RecordingChangeNotifier>();
        configure?.Invoke(services);
        var services2 = services.BuildServiceProvider();
        var db = new TestDatabase(folder, services2, clock, chosen, postgresDatabase);
        await services2.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        return db;
    }

    public async Task<int> UnitIdAsync(string shortName)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Units.Where(u => u.ShortName == shortName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Adds a unit under the given parent (a street or enterprise union, for deeper trees).</summary>
    public async Task<int> AddUnitAsync(string shortName, string parentShortName)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var parent = await db.Units.SingleAsync(u => u.ShortName == parentShortName);
        var unit = new Unit { Name = shortName + "工会", ShortName = shortName, Level = parent.Level + 1, ParentId = parent.Id, SortOrder = 100 };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = $"{parent.Path}{unit.Id}/";
        await db.SaveChangesAsync();
        return unit.Id;
    }

    /// <summary>Creates a user in a unit with one or more roles and returns it as a caller.</summary>
    public async Task<Caller> CreateUserAsync(string userName, string unitShortName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = userName,
            UnitId = await UnitIdAsync(unitShortName),
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, "Test1234a");
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        foreach (var role in roles) await users.AddToRoleAsync(user, role);
        return await CallerAsync(userName);
    }

    public async Task<Caller> CallerAsync(string userName)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await Get<CallerService>().FindAsync(id) ?? throw new InvalidOperationException($"{userName} is disabled");
    }

    public async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (postgresDatabase is not null)
            await TestPostgres.DropDatabaseAsync(postgresDatabase);
        else
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
