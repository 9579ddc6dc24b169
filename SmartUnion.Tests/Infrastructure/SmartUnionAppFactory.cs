using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// The real web app over a fresh database with demo data: SQLite in a temporary folder, or (SMARTUNION_TEST_PROVIDER=
/// PostgreSQL, the second pass of test.sh) a fresh database on the server of SMARTUNION_TEST_POSTGRES, dropped on
/// dispose; attachments live in the temporary folder either way.
/// For HTTP tests use <c>CreateClient</c>; for browser tests call <see cref="StartKestrel"/>.
/// </summary>
public class SmartUnionAppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "smartunion-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database of this factory's app on the PostgreSQL test server, or null on SQLite.</summary>
    public string? PostgresDatabase { get; private set; }

    protected virtual Dictionary<string, string> Settings => new()
    {
        ["SmartUnion:DataFolder"] = DataFolder,
        ["SmartUnion:Seed:Demo"] = "true",
        // Tests sign in far more often than a person; SignInRateLimitHttpTests sets a low limit of its own.
        ["SmartUnion:SignIn:PermitLimit"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        builder.UseEnvironment("Development");
        if (TestPostgres.DefaultProvider == DatabaseProvider.PostgreSQL)
        {
            // Off the test's synchronization context: the host is built synchronously.
            PostgresDatabase ??= Task.Run(TestPostgres.CreateDatabaseAsync).GetAwaiter().GetResult();
            builder.UseSetting("SmartUnion:Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:SmartUnion", TestPostgres.ConnectionString(PostgresDatabase));
        }
        var settings = Settings;
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        var file = Path.Combine(settings.GetValueOrDefault("SmartUnion:DataFolder", DataFolder), "smartunion.db");
        if (TestPostgres.DefaultProvider == DatabaseProvider.Sqlite && !settings.ContainsKey("ConnectionStrings:SmartUnion")
            && !settings.ContainsKey("SmartUnion:Database:Provider") && !File.Exists(file))
            // Off the test's synchronization context, as above: a copy of the migrated template (see SqliteTemplate).
            Task.Run(() => SqliteTemplate.CopyToAsync(file)).GetAwaiter().GetResult();
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (PostgresDatabase is not null)
            await TestPostgres.DropDatabaseAsync(PostgresDatabase);
        else
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}
