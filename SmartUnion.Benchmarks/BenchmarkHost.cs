using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks;

/// <summary>The app's own domain services (AddSmartUnionDomain) wired over a given SQLite file.</summary>
internal static class BenchmarkHost
{
    public static ServiceProvider Create(string dbPath, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var fullPath = Path.GetFullPath(dbPath);
        var folder = Path.GetDirectoryName(fullPath)!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:SmartUnion"] = ConnectionString(fullPath),
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
