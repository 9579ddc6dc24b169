using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Reliability;

/// <summary>
/// The app as a separate process, killed with SIGKILL in the middle of an upload while another process keeps
/// writing to the same database, then started again: the database is sound, nothing committed is lost, every
/// attachment row has its file, and the leftovers of the interrupted upload are gone.
/// </summary>
// SQLite only: it checks the SQLite file itself after a SIGKILL (integrity_check, WAL recovery) with app processes over
// their own data folder; on PostgreSQL durability is the server's.
[Collection(AppProcessCollection.Name)]
[Trait("Database", "SqliteOnly")]
public class CrashSafetyTests(ITestOutputHelper output)
{
    private const string BigFileName = "中断的大附件.pdf";

    [Fact]
    public async Task AnAppKilledMidUploadRestartsWithASoundDatabaseAllCommittedDataAndNoOrphanFiles()
    {
        var folder = NewFolder();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Log(string text) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0} s] {text}");
        try
        {
            var committed = new Committed();
            string partialUpload, plantedOrphan, foreignFile;
            await using (var first = await AppProcess.StartAsync(folder))
            {
                Log($"first run: pid {first.Id} at {first.BaseUrl}");
                await using var services = DomainServices(folder);
                var (reporter, reviewer) = (await CallerAsync(services, "gusu"), await CallerAsync(services, "shenhe"));
                var draftId = await CommitWritesAsync(services, reporter, reviewer, committed);

                var store = services.GetRequiredService<AttachmentStore>();
                // What a crash between moving a file into place and committing its row leaves behind, from an earlier run.
                plantedOrphan = store.PathOf($"{Guid.NewGuid():N}.bin");
                await File.WriteAllTextAsync(plantedOrphan, "无对应记录的附件文件");
                File.SetLastWriteTimeUtc(plantedOrphan, DateTime.UtcNow.AddHours(-1));
                // Not ours to judge: a file of another shape stays.
                foreignFile = Path.Combine(store.Root, "管理员说明.txt");
                await File.WriteAllTextAsync(foreignFile, "keep");

                // Another process keeps committing deductions while the app uploads and dies.
                using var stopWriter = new CancellationTokenSource();
                var writer = Task.Run(() => WriteDeductionsUntilAsync(services, reviewer, committed, stopWriter.Token));

                using var playwright = await Playwright.CreateAsync();
                await using var browser = await playwright.Chromium.LaunchAsync(BrowserFixture.LaunchOptions());
                Log("writes committed, browser up");
                var page = await LoginAsync(browser, first.BaseUrl, "gusu", $"/items/{draftId}/edit");
                Log("signed in, upload starts");
                await Assertions.Expect(page.Locator("#item-title")).ToHaveValueAsync("草稿：待上传附件");
                await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
                {
                    Name = BigFileName,
                    MimeType = "application/pdf",
                    Buffer = RandomNumberGenerator.GetBytes(6 * 1024 * 1024),
                });
                partialUpload = await WaitForPartialUploadAsync(store, minBytes: 256 * 1024);
                Log($"killing pid {first.Id} with {new FileInfo(partialUpload).Length} bytes of the upload staged");
                await first.KillAsync();

                await Task.Delay(300); // the other process commits a few more after the crash
                await stopWriter.CancelAsync();
                await writer;
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Assert.True(File.Exists(partialUpload), "the kill should have interrupted the upload");
            Log($"committed before/around the kill: {committed.Deductions.Count} deductions, {committed.Items.Count} items, {committed.Attachments.Count} attachments");

            await using var second = await AppProcess.StartAsync(folder);
            Log($"second run: pid {second.Id}");
            Assert.Equal("ok", await BackupService.IntegrityCheckAsync(Path.Combine(folder, "smartunion.db")));

            // Start-up removed the staging file of the interrupted upload and the file without a row, and logged it.
            Assert.False(File.Exists(partialUpload));
            Assert.False(File.Exists(plantedOrphan));
            Assert.True(File.Exists(foreignFile));
            await WaitForAsync(() => second.Output.Contains("启动清理"), "the cleanup log line");
            Assert.Contains(Path.GetFileName(plantedOrphan), second.Output);

            Log("cleanup checked");
            await using var after = DomainServices(folder);
            await using var db = await after.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var store2 = after.GetRequiredService<AttachmentStore>();
            // Every attachment row has its file, byte for byte; the interrupted upload left no row.
            var attachments = await db.Attachments.AsNoTracking().ToListAsync();
            Assert.DoesNotContain(attachments, a => a.FileName == BigFileName);
            foreach (var a in attachments)
            {
                var path = store2.PathOf(a.StoredName);
                Assert.True(File.Exists(path), $"file of attachment {a.Id} is missing");
                await using var stream = File.OpenRead(path);
                Assert.Equal(a.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
                Assert.Equal(a.Size, stream.Length);
            }
            var storedFiles = Directory.GetFiles(store2.Root, "*.bin").Select(Path.GetFileName).ToHashSet();
            Assert.True(storedFiles.SetEquals(attachments.Select(a => a.StoredName)), "every stored file belongs to a row");
            Assert.Empty(Directory.Exists(Path.Combine(store2.Root, "tmp")) ? Directory.GetFiles(Path.Combine(store2.Root, "tmp")) : []);

            // No committed data lost.
            foreach (var (id, state) in committed.Items)
                Assert.Equal(state, await db.Items.Where(i => i.Id == id).Select(i => i.State).SingleAsync());
            foreach (var (itemId, formId) in committed.Adoptions)
                Assert.True(await db.Adoptions.AnyAsync(a => a.InfoItemId == itemId && a.AdoptionFormId == formId), $"adoption of item {itemId} lost");
            foreach (var (id, sha) in committed.Attachments)
                Assert.Equal(sha, await db.Attachments.Where(a => a.Id == id).Select(a => a.Sha256).SingleAsync());
            var deductionIds = committed.Deductions.ToList();
            Assert.Equal(deductionIds.Count, await db.Deductions.CountAsync(d => deductionIds.Contains(d.Id)));
            Assert.True(deductionIds.Count > 5, "the other process should have committed deductions during the upload");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDeleteFolder(folder);
        }
    }

    [Fact]
    public async Task ABackupTakenWithTheCommandWhileTheAppRunsRestoresIntoAWorkingApp()
    {
        var folder = NewFolder();
        var restoredFolder = NewFolder();
        try
        {
            var backupFile = Path.Combine(folder, "backup", "smartunion-backup.db");
            int before, afterBackup, attachmentAfterBackup;
            AttachmentInfo attachment;
            var attachmentBytes = RandomNumberGenerator.GetBytes(200_000);
            await using (var app = await AppProcess.StartAsync(folder))
            {
                await using var services = DomainServices(folder);
                var reviewer = await CallerAsync(services, "shenhe");
                var reporter = await CallerAsync(services, "gusu");
                var district = (await services.GetRequiredService<DeductionService>().UnitsAsync(reviewer, forEditing: true)).First(u => u.Level > 1);
                var deductions = services.GetRequiredService<DeductionService>();
                before = await deductions.CreateAsync(reviewer, new DeductionInput(district.Id, 3, "备份前的扣分", new DateOnly(2026, 11, 2)));
                var attachments = services.GetRequiredService<AttachmentService>();
                var itemId = (await services.GetRequiredService<ItemService>().CreateAsync(reporter, new ItemInput { Title = "备份前的公文", Body = "正文", Category = InfoCategory.General })).Id;
                attachment = await attachments.UploadAsync(reporter, itemId, "备份前的附件.pdf", new MemoryStream(attachmentBytes));

                // The documented command, run while the app serves.
                var (exitCode, text) = await AppProcess.RunCommandAsync(folder, "backup", backupFile);
                output.WriteLine(text);
                Assert.Equal(0, exitCode);
                Assert.Contains("备份完成", text);
                Assert.Contains("integrity_check: ok", text);
                Assert.Contains($"{backupFile}.attachments{Path.DirectorySeparatorChar} (1 个附件，", text);

                afterBackup = await deductions.CreateAsync(reviewer, new DeductionInput(district.Id, 4, "备份后的扣分", new DateOnly(2026, 11, 3)));
                attachmentAfterBackup = (await attachments.UploadAsync(reporter, itemId, "备份后的附件.txt", new MemoryStream("备份后"u8.ToArray()))).Id;
                using var http = new HttpClient();
                Assert.True((await http.GetAsync(app.BaseUrl + "/healthz")).IsSuccessStatusCode);
            }

            // Restore: the app stopped, the backup copied into place as the data folder's database and its attachments
            // folder as the data folder's attachments, the app started on it.
            Directory.CreateDirectory(restoredFolder);
            File.Copy(backupFile, Path.Combine(restoredFolder, "smartunion.db"));
            var restoredAttachments = Path.Combine(restoredFolder, "attachments");
            Directory.CreateDirectory(restoredAttachments);
            foreach (var file in Directory.GetFiles(backupFile + ".attachments"))
                File.Copy(file, Path.Combine(restoredAttachments, Path.GetFileName(file)));
            await using (var restored = await AppProcess.StartAsync(restoredFolder))
            {
                Assert.Equal("ok", await BackupService.IntegrityCheckAsync(Path.Combine(restoredFolder, "smartunion.db")));
                // The restored app signs people in and serves the list.
                using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(restored.BaseUrl) };
                using var login = await http.GetAsync("/items");
                Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
                Assert.Contains("/Account/Login", login.Headers.Location!.ToString());

                // ... and the attachment's download, byte for byte.
                await HttpLogin.SignInAsync(http, "gusu");
                using var download = await http.GetAsync($"/attachments/{attachment.Id}");
                Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
                Assert.Equal(attachmentBytes, await download.Content.ReadAsByteArrayAsync());

                await using var services = DomainServices(restoredFolder);
                await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                Assert.True(await db.Deductions.AnyAsync(d => d.Id == before && d.Reason == "备份前的扣分"));
                Assert.False(await db.Deductions.AnyAsync(d => d.Id == afterBackup));
                Assert.False(await db.Attachments.AnyAsync(a => a.Id == attachmentAfterBackup));
                Assert.True(await db.Users.AnyAsync(u => u.UserName == "gusu"));
                Assert.True(await db.Items.AnyAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDeleteFolder(folder);
            TryDeleteFolder(restoredFolder);
        }
    }

    /// <summary>Rows and files committed by the services, to be found again after the crash.</summary>
    private sealed class Committed
    {
        public Dictionary<int, ItemState> Items { get; } = [];
        public List<(int ItemId, int FormId)> Adoptions { get; } = [];
        public Dictionary<int, string> Attachments { get; } = [];
        public System.Collections.Concurrent.ConcurrentBag<int> Deductions { get; } = [];
    }

    /// <summary>Items in several states, adoptions, deductions and two uploads, all committed before the upload starts; returns a draft to upload to.</summary>
    private static async Task<int> CommitWritesAsync(ServiceProvider services, Caller reporter, Caller reviewer, Committed committed)
    {
        var items = services.GetRequiredService<ItemService>();
        var adoption = services.GetRequiredService<AdoptionService>();
        var attachments = services.GetRequiredService<AttachmentService>();
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
            ids.Add((await items.CreateAsync(reporter, new ItemInput { Title = $"崩溃前提交{i}", Body = "正文", Category = InfoCategory.General })).Id);
        foreach (var id in ids.Take(2))
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"附件内容 {id} {Guid.NewGuid()}");
            var info = await attachments.UploadAsync(reporter, id, $"附件{id}.txt", new MemoryStream(content));
            committed.Attachments[info.Id] = Convert.ToHexStringLower(SHA256.HashData(content));
        }
        await items.ReportAsync(reporter, ids);
        foreach (var id in ids.Take(3))
        {
            var detail = await adoption.GetDetailAsync(reviewer, id);
            var row = detail.Rows.First(r => r.IsActive && !r.HasIssues);
            await adoption.SaveAdoptionsAsync(reviewer, id, detail.Version, [new AdoptionChoice(row.PublicationId, row.AdoptionFormId)]);
            committed.Adoptions.Add((id, row.AdoptionFormId));
            committed.Items[id] = ItemState.Adopted;
        }
        await adoption.RejectAsync(reviewer, ids[3], null, "请补充材料");
        committed.Items[ids[3]] = ItemState.Rejected;

        var draft = await items.CreateAsync(reporter, new ItemInput { Title = "草稿：待上传附件", Body = "正文", Category = InfoCategory.General });
        committed.Items[draft.Id] = ItemState.Draft;
        return draft.Id;
    }

    private static async Task WriteDeductionsUntilAsync(ServiceProvider services, Caller reviewer, Committed committed, CancellationToken stop)
    {
        var deductions = services.GetRequiredService<DeductionService>();
        var unitId = (await deductions.UnitsAsync(reviewer, forEditing: true)).First(u => u.Level > 1).Id;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            committed.Deductions.Add(await deductions.CreateAsync(reviewer, new DeductionInput(unitId, 1, $"崩溃测试扣分{n}", new DateOnly(2026, 11, 20))));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<IPage> LoginAsync(IBrowser browser, string baseUrl, string userName, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", ReferenceData.DemoPassword);
        await page.ClickAsync("#login-submit");
        await BrowserFixture.WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Waits until the app is streaming the upload into a staging file of at least <paramref name="minBytes"/>.</summary>
    private static async Task<string> WaitForPartialUploadAsync(AttachmentStore store, long minBytes)
    {
        var tmp = Path.Combine(store.Root, "tmp");
        string? found = null;
        await WaitForAsync(() =>
        {
            found = Directory.Exists(tmp) ? Directory.GetFiles(tmp, "*.part").FirstOrDefault(f => new FileInfo(f).Length >= minBytes) : null;
            return found is not null;
        }, "the upload to be staged", TimeSpan.FromSeconds(30));
        return found!;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    /// <summary>The domain services of the app over the same data folder, in this (the test) process.</summary>
    private static ServiceProvider DomainServices(string folder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SmartUnion:DataFolder"] = folder })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSmartUnionDomain(configuration, folder);
        services.AddSingleton<IChangeNotifier, RecordingChangeNotifier>();
        return services.BuildServiceProvider();
    }

    private static async Task<Caller> CallerAsync(ServiceProvider services, string userName)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await services.GetRequiredService<CallerService>().FindAsync(id) ?? throw new InvalidOperationException(userName);
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "smartunion-crash-tests", Guid.NewGuid().ToString("N"));

    private static void TryDeleteFolder(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
