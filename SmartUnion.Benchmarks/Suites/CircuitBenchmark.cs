using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Benchmarks.Measurement;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// (d) Blazor circuits: the web app started as a separate process on a copy of the database; ONE headless
/// Chromium with N = 50 pages signed in and showing the 公文信息 list. Server memory (VmRSS of the app's
/// process) before and after opening them gives the growth per circuit; then each page chooses a 信息分类 and
/// clicks 搜索, timed inside the page from the click until every row of the table shows the chosen category.
/// Then 50 more pages: the cost of one more circuit once the server has warmed up. Beforehand, in a server of its own,
/// the same for a nearly empty page (修改密码): the floor of a circuit.
/// </summary>
public static class CircuitBenchmark
{
    public const int Circuits = 50;
    public const double TargetMiBPerCircuit = 1, TargetP95Ms = 300;
    private const string Password = GeneratorScale.Password;

    public static async Task<ResultSection> RunAsync(string dbPath, int repetitions, TextWriter log)
    {
        var section = new ResultSection($"Blazor circuits (公文信息, {Circuits} pages) — {Path.GetFileName(dbPath)}");
        section.Facts.Add(await RankingBenchmark.DescribeAsync(BenchDatabase.Sqlite(dbPath)));
        var webDll = FindWebDll();
        section.Facts.Add($"Server: `dotnet {Path.GetRelativePath(Environment.CurrentDirectory, webDll)}` (ASPNETCORE_ENVIRONMENT=Development, "
            + "SmartUnion__DataFolder = a temporary folder holding a copy of the database, SmartUnion__Seed__Demo=false), pid of its own, "
            + "a fresh process for each of the two measurements; memory = VmRSS from /proc/<pid>/status, the median of 5 samples 1 s apart "
            + "(a forced GC is not possible from outside).");
        section.Facts.Add($"The server's runtime settings (its runtimeconfig.json): {RuntimeSettings(webDll)}");

        // Diagnostics: SMARTUNION_CIRCUITS_QUICK=1 measures only the list's first 50 pages (a 1-minute run for trying server settings).
        if (Environment.GetEnvironmentVariable("SMARTUNION_CIRCUITS_QUICK") == "1")
        {
            await using var quick = await WebApp.StartAsync(webDll, dbPath, log);
            var warm = await WarmUpAsync(quick, "/items", ListReady);
            await OpenBatchAsync(quick, warm, "/items", ListReady, log, "公文信息, first 50 (quick)");
            await warm.CloseAsync();
            return section;
        }

        // The floor: the same layout around a page with almost nothing on it (修改密码), in a server of its own.
        await using (var app = await WebApp.StartAsync(webDll, dbPath, log))
        {
            var context = await WarmUpAsync(app, "/account/password", "#app-ready");
            var first = await OpenBatchAsync(app, context, "/account/password", "#app-ready", log, "修改密码, first 50");
            var next = await OpenBatchAsync(app, context, "/account/password", "#app-ready", log, "修改密码, next 50");
            section.Facts.Add($"The floor: 用户管理 › 修改密码 (the layout and menu, a two-field form) in a server of its own: the first {Circuits} pages "
                + $"**{first.Memory}**; {Circuits} more pages **{next.Memory}** — what a circuit costs before the list adds anything.");
            await context.CloseAsync();
        }

        await using (var app = await WebApp.StartAsync(webDll, dbPath, log))
        {
            var context = await WarmUpAsync(app, "/items", ListReady);
            var first = await OpenBatchAsync(app, context, "/items", ListReady, log, "公文信息, first 50");
            var pages = first.Pages;

            // One page after the other: the interaction latency of a user.
            var sequential = new List<double>(Circuits);
            foreach (var page in pages)
            {
                await ChooseCategoryAsync(page, "社情民意信息");
                sequential.Add(await ClickSearchAndTimeAsync(page, "社情民意信息"));
            }
            var afterFilter = await RssMedianAsync(app.Process.Id);

            // All pages at once: 50 users clicking 搜索 in the same instant.
            foreach (var page in pages) await ChooseCategoryAsync(page, "职工思想动态");
            var concurrent = (await Task.WhenAll(pages.Select(p => ClickSearchAndTimeAsync(p, "职工思想动态")))).ToList();
            await Task.Delay(2000);

            // 50 more pages: the cost of one more circuit once the server has run the list for a while.
            var next = await OpenBatchAsync(app, context, "/items", ListReady, log, "公文信息, next 50");

            section.Facts.Add($"Server VmRSS after the first {Circuits} pages' filters: {afterFilter / 1048576.0:F1} MiB");
            section.Facts.Add($"The 公文信息 list: the first {Circuits} pages **{first.Memory}**, target ≤ {TargetMiBPerCircuit} MiB: "
                + $"{(first.Memory.MiBPerCircuit <= TargetMiBPerCircuit ? "met" : "NOT met")}; {Circuits} more pages (after the filters) "
                + $"**{next.Memory}**: {(next.Memory.MiBPerCircuit <= TargetMiBPerCircuit ? "met" : "NOT met")}. The first figure also holds what the server "
                + "grows only once, such as code compiled on the way (the shared part is JIT-compiled code).");
            section.Rows.Add(new ResultRow(Stats.From("open the 公文信息 list in a new signed-in page (navigation to rows shown, client side)", first.OpenTimes), null, "informative", null));
            var seq = Stats.From($"choose 信息分类, click 搜索 → rows rendered, {Circuits} pages one after the other", sequential);
            section.Rows.Add(new ResultRow(seq, null, $"p95 ≤ {TargetP95Ms} ms", seq.P95 <= TargetP95Ms));
            section.Rows.Add(new ResultRow(Stats.From($"the same, all {Circuits} pages clicking at the same moment", concurrent), null, "informative (load)", null));
            section.Notes.Add("Latency is measured in the page (performance.now() from the click to the MutationObserver callback that sees every row "
                + "of the table showing the chosen 信息分类), so Playwright's own round trips are not in the figure.");
            await context.CloseAsync();
        }
        return section;
    }

