using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>A user account as the 用户账号 page lists it.</summary>
public sealed record UserRow(
    string Id, string UserName, string DisplayName, int UnitId, string UnitName, string Role, bool IsActive, bool IsLockedOut);

/// <summary>What the new-user form submits.</summary>
public sealed record NewUserInput(string? UserName, string? DisplayName, int? UnitId, string? Role, string? Password);

public partial class SettingsService
{
    public const int UserNameMaxLength = 50;
    public const int DisplayNameMaxLength = 50;

    /// <summary>Every account with its unit and role, by unit then user name.</summary>
    public async Task<IReadOnlyList<UserRow>> GetUsersAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Unit!.Path).ThenBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.UnitId, UnitName = u.Unit!.ShortName, u.IsActive, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync(ct);
        return users.Select(u => new UserRow(u.Id, u.UserName ?? "", u.DisplayName, u.UnitId, u.UnitName,
                string.Join("、", u.Roles), u.IsActive, u.LockoutEnd is { } end && end > now))
            .ToList();
    }

    /// <summary>Creates an account (Chinese user names allowed) in a unit with one role; returns its id.</summary>
    public async Task<string> CreateUserAsync(Caller caller, NewUserInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var userName = Required(input.UserName, "用户名", UserNameMaxLength);
        var displayName = Required(input.DisplayName, "姓名", DisplayNameMaxLength);
        var role = ValidRole(input.Role);
        if (string.IsNullOrEmpty(input.Password)) throw new DomainException("请填写初始密码");
        if (input.UnitId is not { } unitId) throw new DomainException("请选择所属单位");
        await EnsureActiveUnitAsync(unitId, ct);

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, EmailConfirmed = true, CreatedAt = Now };
        ThrowOnError(await users.CreateAsync(user, input.Password));
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            ThrowOnError(added);
        }
        await AuditAsync(caller, nameof(AppUser), user.Id, $"新增用户 {userName}（{displayName}），角色 {role}", ct);
        PublishSettingsChanged();
        return user.Id;
    }

    /// <summary>Changes display name and unit of an account.</summary>
    public async Task UpdateUserAsync(Caller caller, string userId, string? displayName, int unitId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var name = Required(displayName, "姓名", DisplayNameMaxLength);
        await EnsureActiveUnitAsync(unitId, ct);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        var unitChanged = user.UnitId != unitId;
        user.DisplayName = name;
        user.UnitId = unitId;
        ThrowOnError(await users.UpdateAsync(user));
        // A new unit changes what the user may see: end the old sessions' view at once.
        if (unitChanged) ThrowOnError(await users.UpdateSecurityStampAsync(user));
        await AuditAsync(caller, nameof(AppUser), userId, $"修改用户 {user.UserName}：姓名 {name}，单位 {unitId}", ct);
        PublishSettingsChanged();
    }

    /// <summary>停用/启用 an account; a disabled account cannot sign in and its sessions end.</summary>
    public async Task SetUserActiveAsync(Caller caller, string userId, bool active, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (!active && userId == caller.UserId) throw new DomainException("不能停用自己的账号");
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        if (user.IsActive == active) return;
        user.IsActive = active;
        ThrowOnError(await users.UpdateAsync(user));
        ThrowOnError(await users.UpdateSecurityStampAsync(user));
        await AuditAsync(caller, nameof(AppUser), userId, $"{(active ? "启用" : "停用")}用户 {user.UserName}", ct);
        PublishSettingsChanged();
    }

    /// <summary>
    /// 重置密码: sets a new password chosen by the admin and unlocks the account. The user's sessions end (new security
    /// stamp) and the next sign-in must choose a new password (<see cref="AppUser.MustChangePassword"/>).
    /// </summary>
    public async Task ResetPasswordAsync(Caller caller, string userId, string? newPassword, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (string.IsNullOrEmpty(newPassword)) throw new DomainException("请填写新密码");
        if (newPassword.Length > 100) throw new DomainException("密码长度不能超过100位");
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        // ResetPasswordAsync also renews the security stamp: every open session of the user ends.
        ThrowOnError(await users.ResetPasswordAsync(user, token, newPassword));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(caller, nameof(AppUser), userId, $"重置用户 {user.UserName} 的密码", ct);
    }

    /// <summary>Gives an account exactly one role.</summary>
    public async Task ChangeRoleAsync(Caller caller, string userId, string? role, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var newRole = ValidRole(role);
        if (userId == caller.UserId && newRole != Roles.Admin) throw new DomainException("不能取消自己的管理员角色");
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == newRole) return;
        if (current.Count > 0) ThrowOnError(await users.RemoveFromRolesAsync(user, current));
        ThrowOnError(await users.AddToRoleAsync(user, newRole));
        ThrowOnError(await users.UpdateSecurityStampAsync(user));
        await AuditAsync(caller, nameof(AppUser), userId, $"用户 {user.UserName} 的角色由 {string.Join("、", current)} 改为 {newRole}", ct);
        PublishSettingsChanged();
    }

    /// <summary>解锁: ends a lockout (too many wrong passwords) at once and clears the failure count; nothing to do if not locked.</summary>
    public async Task UnlockUserAsync(Caller caller, string userId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        if (user.LockoutEnd is null && user.AccessFailedCount == 0) return;
        var wasLocked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        ThrowOnError(await users.SetLockoutEndDateAsync(user, null));
        ThrowOnError(await users.ResetAccessFailedCountAsync(user));
        if (!wasLocked) return;
        await AuditAsync(caller, nameof(AppUser), userId, $"解锁用户 {user.UserName}", ct);
        PublishSettingsChanged();
    }


    private static string ValidRole(string? role) =>
        role is not null && Roles.All.Contains(role) ? role : throw new DomainException("请选择角色");

    private async Task EnsureActiveUnitAsync(int unitId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Units.Where(u => u.Id == unitId).Select(u => (bool?)u.IsActive).FirstOrDefaultAsync(ct);
        if (active is null) throw new NotFoundException("单位不存在");
        if (active == false) throw new DomainException("该单位已停用");
    }

    private async Task AuditAsync(Caller caller, string entityType, object entityId, string details, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Add(db, caller, Now, AuditActions.Settings, entityType, entityId, details);
        await db.SaveChangesAsync(ct);
    }

    private static void ThrowOnError(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
