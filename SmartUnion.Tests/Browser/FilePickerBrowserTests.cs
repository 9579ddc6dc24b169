using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// 选择附件 must open the file dialog in the click itself. Chromium shows a file dialog only while the page holds the
/// click's transient user activation (about 5 s); when opening it waits for a round trip through the server
/// (MudFileUpload's OpenFilePickerAsync, then showPicker from the server's JavaScript call), a slow server — a cold
/// start on a busy machine — lets the activation expire and the dialog never opens, with no message anywhere.
/// Playwright's file-chooser interception does not check activation (nor does its Chromium expire it after 5 s), so the
/// test records, in the page, when the picker was asked to open: within the click, or only after the slow server.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FilePickerBrowserTests(BrowserFixture fixture)
{
    /// <summary>Longer than Chromium's transient activation (5 s).</summary>
    private static readonly TimeSpan SlowServer = TimeSpan.FromSeconds(6);

    private const string RecordPickerCalls = """
        () => {
            window.__pickerCalls = [];
            document.addEventListener('click', () => window.__clickAt = performance.now(), true);
            for (const name of ['showPicker', 'click']) {
                const original = HTMLInputElement.prototype[name];
                HTMLInputElement.prototype[name] = function () {
                    if (this.type === 'file') window.__pickerCalls.push({ name, active: navigator.userActivation.isActive, at: performance.now() - window.__clickAt });
                    return original.apply(this, arguments);
                };
            }
        }
        """;

    [Fact]
    public async Task TheFileDialogOpensWithinTheClicksUserActivationEvenWhenTheServerAnswersSlowly()
    {
        var page = await fixture.LoginAsync("gusu");
        try
        {
            var slow = false;
            // Every message from the browser to the server is held back while `slow` is set, in order.
            await page.Context.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
            {
                var server = ws.ConnectToServer();
                var forwarding = Task.CompletedTask;
                var gate = new object();
                ws.OnMessage(frame =>
                {
                    lock (gate)
                    {
                        var due = DateTime.UtcNow + (Volatile.Read(ref slow) ? SlowServer : TimeSpan.Zero);
                        forwarding = forwarding.ContinueWith(async _ =>
                        {
                            var wait = due - DateTime.UtcNow;
                            if (wait > TimeSpan.Zero) await Task.Delay(wait);
                            if (frame.Binary is { } binary) server.Send(binary); else server.Send(frame.Text!);
                        }).Unwrap();
                    }
                });
                server.OnMessage(frame =>
                {
                    if (frame.Binary is { } binary) ws.Send(binary); else ws.Send(frame.Text!);
                });
            });
            await page.GotoAsync("/items/new");
            await BrowserFixture.WaitForCircuitAsync(page);
            var title = $"慢服务器{Guid.NewGuid():N}"[..12];
            await page.Locator("#item-title").FillAsync(title);
            await page.Locator("#item-body").FillAsync("正文");
            await page.Locator("#item-category").ClickAsync();
            await page.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#item-category")).ToHaveValueAsync(nameof(InfoCategory.General));
            await Assertions.Expect(page.Locator("#choose-files")).ToBeEnabledAsync();
            await page.EvaluateAsync(RecordPickerCalls);

            Volatile.Write(ref slow, true);
            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#choose-files").ClickAsync(),
                new() { Timeout = 30_000 });
            Volatile.Write(ref slow, false);

            var calls = await page.EvaluateAsync<PickerCall[]>("() => window.__pickerCalls");
            Assert.NotEmpty(calls);
            // In the click itself: before the slow server could have answered (this Chromium, driven by Playwright,
            // keeps the activation longer than a user's browser does, so the time is what the test can rely on).
            Assert.True(calls[0].Active && calls[0].At < SlowServer.TotalMilliseconds / 2,
                $"the file dialog was asked to open {calls[0].At:0} ms after the click ({calls[0].Name}), after a round trip through the server");

            // And the file chosen in it is uploaded, through the slow server.
            await chooser.SetFilesAsync(new FilePayload { Name = "劳模方案.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("劳模方案") });
            await Assertions.Expect(page.Locator("#attachment-list .attachment-name")).ToContainTextAsync("劳模方案.txt", new() { Timeout = 30_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private sealed class PickerCall
    {
        public string Name { get; set; } = "";
        public bool Active { get; set; }
        public double At { get; set; }
    }
}