    private const string ListReady = "#item-table tbody tr td.item-state";

    /// <summary>VmRSS growth per circuit over a batch of pages, and its parts.</summary>
    private sealed record CircuitMemory(double MiBPerCircuit, string Parts)
    {
        public override string ToString() => $"{MiBPerCircuit:F2} MiB per circuit ({Parts})";
    }

    /// <summary>
    /// A signed-in browser context, after two pages of <paramref name="path"/> opened (and used) and closed: JIT, EF Core's
    /// compiled queries and MudBlazor's first renders are not a circuit's cost.
    /// </summary>
    private static async Task<IBrowserContext> WarmUpAsync(WebApp app, string path, string readySelector)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        await SignInAsync(context, "shenhe");
        for (var i = 0; i < 2; i++)
        {
            var warm = await OpenAsync(context, path, readySelector);
            if (path == "/items")
            {
                await ChooseCategoryAsync(warm, "社情民意信息");
                await ClickSearchAndTimeAsync(warm, "社情民意信息");
            }
            await warm.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }
        await Task.Delay(3000);
        return context;
    }

    /// <summary>Opens <see cref="Circuits"/> more pages of <paramref name="path"/> (kept open) and measures the VmRSS growth.</summary>
    private static async Task<(List<IPage> Pages, List<double> OpenTimes, CircuitMemory Memory)> OpenBatchAsync(
        WebApp app, IBrowserContext context, string path, string readySelector, TextWriter log, string label)
    {
        var gcdump = Environment.GetEnvironmentVariable("SMARTUNION_GCDUMP") is { Length: > 0 } gcdumpPrefix
            ? $"{gcdumpPrefix}-{label.Replace(", ", "-").Replace(' ', '-')}" : null;
        if (gcdump is not null) await GcDumpAsync(app.Process.Id, gcdump + "-before.gcdump", log);
        var before = await RssMedianAsync(app.Process.Id);
        var partsBefore = RssParts(app.Process.Id);
        var threadsBefore = Threads(app.Process.Id);
        var smaps = Environment.GetEnvironmentVariable("SMARTUNION_SMAPS") is { Length: > 0 } smapsPrefix
            ? $"{smapsPrefix}-{label.Replace(", ", "-").Replace(' ', '-')}" : null;
        if (smaps is not null) File.WriteAllText(smaps + "-before.smaps", File.ReadAllText($"/proc/{app.Process.Id}/smaps"));
        var pages = new List<IPage>(Circuits);
        var openTimes = new List<double>(Circuits);
        for (var i = 0; i < Circuits; i++)
        {
            var sw = Stopwatch.StartNew();
            pages.Add(await OpenAsync(context, path, readySelector));
            openTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        await Task.Delay(2000);
        var after = await RssMedianAsync(app.Process.Id);
        var partsAfter = RssParts(app.Process.Id);
        if (smaps is not null) File.WriteAllText(smaps + "-after.smaps", File.ReadAllText($"/proc/{app.Process.Id}/smaps"));
        var memory = new CircuitMemory((after - before) / Circuits / 1048576.0,
            string.Join(", ", partsAfter.Select(p => $"{p.Key} {(p.Value - partsBefore[p.Key]) / (double)Circuits / 1048576.0:F2}")));
        log.WriteLine($"  {label}: RSS before {before / 1048576.0:F1} MiB, after {after / 1048576.0:F1} MiB: {memory}; "
            + $"threads {Threads(app.Process.Id) - threadsBefore:+0;-0;0}");
        // Diagnostics: SMARTUNION_GCDUMP=PREFIX writes the server's heap (dotnet-gcdump) before and with the pages open — what holds the memory.
        if (gcdump is not null) await GcDumpAsync(app.Process.Id, gcdump + "-after.gcdump", log);
        return (pages, openTimes, memory);
    }

    /// <summary>The web app as a process of its own on a copy of the database, and one headless Chromium.</summary>
    private sealed class WebApp : IAsyncDisposable
    {
        private readonly string folder;
        private readonly IPlaywright playwright;

        private WebApp(string folder, Process process, string baseUrl, IPlaywright playwright, IBrowser browser)
        {
            (this.folder, Process, BaseUrl, this.playwright, Browser) = (folder, process, baseUrl, playwright, browser);
        }

        public Process Process { get; }
        public string BaseUrl { get; }
        public IBrowser Browser { get; }

        public static async Task<WebApp> StartAsync(string webDll, string dbPath, TextWriter log)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"smartunion-circuits-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            // A copy: sign-ins and audit lines must not change the benchmark database.
            File.Copy(dbPath, Path.Combine(folder, "smartunion.db"), overwrite: true);
            var baseUrl = $"http://127.0.0.1:{FreePort()}";
            var started = Stopwatch.StartNew();
            var server = StartServer(webDll, folder, baseUrl, log);
            await WaitHealthyAsync(baseUrl, server);
            log.WriteLine($"  server healthy after {started.Elapsed.TotalSeconds:F1} s, VmRSS {Rss(server.Id) / 1048576.0:F1} MiB");
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
                    // 50 pages in one headless browser: background pages must not be throttled, or their timers stall.
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                ],
            });
            return new WebApp(folder, server, baseUrl, playwright, browser);
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task SignInAsync(IBrowserContext context, string userName)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fitems");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("#login-submit");
        await page.Locator("#app-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path, string readySelector)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#app-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.Locator(readySelector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task ChooseCategoryAsync(IPage page, string category)
    {
        // The browser's own select (LightSelect): the change goes to the server before the 搜索 click that follows it.
        if (await page.Locator("select#filter-category").CountAsync() > 0)
        {
            await page.Locator("#filter-category").SelectOptionAsync(new SelectOptionValue { Label = category });
            return;
        }
        // Builds before it (a same-run baseline): MudSelect, whose input the server renders once it has the choice.
        await page.Locator(".mud-select:has(#filter-category)").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(category, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#filter-category")).ToHaveValueAsync(category, new() { Timeout = 30_000 });
    }

    /// <summary>Clicks 搜索 inside the page and resolves when every row shows <paramref name="category"/> (third cell).</summary>
    private static async Task<double> ClickSearchAndTimeAsync(IPage page, string category) =>
        await page.EvaluateAsync<double>("""
            (category) => new Promise((resolve, reject) => {
                const table = document.querySelector('#item-table');
                const done = () => {
                    const rows = [...table.querySelectorAll('tbody tr')].filter(r => r.querySelector('td.item-state'));
                    return rows.length > 0 && rows.every(r => r.children[2] && r.children[2].textContent.trim() === category);
                };
                const t0 = performance.now();
                const observer = new MutationObserver(() => {
                    if (done()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); }
                });
                const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no result within 30 s')); }, 30000);
                observer.observe(table, { subtree: true, childList: true, characterData: true });
                document.querySelector('#search-button').click();
            })
            """, category);

    private static Process StartServer(string webDll, string dataFolder, string baseUrl, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["SmartUnion__DataFolder"] = dataFolder;
        start.Environment["SmartUnion__Seed__Demo"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Diagnostics: SMARTUNION_SERVER_ENV="DOTNET_gcServer=0;DOTNET_GCgen0size=0x400000" runs the server with other GC settings.
        foreach (var pair in (Environment.GetEnvironmentVariable("SMARTUNION_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            start.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var process = Process.Start(start)!;
        // Drain the output so the child never blocks on a full pipe; keep errors visible.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine($"  [server] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(string baseUrl, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"the web app exited with code {server.ExitCode}");
            try
            {
                if ((await http.GetAsync($"{baseUrl}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("the web app did not become healthy within 120 s");
    }

    private static async Task GcDumpAsync(int pid, string file, TextWriter log)
    {
        var start = new ProcessStartInfo("dotnet-gcdump") { UseShellExecute = false };
        foreach (var arg in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", Path.GetFullPath(file) })
            start.ArgumentList.Add(arg);
        Process? dump;
        try
        {
            dump = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            log.WriteLine("  no gcdump: dotnet-gcdump is not on the PATH (dotnet tool install -g dotnet-gcdump; PATH=$PATH:~/.dotnet/tools)");
            return;
        }
        using var _ = dump;
        if (dump is null) return;
        await dump.WaitForExitAsync();
        log.WriteLine($"  gcdump of the server with the pages open: {file} (exit {dump.ExitCode})");
    }

    private static async Task<long> RssMedianAsync(int pid)
    {
        var samples = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            if (i > 0) await Task.Delay(1000);
            samples.Add(Rss(pid));
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>
    /// VmRSS's parts from /proc/&lt;pid&gt;/status: anonymous memory (managed heap, native allocations), file-backed pages
    /// (assemblies, libraries) and shared memory (.NET maps JIT-compiled code through it).
    /// </summary>
    private static Dictionary<string, long> RssParts(int pid) =>
        File.ReadLines($"/proc/{pid}/status")
            .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("RssShmem:", StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':')] switch { "RssAnon" => "anonymous", "RssFile" => "file-backed", _ => "shared (JIT code)" },
                l => long.Parse(l[(l.IndexOf(':') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024);

    /// <summary>The GC and JIT settings the web app ships with, as its runtimeconfig.json gives them.</summary>
    private static string RuntimeSettings(string webDll)
    {
        var file = Path.ChangeExtension(webDll, ".runtimeconfig.json");
        if (!File.Exists(file)) return "(no runtimeconfig.json)";
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            ? string.Join(", ", properties.EnumerateObject()
                .Where(p => p.Name.StartsWith("System.GC.", StringComparison.Ordinal) || p.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
                .Select(p => $"`{p.Name}={p.Value}`"))
            : "(defaults)";
    }

    private static int Threads(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal))[8..].Trim(), CultureInfo.InvariantCulture);

    internal static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmRSS");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web app's build output: SMARTUNION_WEB_DLL, or SmartUnion.Web/bin/{Release,Debug}/net10.0 above this program.</summary>
    private static string FindWebDll()
    {
        if (Environment.GetEnvironmentVariable("SMARTUNION_WEB_DLL") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var config in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(dir.FullName, "SmartUnion.Web", "bin", config, "net10.0", "SmartUnion.Web.dll");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("SmartUnion.Web.dll not found: build SmartUnion.Web (benchmarks/run.sh does) or set SMARTUNION_WEB_DLL");
    }
}
