using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// Taking access away takes effect at once (issue 13, item 1 and 4): the session check every request and circuit event
/// makes, the caller the services get, sign-in of a disabled unit, 重置密码 and 修改密码 with 原密码.
/// </summary>
public class SessionRevocationServiceTests : IAsyncLifetime
{
    private const string Password = "Test1234a";
    private TestDatabase t = default!;
    private Caller admin = default!;
    private Caller reporter = default!;
    private int street;

    private SettingsService Settings => t.Get<SettingsService>();
    private CallerService Callers => t.Get<CallerService>();
    private AccountService Accounts => t.Get<AccountService>();

    public async Task InitializeAsync()
    {
        // Authentication schemes, so that the sign-in manager can be built (CanSignInAsync).
        t = await TestDatabase.CreateAsync(configure: s => s.AddAuthentication());
        admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        street = await t.AddUnitAsync("某街道", "姑苏区总");
        reporter = await t.CreateUserAsync("rep", "某街道", Roles.Reporter);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<AppUser> UserAsync(string id)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<string> StampAsync(string id) => (await UserAsync(id)).SecurityStamp!;

    [Fact]
    public async Task AFreshSessionIsValid()
    {
        Assert.Equal(SessionState.Valid, await Callers.CheckSessionAsync(reporter.UserId, await StampAsync(reporter.UserId)));
    }

    [Fact]
    public async Task ASessionWithAnotherOrNoStampIsRevoked()
    {
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, "AN-OLD-STAMP"));
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, null));
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync("no-such-user", "x"));
        Assert.Null(await Callers.FindAsync(reporter.UserId, "AN-OLD-STAMP"));
    }

    [Fact]
    public async Task DisablingAUserRevokesItsSessionsAndItsCaller()
    {
        var stamp = await StampAsync(reporter.UserId);
        await Settings.SetUserActiveAsync(admin, reporter.UserId, false);
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));
        Assert.Null(await Callers.FindAsync(reporter.UserId));
    }

    [Fact]
    public async Task DisablingAUnitRevokesItsUsersSessionsEvenAfterItIsEnabledAgain()
    {
        var stamp = await StampAsync(reporter.UserId);
        await Settings.SetUnitActiveAsync(admin, street, false);
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));

        await Settings.SetUnitActiveAsync(admin, street, true);
        Assert.NotEqual(stamp, await StampAsync(reporter.UserId));
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));
    }

    [Fact]
    public async Task TheCallerOfAUserOfADisabledUnitIsRefused()
    {
        await Settings.SetUnitActiveAsync(admin, street, false);
        Assert.Null(await Callers.FindAsync(reporter.UserId));
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, await StampAsync(reporter.UserId)));
    }

    [Fact]
    public async Task AUserOfADisabledUnitCannotSignIn()
    {
        await Settings.SetUnitActiveAsync(admin, street, false);
        await using var scope = t.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByIdAsync(reporter.UserId);
        Assert.False(await signIn.CanSignInAsync(user!));

        await Settings.SetUnitActiveAsync(admin, street, true);
        Assert.True(await signIn.CanSignInAsync((await signIn.UserManager.FindByIdAsync(reporter.UserId))!));
    }

    [Fact]
    public async Task ChangingTheRoleRevokesTheSessions()
    {
        var stamp = await StampAsync(reporter.UserId);
        await Settings.ChangeRoleAsync(admin, reporter.UserId, Roles.Reviewer);
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));
    }

    [Fact]
    public async Task AnAdminsPasswordResetRevokesTheSessionsAndDemandsANewPassword()
    {
        var stamp = await StampAsync(reporter.UserId);
        await Settings.ResetPasswordAsync(admin, reporter.UserId, "Reset1234b");

        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));
        var user = await UserAsync(reporter.UserId);
        Assert.True(user.MustChangePassword);
        Assert.Equal(SessionState.MustChangePassword, await Callers.CheckSessionAsync(reporter.UserId, user.SecurityStamp));
        Assert.True((await Callers.FindAsync(reporter.UserId))!.MustChangePassword);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOne()
    {
        var stamp = await StampAsync(reporter.UserId);
        var errors = await Accounts.ChangePasswordAsync(reporter, "Wrong1234a", "Newpass123", "Newpass123");

        Assert.Equal(["原密码错误"], errors);
        var user = await UserAsync(reporter.UserId);
        Assert.Equal(1, user.AccessFailedCount);
        Assert.Equal(stamp, user.SecurityStamp);
        await using var scope = t.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(reporter.UserId))!, Password));
    }

    [Fact]
    public async Task AMissingCurrentPasswordIsRefused()
    {
        Assert.Equal(["请输入原密码"], await Accounts.ChangePasswordAsync(reporter, "", "Newpass123", "Newpass123"));
    }

    [Fact]
    public async Task FiveWrongCurrentPasswordsLockTheAccount()
    {
        IReadOnlyList<string> errors = [];
        for (var i = 0; i < 5; i++)
            errors = await Accounts.ChangePasswordAsync(reporter, "Wrong1234a", "Newpass123", "Newpass123");

        Assert.Equal([AccountService.LockedOutMessage], errors);
        // Locked: even the right current password is refused now.
        Assert.Equal([AccountService.LockedOutMessage], await Accounts.ChangePasswordAsync(reporter, Password, "Newpass123", "Newpass123"));
        Assert.NotNull((await UserAsync(reporter.UserId)).LockoutEnd);
    }

    [Fact]
    public async Task ChangingThePasswordRenewsTheStampAndClearsTheResetFlag()
    {
        await Settings.ResetPasswordAsync(admin, reporter.UserId, "Reset1234b");
        var stamp = await StampAsync(reporter.UserId);

        var errors = await Accounts.ChangePasswordAsync(reporter, "Reset1234b", "Newpass123", "Newpass123");

        Assert.Empty(errors);
        var user = await UserAsync(reporter.UserId);
        Assert.False(user.MustChangePassword);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(SessionState.Revoked, await Callers.CheckSessionAsync(reporter.UserId, stamp));
        Assert.Equal(SessionState.Valid, await Callers.CheckSessionAsync(reporter.UserId, user.SecurityStamp));
    }

    [Fact]
    public async Task TheNewPasswordMustDifferFromTheCurrentOne()
    {
        Assert.Equal(["新密码不能与原密码相同"], await Accounts.ChangePasswordAsync(reporter, Password, Password, Password));
    }
}
