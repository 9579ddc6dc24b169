using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class SettingsServiceTests : IAsyncLifetime
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

    public static TheoryData<string> NonAdminRoles => new() { Roles.Reporter, Roles.Reviewer };

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task EverySettingsMethodRefusesANonAdmin(string role)
    {
        var caller = await t.CreateUserAsync("non-admin", "苏州市总工会", role);
        var unit = await t.UnitIdAsync("姑苏区总");
        var root = await t.UnitIdAsync("苏州市总工会");
        var s = Settings;
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("GetUnits", () => s.GetUnitsAsync(caller)),
            ("AddUnit", () => s.AddUnitAsync(caller, root, new UnitInput("新单位", "新", 1))),
            ("UpdateUnit", () => s.UpdateUnitAsync(caller, unit, new UnitInput("改名", "改", 1))),
            ("MoveUnit", () => s.MoveUnitAsync(caller, unit, root)),
            ("SetUnitActive", () => s.SetUnitActiveAsync(caller, unit, false)),
            ("DeleteUnit", () => s.DeleteUnitAsync(caller, unit)),
            ("GetUsers", () => s.GetUsersAsync(caller)),
            ("CreateUser", () => s.CreateUserAsync(caller, new NewUserInput("新用户", "新用户", unit, Roles.Admin, "Abcdefg12"))),
            ("UpdateUser", () => s.UpdateUserAsync(caller, admin.UserId, "x", unit)),
            ("SetUserActive", () => s.SetUserActiveAsync(caller, admin.UserId, false)),
            ("ResetPassword", () => s.ResetPasswordAsync(caller, admin.UserId, "Abcdefg12")),
            ("ChangeRole", () => s.ChangeRoleAsync(caller, caller.UserId, Roles.Admin)),
            ("GetPublications", () => s.GetPublicationsAsync(caller)),
            ("AddPublication", () => s.AddPublicationAsync(caller, new PublicationInput("新刊", PublicationLevel.City, PublicationKind.Website, 0, 1))),
            ("UpdatePublication", () => s.UpdatePublicationAsync(caller, 1, new PublicationInput("改刊", PublicationLevel.City, PublicationKind.Website, 0, 1))),
            ("SetPublicationActive", () => s.SetPublicationActiveAsync(caller, 1, false)),
            ("AddForm", () => s.AddFormAsync(caller, 1, new FormInput("新形式", 1, 1))),
            ("UpdateForm", () => s.UpdateFormAsync(caller, 1, new FormInput("正文", 100, 1))),
            ("SetFormActive", () => s.SetFormActiveAsync(caller, 1, false)),
            ("Recalculate", () => t.Get<RecalculationService>().ExecuteAsync(caller, Period.Year(2026), "x")),
            ("RecalculatePreview", () => t.Get<RecalculationService>().PreviewAsync(caller, Period.Year(2026))),
        };
        var auditBefore = await t.CountAsync<AuditEntry>();
        foreach (var (name, call) in calls)
        {
            var ex = await Record.ExceptionAsync(call);
            Assert.True(ex is ForbiddenException, $"{name} should refuse a {role}, got {ex?.GetType().Name ?? "success"}");
        }
        Assert.Equal(auditBefore, await t.CountAsync<AuditEntry>());
        Assert.Empty(t.Notifier.Published);
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal("姑苏区总", await db.Units.Where(u => u.Id == unit).Select(u => u.ShortName).SingleAsync());
        Assert.Equal(5, await db.AdoptionForms.Where(f => f.Id == 1).Select(f => f.Points).SingleAsync());
    }

    [Fact]
    public async Task MovingAUnitRewritesThePathAndLevelOfItsWholeSubtree()
    {
        var street = await t.AddUnitAsync("某街道", "姑苏区总");
        var company = await t.AddUnitAsync("某企业", "某街道");
        var wuzhong = await t.UnitIdAsync("吴中区总");

        await Settings.MoveUnitAsync(admin, street, wuzhong);

        await using var db = await t.Factory.CreateDbContextAsync();
        var wuzhongPath = await db.Units.Where(u => u.Id == wuzhong).Select(u => u.Path).SingleAsync();
        var moved = await db.Units.Where(u => u.Id == street || u.Id == company).OrderBy(u => u.Level).ToListAsync();
        Assert.Equal(($"{wuzhongPath}{street}/", 3, wuzhong), (moved[0].Path, moved[0].Level, moved[0].ParentId));
        Assert.Equal(($"{wuzhongPath}{street}/{company}/", 4), (moved[1].Path, moved[1].Level));
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.SettingsChanged);
    }

    [Fact]
    public async Task AUnitCannotMoveUnderItselfOrItsDescendant()
    {
        var street = await t.AddUnitAsync("某街道", "姑苏区总");
        var company = await t.AddUnitAsync("某企业", "某街道");
        var gusu = await t.UnitIdAsync("姑苏区总");

        Assert.Equal("不能把单位移动到它自己或它的下级单位之下", (await Assert.ThrowsAsync<DomainException>(() => Settings.MoveUnitAsync(admin, gusu, company))).Message);
        await Assert.ThrowsAsync<DomainException>(() => Settings.MoveUnitAsync(admin, street, street));
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(gusu, await db.Units.Where(u => u.Id == street).Select(u => u.ParentId).SingleAsync());
    }

    [Fact]
    public async Task AUnitWithUsersCannotBeDeletedOnlyDeactivated()
    {
        var street = await t.AddUnitAsync("某街道", "姑苏区总");
        await t.CreateUserAsync("街道报送员", "某街道", Roles.Reporter);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Settings.DeleteUnitAsync(admin, street));
        Assert.Equal("该单位已有用户、公文或积分记录，不能删除，只能停用", ex.Message);
        await Settings.SetUnitActiveAsync(admin, street, false);

        var units = await Settings.GetUnitsAsync(admin);
        Assert.False(units.Single(u => u.Id == street).IsActive);
        var empty = await Settings.AddUnitAsync(admin, await t.UnitIdAsync("吴中区总"), new UnitInput("误建单位", "误建", 9));
        await Settings.DeleteUnitAsync(admin, empty);
        Assert.DoesNotContain(await Settings.GetUnitsAsync(admin), u => u.Id == empty);
    }

    [Fact]
    public async Task AnAdminCreatesAUserWithAChineseNameAndChangesItsRole()
    {
        var id = await Settings.CreateUserAsync(admin, new NewUserInput("张三", "张三", await t.UnitIdAsync("昆山市总"), Roles.Reporter, "Abcdefg12"));
        var caller = await t.CallerAsync("张三");
        Assert.True(caller.IsReporter);
        var listed = (await Settings.GetUsersAsync(admin)).Single(u => u.Id == id);
        Assert.Equal(("张三", "昆山市总", Roles.Reporter, true), (listed.DisplayName, listed.UnitName, listed.Role, listed.IsActive));
        Assert.Equal("昆山市总", caller.UnitName);

        await Settings.ChangeRoleAsync(admin, id, Roles.Reviewer);
        caller = await t.CallerAsync("张三");
        Assert.Equal([Roles.Reviewer], caller.Roles);

        var kunshan = await t.UnitIdAsync("昆山市总");
        var duplicate = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.CreateUserAsync(admin, new NewUserInput("张三", "另一个", kunshan, Roles.Reporter, "Abcdefg12")));
        Assert.Contains("已存在", duplicate.Message);
        var weak = await Assert.ThrowsAsync<DomainException>(() =>
            Settings.CreateUserAsync(admin, new NewUserInput("李四", "李四", kunshan, Roles.Reporter, "short")));
        Assert.Contains("密码长度至少为8位", weak.Message);
    }

    [Fact]
    public async Task DisablingAUserRenewsItsSecurityStampAndResetPasswordSetsTheNewOne()
    {
        var user = await t.CreateUserAsync("被停用", "吴江区总", Roles.Reporter);
        await using var scope = t.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stampBefore = (await users.FindByIdAsync(user.UserId))!.SecurityStamp;

        await Settings.SetUserActiveAsync(admin, user.UserId, false);

        await using (var scope2 = t.Services.CreateAsyncScope())
        {
            var fresh = await scope2.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.UserId);
            Assert.False(fresh!.IsActive);
            Assert.NotEqual(stampBefore, fresh.SecurityStamp);
        }
        Assert.Null(await t.Get<CallerService>().FindAsync(user.UserId));
        Assert.Equal("不能停用自己的账号", (await Assert.ThrowsAsync<DomainException>(() => Settings.SetUserActiveAsync(admin, admin.UserId, false))).Message);

        await Settings.ResetPasswordAsync(admin, user.UserId, "Newpass123");
        await using var scope3 = t.Services.CreateAsyncScope();
        var um = scope3.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await um.CheckPasswordAsync((await um.FindByIdAsync(user.UserId))!, "Newpass123"));
    }

    [Fact]
    public async Task PublicationsAndFormsAreValidatedAndAudited()
    {
        var id = await Settings.AddPublicationAsync(admin, new PublicationInput("《新刊》", PublicationLevel.Province, PublicationKind.Periodical, 12, 20));
        await Settings.AddFormAsync(admin, id, new FormInput("正文", 6, 1));
        Assert.Equal("分值不能为负数", (await Assert.ThrowsAsync<DomainException>(() => Settings.AddFormAsync(admin, id, new FormInput("简讯", -1, 2)))).Message);
        Assert.Equal("采用形式“正文”已存在", (await Assert.ThrowsAsync<DomainException>(() => Settings.AddFormAsync(admin, id, new FormInput("正文", 1, 2)))).Message);
        Assert.Equal("期刊名称“苏州工会网”已存在", (await Assert.ThrowsAsync<DomainException>(() =>
            Settings.UpdatePublicationAsync(admin, id, new PublicationInput("苏州工会网", PublicationLevel.City, PublicationKind.Website, 0, 1)))).Message);

        await Settings.UpdatePublicationAsync(admin, id, new PublicationInput("新刊网", PublicationLevel.City, PublicationKind.Website, 12, 3));
        var row = (await Settings.GetPublicationsAsync(admin)).Single(p => p.Id == id);
        Assert.Equal(("新刊网", PublicationLevel.City, PublicationKind.Website, 0), (row.Name, row.Level, row.Kind, row.IssuesPerYear));
        Assert.Equal(("正文", 6), (row.Forms.Single().Name, row.Forms.Single().Points));
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.Settings));
    }
}
