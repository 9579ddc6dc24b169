using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks;

/// <summary>The app's own domain services (AddSmartUnionDomain) wired over a given SQLite file or PostgreSQL database.</summary>
internal static class BenchmarkHost
{
    public static ServiceProvider Create(string dbPath, TimeProvider? clock = null, Action<IServiceCollection>? configure = null) =>
        Create(BenchDatabase.Sqlite(dbPath), clock, configure);

    public static ServiceProvider Create(BenchDatabase database, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        // PostgreSQL: the data folder (attachments only) is a temporary one; the benchmarks upload nothing.
        var folder = database.IsPostgreSql
            ? Path.Combine(Path.GetTempPath(), "smartunion-bench")
            : Path.GetDirectoryName(database.Location)!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:SmartUnion"] = database.ConnectionString,
            ["SmartUnion:Database:Provider"] = database.Provider.ToString(),
            ["SmartUnion:DataFolder"] = folder,
            ["SmartUnion:Seed:Demo"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSmartUnionDomain(configuration, folder);
        if (clock is not null) services.AddSingleton(clock);
        services.AddSingleton<IChangeNotifier, NullChangeNotifier>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static string ConnectionString(string dbPath, bool pooling = true) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(dbPath), DefaultTimeout = 10, Pooling = pooling }.ToString();

    /// <summary>A clock stopped at the end of the generated history.</summary>
    public sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow, TimeSpan.Zero);
    }

    private sealed class NullChangeNotifier : IChangeNotifier
    {
        public void Publish(ChangeEvent change) { }
        public IDisposable Subscribe(Func<ChangeEvent, Task> handler) => new Nothing();
        private sealed class Nothing : IDisposable { public void Dispose() { } }
    }
}
