using System.Net;
using System.Text.RegularExpressions;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>Signs in through the real login form (antiforgery token included).</summary>
public static partial class HttpLogin
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = TokenOf(await client.GetStringAsync("/Account/Login"));
        return await client.PostAsync("/Account/Login", LoginForm(token, userName, password));
    }

    /// <summary>The antiforgery token of a rendered login page.</summary>
    public static string TokenOf(string loginPage)
    {
        var token = TokenRegex().Match(loginPage).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "login form has an antiforgery token");
        return token;
    }

    /// <summary>The login form's fields as the browser posts them.</summary>
    public static FormUrlEncodedContent LoginForm(string token, string userName, string password) =>
        new(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>Signs in and asserts success (a redirect away from the login page).</summary>
    public static async Task SignInAsync(HttpClient client, string userName, string password = SmartUnion.Domain.Data.Seeding.ReferenceData.DemoPassword)
    {
        var response = await PostLoginAsync(client, userName, password);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"login of {userName} should redirect, got {(int)response.StatusCode}: {WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())[..Math.Min(500, (int)(response.Content.Headers.ContentLength ?? 500))]}");
    }

    public static async Task<string> DecodedAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
