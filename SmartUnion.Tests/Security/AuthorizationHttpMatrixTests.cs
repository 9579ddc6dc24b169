using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Security;

/// <summary>
/// The authorization matrix through HTTP: the attachment download and the monthly report endpoints and the pages,
/// for the demo accounts gusu (报送员 姑苏区总), kunshan (报送员 昆山市总), shenhe (审核员 市总), admin and anonymous.
/// Guessing ids reveals nothing: an attachment outside the caller's scope answers exactly like one that does not exist.
/// </summary>
public partial class AuthorizationHttpMatrixTests(AuthorizationHttpFixture fixture, ITestOutputHelper output)
    : IClassFixture<AuthorizationHttpFixture>
{
    public static readonly string[] Users = ["gusu", "kunshan", "shenhe", "admin", "anon"];

    // Attachment of: 姑苏 reported item, 姑苏 draft, 昆山 reported item, a non-existent id.
    // 200 = the file, 404 = not found (empty, identical to a missing id), 302 = sent to the login page.
    private static readonly Dictionary<string, int[]> DownloadTable = new()
    {
        ["gusu"] = [200, 200, 404, 404],
        ["kunshan"] = [404, 404, 200, 404],
        ["shenhe"] = [200, 404, 200, 404],
        ["admin"] = [200, 404, 200, 404],
        ["anon"] = [302, 302, 302, 302],
    };
    public static readonly string[] Attachments = ["gusu-reported", "gusu-draft", "kunshan-reported", "missing"];

    public static IEnumerable<object[]> DownloadCases() =>
        from user in Users
        from i in Enumerable.Range(0, Attachments.Length)
        select new object[] { user, Attachments[i], DownloadTable[user][i] };

    // Pages: 200, 302 to /Account/AccessDenied ("denied") or to /Account/Login ("login").
    private static readonly (string Path, string[] Expected)[] PageTable =
    [
        ("/items", ["200", "200", "200", "200", "login"]),
        ("/items/new", ["200", "200", "denied", "denied", "login"]),
        ("/deductions", ["200", "200", "200", "200", "login"]),
        ("/reports", ["200", "200", "200", "200", "login"]),
        ("/ranking", ["200", "200", "200", "200", "login"]),
        ("/settings/units", ["denied", "denied", "denied", "200", "login"]),
        ("/settings/users", ["denied", "denied", "denied", "200", "login"]),
        ("/settings/publications", ["denied", "denied", "denied", "200", "login"]),
        ("/settings/recalculate", ["denied", "denied", "denied", "200", "login"]),
        ("/settings/audit", ["denied", "denied", "denied", "200", "login"]),
        ("/reports/monthly?month=2026-11", ["200", "200", "200", "200", "login"]),
    ];

    public static IEnumerable<object[]> PageCases() =>
        from row in PageTable
        from i in Enumerable.Range(0, Users.Length)
        select new object[] { row.Path, Users[i], row.Expected[i] };

    [Theory]
    [MemberData(nameof(DownloadCases))]
    public async Task DownloadAnswersAsDeclared(string user, string attachment, int expected)
    {
        var client = await fixture.ClientAsync(user);
        var response = await client.GetAsync($"/attachments/{fixture.AttachmentId(attachment)}");
        output.WriteLine($"{user} GET attachment {attachment} → {(int)response.StatusCode}");
        Assert.Equal(expected, (int)response.StatusCode);
        switch (expected)
        {
            case 200:
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                break;
            case 404:
                // Out of scope and non-existent are indistinguishable: same status, headers of substance and body.
                var missing = await client.GetAsync($"/attachments/{fixture.AttachmentId("missing")}");
                Assert.Equal(await Normalized(missing), await Normalized(response));
                Assert.Equal(missing.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentType?.ToString());
                Assert.Null(response.Content.Headers.ContentDisposition);
                break;
            case 302:
                Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
                break;
        }
    }

    [Fact]
    public async Task SequentialGuessedIdsAllAnswerTheSame404()
    {
        // kunshan walks through every attachment id around the real ones: only its own answers 200.
        var client = await fixture.ClientAsync("kunshan");
        var own = fixture.AttachmentId("kunshan-reported");
        var bodies = new HashSet<string>();
        var codes = new Dictionary<int, HttpStatusCode>();
        for (var id = 1; id <= own + 5; id++)
        {
            var response = await client.GetAsync($"/attachments/{id}");
            codes[id] = response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotFound) bodies.Add(await Normalized(response));
        }
        output.WriteLine($"{codes.Count} ids tried, {codes.Count(c => c.Value == HttpStatusCode.OK)} answered 200");
        Assert.Equal([own], codes.Where(c => c.Value == HttpStatusCode.OK).Select(c => c.Key));
        Assert.All(codes.Values, c => Assert.Contains(c, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        Assert.Single(bodies);
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task PagesAndEndpointsAnswerAsDeclared(string path, string user, string expected)
    {
        var response = await (await fixture.ClientAsync(user)).GetAsync(path);
        output.WriteLine($"{user} GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
        switch (expected)
        {
            case "200":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case "denied":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
                break;
        }
    }

    [Theory]
    [InlineData("gusu", "姑苏区总", false)]
    [InlineData("kunshan", "昆山市总", false)]
    [InlineData("shenhe", "苏州市总工会", true)]
    [InlineData("admin", "苏州市总工会", true)]
    public async Task TheMonthlyReportHoldsOnlyTheCallersScope(string user, string ownUnit, bool wholeCity)
    {
        var response = await (await fixture.ClientAsync(user)).GetAsync("/reports/monthly?month=2026-11");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var units = workbook.Worksheet("汇总").ColumnsUsed().First().CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(ownUnit, units);
        if (wholeCity)
        {
            Assert.Contains("姑苏区总", units);
            Assert.Contains("昆山市总", units);
        }
        else
        {
            foreach (var other in new[] { "姑苏区总", "昆山市总", "吴中区总" }.Where(u => u != ownUnit))
                Assert.DoesNotContain(other, units);
        }
    }

    [Fact]
    public void TheCaseCountIsPrinted()
    {
        var count = DownloadCases().Count() + PageCases().Count() + 4 + 1;
        output.WriteLine($"HTTP authorization matrix: {DownloadCases().Count()} download cases, {PageCases().Count()} page/endpoint cases, 4 report-scope cases, 1 id walk = {count}.");
        Assert.True(count >= 70);
    }

    /// <summary>The body without per-request values (antiforgery tokens, Blazor component markers).</summary>
    private static async Task<string> Normalized(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        body = BlazorMarker().Replace(body, "<!--Blazor-->");
        return TokenValue().Replace(body, "value=\"token\"");
    }

    [GeneratedRegex("<!--Blazor:[^>]*-->")]
    private static partial Regex BlazorMarker();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex TokenValue();
}

/// <summary>The demo app with one attachment on a 姑苏 reported item, a 姑苏 draft and a 昆山 reported item; one signed-in client per user.</summary>
public sealed class AuthorizationHttpFixture : IAsyncLifetime
{
    private readonly Dictionary<string, int> attachments = [];
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public SmartUnionAppFactory App { get; } = new();

    public int AttachmentId(string key) => key == "missing" ? 987_654 : attachments[key];

    public async Task InitializeAsync()
    {
        _ = App.Server;
        attachments["gusu-reported"] = await AttachmentAsync("gusu", reported: true);
        attachments["gusu-draft"] = await AttachmentAsync("gusu", reported: false);
        attachments["kunshan-reported"] = await AttachmentAsync("kunshan", reported: true);
    }

    public async Task<HttpClient> ClientAsync(string user)
    {
        await gate.WaitAsync();
        try
        {
            if (clients.TryGetValue(user, out var existing)) return existing;
            var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (user != "anon") await HttpLogin.SignInAsync(client, user);
            clients[user] = client;
            return client;
        }
        finally { gate.Release(); }
    }

    private async Task<int> AttachmentAsync(string userName, bool reported)
    {
        var services = App.Services;
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var caller = (await services.GetRequiredService<CallerService>().FindAsync(userId))!;
        var items = services.GetRequiredService<ItemService>();
        var item = await items.CreateAsync(caller, new ItemInput { Title = "HTTP矩阵", Body = "正文", Category = InfoCategory.General });
        var attachment = await services.GetRequiredService<AttachmentService>()
            .UploadAsync(caller, item.Id, "矩阵.txt", new MemoryStream(Encoding.UTF8.GetBytes("内容")));
        if (reported) await items.ReportAsync(caller, [item.Id]);
        return attachment.Id;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}
