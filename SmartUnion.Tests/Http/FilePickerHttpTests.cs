using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Http;

/// <summary>
/// Before the page is interactive its InputFile is not yet wired to the server: a file chosen then would be lost.
/// So the prerendered 选择附件 is disabled until the circuit is up.
/// </summary>
public partial class FilePickerHttpTests(HttpAppFixture fixture) : IClassFixture<HttpAppFixture>
{
    [Fact]
    public async Task ThePrerenderedChooseFilesButtonIsDisabledUntilThePageIsInteractive()
    {
        using var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, "gusu");

        using var response = await client.GetAsync("/items/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var button = ChooseFilesButton().Match(html);
        Assert.True(button.Success, "选择附件 is on the prerendered page");
        Assert.Matches(@"\sdisabled(\s|=|>)", button.Value);
    }

    [GeneratedRegex("<button[^>]*id=\"choose-files\"[^>]*>")]
    private static partial Regex ChooseFilesButton();
}
