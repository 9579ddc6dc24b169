using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>Every interactive page carries Blazor's reconnect dialog with Chinese texts, and its script is served.</summary>
// Not in the PostgreSQL pass: static script and styles, no data (test.sh runs the HTTP tests that touch data on both).
[Trait("Database", "SqliteOnly")]
public class ReconnectModalHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    [Fact]
    public async Task AnInteractivePageCarriesTheChineseReconnectDialogForEveryState()
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, "shenhe");
        var html = await HttpLogin.DecodedAsync(await client.GetAsync("/deductions"));

        Assert.Contains("<dialog id=\"components-reconnect-modal\"", html);
        Assert.Contains("正在重新连接服务器", html); // show
        Assert.Matches("连接失败，<span id=\"components-seconds-to-next-attempt\"></span> 秒后重试", html); // retrying
        Assert.Contains("无法连接服务器", html); // failed
        Assert.Contains("id=\"components-reconnect-button\"", html);
        Assert.Contains("服务器已暂停本页面的会话", html); // paused
        Assert.Contains("id=\"components-resume-button\"", html);
        Assert.Contains("无法恢复会话", html); // resume failed
        Assert.DoesNotContain("Rejoin", html);
        Assert.Matches("<script src=\"reconnect(\\.[a-z0-9]+)?\\.js\"", html);
    }

    [Fact]
    public async Task TheReconnectScriptAndStylesAreServed()
    {
        var client = fixture.App.CreateClient();
        var script = await client.GetAsync("/reconnect.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("components-reconnect-state-changed", await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reconnect.css")).StatusCode);
    }
}
