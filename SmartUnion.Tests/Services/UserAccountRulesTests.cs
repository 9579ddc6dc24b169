using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>用户账号: 解锁 of a locked account, and what a user name is (trimmed, case-insensitive).</summary>
public class UserAccountRulesTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller admin = default!;
    private SettingsService Settings => t.Get<SettingsService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AnAdminUnlocksALockedAccountAndTheUnlockIsAudited()
    {
        var user = await t.CreateUserAsync("被锁定", "吴江区总", Roles.Reporter);
        await LockAsync(user.UserId);
        Assert.True((await Settings.GetUsersAsync(admin)).Single(u => u.Id == user.UserId).IsLockedOut);

        await Settings.UnlockUserAsync(admin, user.UserId);

        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Users.SingleAsync(u => u.Id == user.UserId);
        Assert.Null(row.LockoutEnd);
        Assert.Equal(0, row.AccessFailedCount);
        Assert.False((await Settings.GetUsersAsync(admin)).Single(u => u.Id == user.UserId).IsLockedOut);
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((admin.UserId, AuditActions.Settings, "解锁用户 被锁定"), (audit.UserId, audit.Action, audit.Details));
    }

    [Fact]
    public async Task UnlockingAnAccountThatIsNotLockedChangesNothing()
    {
        var user = await t.CreateUserAsync("未锁定", "吴江区总", Roles.Reporter);
        var auditBefore = await t.CountAsync<AuditEntry>();
        await Settings.UnlockUserAsync(admin, user.UserId);
        Assert.Equal(auditBefore, await t.CountAsync<AuditEntry>());
        await Assert.ThrowsAsync<NotFoundException>(() => Settings.UnlockUserAsync(admin, "no-such-user"));
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Reviewer)]
    public async Task UnlockRefusesANonAdminAndTheAccountStaysLocked(string role)
    {
        var caller = await t.CreateUserAsync("非管理员", "苏州市总工会", role);
        var user = await t.CreateUserAsync("被锁定2", "吴江区总", Roles.Reporter);
        await LockAsync(user.UserId);
        var auditBefore = await t.CountAsync<AuditEntry>();

        await Assert.ThrowsAsync<ForbiddenException>(() => Settings.UnlockUserAsync(caller, user.UserId));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Settings.UnlockUserAsync(null!, user.UserId));

        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Users.SingleAsync(u => u.Id == user.UserId);
        Assert.NotNull(row.LockoutEnd);
        Assert.Equal(5, row.AccessFailedCount);
        Assert.Equal(auditBefore, await t.CountAsync<AuditEntry>());
    }

    [Theory]
    [InlineData("Gusu")]
    [InlineData("GUSU")]
    [InlineData(" gusu ")]
    public async Task ANewUserWhoseNameDiffersOnlyInCaseOrSpacesIsRefusedInChinese(string userName)
    {
        await t.CreateUserAsync("gusu", "姑苏区总", Roles.Reporter);
        var usersBefore = await t.CountAsync<AppUser>();
        var unit = await t.UnitIdAsync("姑苏区总");
        var refused = await Assert.ThrowsAsync<DomainException>(() => Settings.CreateUserAsync(admin,
            new NewUserInput(userName, "另一个", unit, Roles.Reporter, "Abcdefg12")));
        Assert.Equal($"用户名“{userName.Trim()}”已存在（用户名不区分大小写）", refused.Message);
        Assert.Equal(usersBefore, await t.CountAsync<AppUser>());
    }

    [Fact]
    public async Task ANewUserNameIsStoredTrimmed()
    {
        var id = await Settings.CreateUserAsync(admin, new NewUserInput("  新同事 ", "新同事", await t.UnitIdAsync("昆山市总"), Roles.Reporter, "Abcdefg12"));
        Assert.Equal("新同事", (await Settings.GetUsersAsync(admin)).Single(u => u.Id == id).UserName);
    }

    private async Task LockAsync(string userId)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Users.SingleAsync(u => u.Id == userId);
        row.LockoutEnd = t.Clock.GetUtcNow().AddMinutes(15);
        row.AccessFailedCount = 5;
        await db.SaveChangesAsync();
    }
}
