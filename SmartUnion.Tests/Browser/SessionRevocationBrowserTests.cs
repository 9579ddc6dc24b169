using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Taking access away takes effect at once in an open page (issue 13, items 1, 3 and 4): one browser context acts (an
/// admin, or the same user elsewhere) while the other is open; its next action is refused and it lands on the login page.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class SessionRevocationBrowserTests(BrowserFixture fixture)
{
    private const string Password = "Right1234a";
    private static readonly Regex LoginUrl = new("/Account/Login", RegexOptions.IgnoreCase);

    /// <summary>A new reporter (in a new unit under 吴中区总 when asked), so no other test shares its sessions.</summary>
    private async Task<(string UserName, string UserId, int UnitId)> NewReporterAsync(bool ownUnit = false)
    {
        var name = $"浏览{Guid.NewGuid():N}"[..10];
        var admin = await fixture.CallerAsync("admin");
        var settings = fixture.Service<SettingsService>();
        var wuzhong = await fixture.App.WithDbAsync(db => db.Units.Where(u => u.ShortName == "吴中区总").Select(u => u.Id).SingleAsync());
        var unitId = ownUnit ? await settings.AddUnitAsync(admin, wuzhong, new UnitInput(name + "工会", name, 99)) : wuzhong;
        var id = await settings.CreateUserAsync(admin, new NewUserInput(name, name, unitId, Roles.Reporter, Password));
        return (name, id, unitId);
    }

    private async Task<int> DraftAsync(string userId, string title)
    {
        var caller = (await fixture.Service<CallerService>().FindAsync(userId))!;
        var saved = await fixture.Service<ItemService>().CreateAsync(caller, new ItemInput { Title = title, Body = "草稿正文", Category = InfoCategory.General });
        return saved.Id;
    }

    private Task<ItemState> StateAsync(int itemId) =>
        fixture.App.WithDbAsync(db => db.Items.Where(i => i.Id == itemId).Select(i => i.State).SingleAsync());

    private static async Task ExpectLoginPageAsync(IPage page)
    {
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#login-submit")).ToBeVisibleAsync();
    }

    private static async Task ExpectSignedOutOnReloadAsync(IPage page)
    {
        await page.GotoAsync("/items");
        await ExpectLoginPageAsync(page);
    }

    private static ILocator UserRow(IPage admin, string userName) =>
        admin.Locator("#user-table tbody tr", new() { HasText = userName });

    private static async Task ConfirmAsync(IPage page) =>
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.Locator("#current-password").FillAsync(current);
        await page.Locator("#new-password").FillAsync(next);
        await page.Locator("#confirm-password").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
    }

    /// <summary>
    /// The open page's next action. An idle page is also signed out by the 10-second revalidation, so under load it may
    /// already have left for the login page before the click: then there is nothing left to click, which is fine too.
    /// </summary>
    private static async Task NextActionAsync(ILocator target)
    {
        try { await target.ClickAsync(new() { Timeout = 10_000 }); }
        catch (TimeoutException) when (LoginUrl.IsMatch(target.Page.Url)) { }
        catch (PlaywrightException) when (LoginUrl.IsMatch(target.Page.Url)) { }
    }

    private static async Task CloseAsync(params IPage[] pages)
    {
        foreach (var page in pages) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AReporterDisabledByAnAdminCannotSaveFromTheOpenPageAndLandsOnTheLoginPage()
    {
        var (userName, userId, _) = await NewReporterAsync();
        var title = $"停用后保存{Guid.NewGuid():N}"[..13];
        var reporter = await fixture.LoginAsync(userName, Password, "/items/new");
        await reporter.Locator("#item-title").FillAsync(title);
        await reporter.Locator("#item-body").FillAsync("停用之后不应保存");
        await reporter.Locator("#item-category").ClickAsync();
        await reporter.Locator(".mud-popover-open").GetByText("一般信息", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(reporter.Locator("#item-category")).ToHaveValueAsync(nameof(InfoCategory.General));

        // 用户账号 › 停用 in a second browser, while the reporter's page stays open.
        var admin = await fixture.LoginAsync("admin", path: "/settings/users");
        await UserRow(admin, userName).GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await ConfirmAsync(admin);
        await Assertions.Expect(UserRow(admin, userName)).ToContainTextAsync("已停用");

        await NextActionAsync(reporter.Locator("#save-item"));

        await ExpectLoginPageAsync(reporter);
        Assert.False(await fixture.App.WithDbAsync(db => db.Items.AnyAsync(i => i.Title == title)));
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.IsActive).SingleAsync()));
        await ExpectSignedOutOnReloadAsync(reporter);
        await CloseAsync(reporter, admin);
    }

    [Fact]
    public async Task AReporterOfAUnitDisabledByAnAdminCannotReportFromTheOpenListAndCannotSignInAgain()
    {
        var (userName, userId, _) = await NewReporterAsync(ownUnit: true);
        var unitShortName = userName;
        var title = $"单位停用{Guid.NewGuid():N}"[..12];
        var itemId = await DraftAsync(userId, title);
        var reporter = await fixture.LoginAsync(userName, Password, "/items");
        var row = reporter.Locator("#item-table tbody tr", new() { HasText = title });
        await Assertions.Expect(row).ToBeVisibleAsync();

        // 单位管理 › 停用 in a second browser.
        var admin = await fixture.LoginAsync("admin", path: "/settings/units");
        var unitRow = admin.Locator("tbody tr", new() { HasText = unitShortName + "工会" });
        await unitRow.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await ConfirmAsync(admin);
        await Assertions.Expect(unitRow).ToContainTextAsync("已停用");

        // The reporter ticks the draft to 上报 it: refused, the page goes to the login page.
        await NextActionAsync(row.Locator("input[type=checkbox]"));
        await ExpectLoginPageAsync(reporter);
        Assert.Equal(ItemState.Draft, await StateAsync(itemId));
        await ExpectSignedOutOnReloadAsync(reporter);

        // A new sign-in is refused, with the one answer every failed sign-in gets (docs/SECURITY.md, 登录).
        await reporter.FillAsync("#Input\\.UserName", userName);
        await reporter.FillAsync("#Input\\.Password", Password);
        await reporter.ClickAsync("#login-submit");
        await Assertions.Expect(reporter.Locator("#login-error")).ToHaveTextAsync(SmartUnion.Web.Components.Account.Pages.Login.FailedMessage);
        await CloseAsync(reporter, admin);
    }

    [Fact]
    public async Task APasswordChangedInOneBrowserSignsTheOtherOutAndKeepsThisOneSignedIn()
    {
        var (userName, _, _) = await NewReporterAsync();
        var other = await fixture.LoginAsync(userName, Password, "/items");
        var page = await fixture.LoginAsync(userName, Password, "/account/password");

        await ChangePasswordAsync(page, Password, "Changed1234d");

        await Assertions.Expect(page.Locator("#password-changed")).ToContainTextAsync("其他浏览器");
        await page.Locator("#continue").ClickAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.GotoAsync("/items");
        await Assertions.Expect(page.Locator("#add-item")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#current-user")).ToContainTextAsync(userName);

        // The other browser's next action (新增) is refused.
        await NextActionAsync(other.Locator("#add-item"));
        await ExpectLoginPageAsync(other);
        await ExpectSignedOutOnReloadAsync(other);
        await CloseAsync(page, other);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsRefusedInChinese()
    {
        var (userName, _, _) = await NewReporterAsync();
        var page = await fixture.LoginAsync(userName, Password, "/account/password");

        await ChangePasswordAsync(page, "Wrong1234a", "Changed1234d");

        await Assertions.Expect(page.GetByText("原密码错误")).ToBeVisibleAsync();
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.AccessFailedCount).SingleAsync()));
        await CloseAsync(page);
    }

    [Fact]
    public async Task AnAdminsPasswordResetEndsTheOpenSessionAndTheNextSignInMustChooseANewPassword()
    {
        var (userName, _, _) = await NewReporterAsync();
        var user = await fixture.LoginAsync(userName, Password, "/items");

        // 用户账号 › 重置密码 in a second browser.
        var admin = await fixture.LoginAsync("admin", path: "/settings/users");
        await UserRow(admin, userName).GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await admin.Locator("#user-password").FillAsync("Reset1234e");
        await admin.Locator("#user-save").ClickAsync();
        await Assertions.Expect(admin.GetByText("密码已重置")).ToBeVisibleAsync();

        await NextActionAsync(user.Locator("#add-item"));
        await ExpectLoginPageAsync(user);
        await CloseAsync(user);

        // Signing in with the new password leads to 修改密码, and nowhere else until it is changed.
        var again = await fixture.LoginAsync(userName, "Reset1234e", "/items");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/account/password$"));
        await Assertions.Expect(again.Locator("#must-change-password")).ToBeVisibleAsync();
        await again.Locator(".mud-navmenu").GetByText("公文信息", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/account/password$"));
        await again.GotoAsync("/items");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/account/password$"));
        await BrowserFixture.WaitForCircuitAsync(again);

        await ChangePasswordAsync(again, "Reset1234e", "Chosen1234f");
        await Assertions.Expect(again.Locator("#password-changed")).ToBeVisibleAsync();
        await again.GotoAsync("/items");
        await Assertions.Expect(again.Locator("#add-item")).ToBeVisibleAsync();
        Assert.False(await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.MustChangePassword).SingleAsync()));
        await CloseAsync(again, admin);
    }

    [Fact]
    public async Task LogoutShowsTheLoginPageAndTheListThenAsksForASignIn()
    {
        var (userName, _, _) = await NewReporterAsync();
        var page = await fixture.LoginAsync(userName, Password, "/items");

        await page.Locator("#logout-button").ClickAsync();

        await ExpectLoginPageAsync(page);
        await ExpectSignedOutOnReloadAsync(page);
        await CloseAsync(page);
    }
}
