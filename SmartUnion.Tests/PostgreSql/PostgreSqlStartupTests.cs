using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Reliability;

namespace SmartUnion.Tests.PostgreSql;

/// <summary>
/// The app as a process on PostgreSQL (SmartUnion__Database__Provider=PostgreSQL): a wrong connection string or an
/// unreachable server stops the start with one Chinese line naming the problem, and /healthz follows the database
/// (503 while it refuses connections, 200 again when it is back). Needs SMARTUNION_TEST_POSTGRES (test.sh sets it).
/// </summary>
public class PostgreSqlStartupTests
{
    [Fact]
    public async Task AMalformedConnectionStringStopsTheStartWithAChineseMessageAndNoStackTrace()
    {
        var (exitCode, output) = await RunAsync(new() { ["ConnectionStrings__SmartUnion"] = "Host=127.0.0.1;Port=不是端口" });

        Assert.Equal(1, exitCode);
        Assert.Contains("启动失败：数据库连接字符串（ConnectionStrings:SmartUnion）无效", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task AnUnreachableServerStopsTheStartNamingHostAndPort()
    {
        var port = FreePort(); // nobody listens there
        var (exitCode, output) = await RunAsync(new()
        {
            ["ConnectionStrings__SmartUnion"] = $"Host=127.0.0.1;Port={port};Database=smartunion;Username=smartunion;Timeout=5",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains($"启动失败：无法连接PostgreSQL 数据库服务器 127.0.0.1:{port}（数据库“smartunion”）", output);
        Assert.Contains("请检查服务器是否已启动", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task ARefusedLoginStopsTheStartNamingTheUser()
    {
        // The test server trusts every local login; a role that does not exist is refused all the same.
        var cs = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Username = "无此用户", Database = "smartunion" };
        var (exitCode, output) = await RunAsync(new() { ["ConnectionStrings__SmartUnion"] = cs.ToString() });

        Assert.Equal(1, exitCode);
        Assert.Contains("拒绝登录（用户名“无此用户”或密码错误，或无权访问）", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task PostgreSqlWithoutAConnectionStringStopsTheStart()
    {
        var (exitCode, output) = await RunAsync([]);

        Assert.Equal(1, exitCode);
        Assert.Contains("启动失败：数据库类型为 PostgreSQL 时必须配置连接字符串 ConnectionStrings:SmartUnion", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task AnUnknownProviderStopsTheStart()
    {
        var (exitCode, output) = await RunAsync(new() { ["SmartUnion__Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Contains("启动失败：不支持的数据库类型 SmartUnion:Database:Provider = “Oracle”，可选 Sqlite 或 PostgreSQL", output);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task HealthzAnswers503WhileTheDatabaseRefusesConnectionsAnd200WhenItIsBack()
    {
        // A database that does not exist yet: the app's first start creates it, migrates and seeds it.
        var database = "su_health_" + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            // Generous: the first start JIT-compiles everything, migrates and seeds the demo data; slow on a loaded machine.
            await using var app = await AppProcess.StartAsync(folder, TimeSpan.FromMinutes(3), new Dictionary<string, string>
            {
                ["SmartUnion__Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__SmartUnion"] = TestPostgres.ConnectionString(database),
            });
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(20) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

            // The database goes away: no new connections, and the app's open ones are cut.
            await TestPostgres.ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
            await TestPostgres.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusWithinAsync(http, HttpStatusCode.ServiceUnavailable));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz")).StatusCode);

            await TestPostgres.ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
            Assert.Equal(HttpStatusCode.OK, await StatusWithinAsync(http, HttpStatusCode.OK));
            Assert.False(app.HasExited);
        }
        finally
        {
            await TestPostgres.ExecuteAsync($"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
            await TestPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Polls /healthz until it answers <paramref name="wanted"/> (at most 15 s); returns the last status.</summary>
    private static async Task<HttpStatusCode> StatusWithinAsync(HttpClient http, HttpStatusCode wanted)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            last = (await http.GetAsync("/healthz")).StatusCode;
            if (last == wanted) break;
            await Task.Delay(200);
        } while (watch.Elapsed < TimeSpan.FromSeconds(15));
        return last;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        _ = TestPostgres.ServerConnectionString; // these tests belong to the PostgreSQL runs: fail loudly without a server
        environment.TryAdd("SmartUnion__Database__Provider", "PostgreSQL");
        var folder = Path.Combine(Path.GetTempPath(), "smartunion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await AppProcess.RunToExitAsync(folder, [], environment);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Unhandled exception", output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
