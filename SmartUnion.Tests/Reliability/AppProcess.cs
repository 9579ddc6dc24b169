using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartUnion.Tests.Reliability;

/// <summary>
/// The web app as a separate OS process (<c>dotnet SmartUnion.Web.dll</c> from the Web project's own build output),
/// so that a test can kill it with SIGKILL and start it again on the same data folder.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', lines);

    /// <summary>The directory of the Web project (content root, so that wwwroot and the static web assets resolve).</summary>
    public static string WebProjectDirectory => Path.Combine(SolutionDirectory, "SmartUnion.Web");

    /// <summary>
    /// SmartUnion.Web.dll in the Web project's bin folder for the configuration and target framework the tests were
    /// built with (…/SmartUnion.Tests/bin/{Debug|Release}/{tfm}/ → …/SmartUnion.Web/bin/{same}/{same}/).
    /// </summary>
    public static string WebAssemblyPath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var expected = Path.Combine(WebProjectDirectory, "bin", configuration, tfm, "SmartUnion.Web.dll");
            if (File.Exists(expected)) return expected;
            // Unusual output layouts: the newest build of the Web project for this framework.
            var found = Directory.Exists(Path.Combine(WebProjectDirectory, "bin"))
                ? Directory.GetFiles(Path.Combine(WebProjectDirectory, "bin"), "SmartUnion.Web.dll", SearchOption.AllDirectories)
                    .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == tfm)
                    .OrderByDescending(File.GetLastWriteTimeUtc)
                    .FirstOrDefault()
                : null;
            return found ?? throw new FileNotFoundException($"SmartUnion.Web.dll not found (looked for {expected}); build the solution first");
        }
    }

    private static string SolutionDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SmartUnion.Blazor.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("SmartUnion.Blazor.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The dotnet host running the tests (the CLI sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static ProcessStartInfo StartInfo(string dataFolder, IEnumerable<string> arguments, string? url,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WebAssemblyPath);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_CONTENTROOT"] = WebProjectDirectory;
        info.Environment["SmartUnion__DataFolder"] = dataFolder;
        info.Environment["SmartUnion__Seed__Demo"] = "true";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        if (url is not null) info.Environment["ASPNETCORE_URLS"] = url;
        else info.Environment.Remove("ASPNETCORE_URLS");
        return info;
    }

    /// <summary>Starts the app on a free loopback port over <paramref name="dataFolder"/> and waits until /healthz answers 200 (by default at most 3 minutes: a first start JIT-compiles everything, slow on a loaded machine).</summary>
    /// <param name="environment">Extra environment variables (configuration), e.g. <c>SmartUnion__BusyTimeoutMs</c> or the database provider.</param>
    public static async Task<AppProcess> StartAsync(string dataFolder, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var process = new Process { StartInfo = StartInfo(dataFolder, [], baseUrl, environment), EnableRaisingEvents = true };
        var app = new AppProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app.lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app.lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // A cold start with TieredCompilation off on a loaded 2-core machine: 90 s was not always enough.
            await app.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Runs an admin command (e.g. <c>backup file</c>) to completion; returns the exit code and the output.</summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(string dataFolder, params string[] arguments) =>
        RunToExitAsync(dataFolder, arguments, environment: null);

    /// <summary>
    /// Runs the app (with <paramref name="arguments"/>, none = serve on a free port) until it exits, e.g. a start that
    /// must fail; returns the exit code and the output. Gives up (and kills it) after 90 s.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string dataFolder, string[] arguments,
        IReadOnlyDictionary<string, string>? environment)
    {
        var url = arguments.Length == 0 ? $"http://127.0.0.1:{FreePort()}" : null;
        using var process = new Process { StartInfo = StartInfo(dataFolder, arguments, url, environment) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the app exited with code {process.ExitCode} before /healthz answered:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"/healthz did not answer within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or `kill -9`.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        catch (InvalidOperationException) { }
        process.Dispose();
    }
}

/// <summary>
/// Tests that start app processes: run one at a time, after the parallel ones, so that several cold starts (each a full
/// JIT of the app) do not compete for the machine's cores with each other and with the in-process browser tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppProcessCollection
{
    public const string Name = "app-process";
}
