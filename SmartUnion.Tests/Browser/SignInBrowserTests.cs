using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SignInBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("gusu", "姑苏区总报送员", "姑苏区总", false)]
    [InlineData("kunshan", "昆山市总报送员", "昆山市总", false)]
    [InlineData("shenhe", "市总审核员", "苏州市总工会", false)]
    [InlineData("admin", "系统管理员", "苏州市总工会", true)]
    public async Task EachDemoAccountLandsOnTheShellWithTheMenuOfItsRole(string userName, string displayName, string unit, bool seesSettings)
    {
        var page = await fixture.LoginAsync(userName);
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync($"{displayName}（{unit}）");
        var nav = page.Locator(".mud-navmenu");
        foreach (var label in new[] { "办公工作", "公文信息", "扣分管理", "报表", "用户管理", "修改密码" })
            await Assertions.Expect(nav.GetByText(label, new() { Exact = true })).ToBeVisibleAsync();
        if (seesSettings)
            await Assertions.Expect(nav.GetByText("系统设置", new() { Exact = true })).ToBeVisibleAsync();
        else
            await Assertions.Expect(nav.GetByText("系统设置", new() { Exact = true })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ChangingThePasswordWorksAndTheOldOneStopsWorking()
    {
        const string oldPassword = "Old12345a";
        const string newPassword = "New12345b";
        var userName = $"改密{Guid.NewGuid():N}"[..10];
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var unitId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.First(u => u.ShortName == "相城区总").Id));
            var user = new AppUser { UserName = userName, DisplayName = "改密测试", UnitId = unitId };
            Assert.True((await users.CreateAsync(user, oldPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Reporter);
        }

        var page = await fixture.LoginAsync(userName, oldPassword);
        // 用户管理 › 修改密码: 原密码, new password + confirm, 保存.
        await page.Locator(".mud-navmenu").GetByText("修改密码", new() { Exact = true }).ClickAsync();
        await page.Locator("#current-password").FillAsync(oldPassword);
        await page.Locator("#new-password").FillAsync(newPassword);
        await page.Locator("#confirm-password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#password-changed")).ToBeVisibleAsync();

        var oldLogin = await fixture.NewPageAsync();
        await oldLogin.GotoAsync("/Account/Login");
        await oldLogin.FillAsync("#Input\\.UserName", userName);
        await oldLogin.FillAsync("#Input\\.Password", oldPassword);
        await oldLogin.ClickAsync("#login-submit");
        await Assertions.Expect(oldLogin.Locator("#login-error")).ToContainTextAsync("用户名或密码错误");

        var newLogin = await fixture.LoginAsync(userName, newPassword);
        await Assertions.Expect(newLogin.Locator("#current-user")).ToContainTextAsync("改密测试");
        await page.Context.CloseAsync();
        await oldLogin.Context.CloseAsync();
        await newLogin.Context.CloseAsync();
    }

    [Fact]
    public async Task MismatchedConfirmationIsRefusedWithAChineseMessage()
    {
        var page = await fixture.LoginAsync("wujiang", path: "/account/password");
        await page.Locator("#new-password").FillAsync("Abcdefg12");
        await page.Locator("#confirm-password").FillAsync("Abcdefg13");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByText("两次输入的密码不一致").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
