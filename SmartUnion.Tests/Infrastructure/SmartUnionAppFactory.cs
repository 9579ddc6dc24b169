using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// The real web app over a fresh SQLite database in a temporary folder, with demo data.
/// For HTTP tests use <c>CreateClient</c>; for browser tests call <see cref="StartKestrel"/>.
/// </summary>
public class SmartUnionAppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "smartunion-web-tests", Guid.NewGuid().ToString("N"));

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
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}
