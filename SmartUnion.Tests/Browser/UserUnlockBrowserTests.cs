using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Account.Pages;

namespace SmartUnion.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public class UserUnlockBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnAdminUnlocksALockedAccountIn用户账号AndTheUserCanSignInAtOnce()
    {
        const string password = "Unlock1234a";
        var userName = $"解锁{Guid.NewGuid():N}"[..10];
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var unitId = await fixture.App.WithDbAsync(db => Task.FromResult(db.Units.First(u => u.ShortName == "太仓市总").Id));
            var user = new AppUser { UserName = userName, DisplayName = "解锁测试", UnitId = unitId };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Reporter);
        }

        // Five wrong passwords through the form lock the account; then even the right one is refused.
        var login = await fixture.NewPageAsync();
        for (var i = 0; i < 6; i++)
        {
            await login.GotoAsync("/Account/Login");
            await login.FillAsync("#Input\\.UserName", userName);
            await login.FillAsync("#Input\\.Password", i < 5 ? "wrong-password1" : password);
            await login.ClickAsync("#login-submit");
            await Assertions.Expect(login.Locator("#login-error")).ToHaveTextAsync(Login.FailedMessage);
        }

        var admin = await fixture.LoginAsync("admin", path: "/settings/users");
        var row = admin.Locator("#user-table tbody tr").Filter(new() { HasText = userName });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("已锁定");
        await row.GetByRole(AriaRole.Button, new() { Name = "解锁", Exact = true }).ClickAsync();

        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync($"已解锁用户“{userName}”");
        await Assertions.Expect(row).ToContainTextAsync("启用");
        await Assertions.Expect(row).Not.ToContainTextAsync("已锁定");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "解锁", Exact = true })).ToHaveCountAsync(0);

        await login.GotoAsync("/Account/Login?ReturnUrl=%2Fitems");
        await login.FillAsync("#Input\\.UserName", userName);
        await login.FillAsync("#Input\\.Password", password);
        await login.ClickAsync("#login-submit");
        await BrowserFixture.WaitForCircuitAsync(login);
        await Assertions.Expect(login.Locator("#current-user")).ToContainTextAsync("解锁测试");

        var audit = await fixture.App.WithDbAsync(db => db.AuditEntries.Where(a => a.Details == $"解锁用户 {userName}").Select(a => a.UserName).ToListAsync());
        Assert.Equal(["admin"], audit);
        await admin.Context.CloseAsync();
        await login.Context.CloseAsync();
    }
}
