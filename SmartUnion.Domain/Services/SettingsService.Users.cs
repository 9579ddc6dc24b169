using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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

        return await write.RunWithUsersAsync(caller, async w =>
        {
            var user = new AppUser { UserName = userName, DisplayName = displayName, UnitId = unitId, EmailConfirmed = true };
            ThrowOnError(await w.Users.CreateAsync(user, input.Password));
            ThrowOnError(await w.Users.AddToRoleAsync(user, role)); // a refusal rolls the new account back
            Audit(w, user.Id, $"新增用户 {userName}（{displayName}），角色 {role}");
            w.Publish(SettingsChanged);
            return user.Id;
        }, ct);
    }

    /// <summary>Changes display name and unit of an account.</summary>
    public async Task UpdateUserAsync(Caller caller, string userId, string? displayName, int unitId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var name = Required(displayName, "姓名", DisplayNameMaxLength);
        await EnsureActiveUnitAsync(unitId, ct);
        await write.RunWithUsersAsync(caller, async w =>
        {
            var user = await w.Users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
            var unitChanged = user.UnitId != unitId;
            user.DisplayName = name;
            user.UnitId = unitId;
            ThrowOnError(await w.Users.UpdateAsync(user));
            // A new unit changes what the user may see: end the old sessions' view at once.
            if (unitChanged) ThrowOnError(await w.Users.UpdateSecurityStampAsync(user));
            Audit(w, userId, $"修改用户 {user.UserName}：姓名 {name}，单位 {unitId}");
            w.Publish(SettingsChanged);
        }, ct);
    }

    /// <summary>停用/启用 an account; a disabled account cannot sign in and its sessions end.</summary>
    public async Task SetUserActiveAsync(Caller caller, string userId, bool active, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (!active && userId == caller.UserId) throw new DomainException("不能停用自己的账号");
        await write.RunWithUsersAsync(caller, async w =>
        {
            var user = await w.Users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
            if (user.IsActive == active)
            {
                w.Discard();
                return;
            }
            user.IsActive = active;
            ThrowOnError(await w.Users.UpdateAsync(user));
            ThrowOnError(await w.Users.UpdateSecurityStampAsync(user));
            Audit(w, userId, $"{(active ? "启用" : "停用")}用户 {user.UserName}");
            w.Publish(SettingsChanged);
        }, ct);
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
        await write.RunWithUsersAsync(caller, async w =>
        {
            var user = await w.Users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
            var token = await w.Users.GeneratePasswordResetTokenAsync(user);
            user.MustChangePassword = true;
            // ResetPasswordAsync also renews the security stamp: every open session of the user ends.
            ThrowOnError(await w.Users.ResetPasswordAsync(user, token, newPassword));
            await w.Users.SetLockoutEndDateAsync(user, null);
            await w.Users.ResetAccessFailedCountAsync(user);
            Audit(w, userId, $"重置用户 {user.UserName} 的密码");
        }, ct);
    }

    /// <summary>Gives an account exactly one role.</summary>
    public async Task ChangeRoleAsync(Caller caller, string userId, string? role, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var newRole = ValidRole(role);
        if (userId == caller.UserId && newRole != Roles.Admin) throw new DomainException("不能取消自己的管理员角色");
        await write.RunWithUsersAsync(caller, async w =>
        {
            var user = await w.Users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
            var current = await w.Users.GetRolesAsync(user);
            if (current.Count == 1 && current[0] == newRole)
            {
                w.Discard();
                return;
            }
            if (current.Count > 0) ThrowOnError(await w.Users.RemoveFromRolesAsync(user, current));
            ThrowOnError(await w.Users.AddToRoleAsync(user, newRole));
            ThrowOnError(await w.Users.UpdateSecurityStampAsync(user));
            Audit(w, userId, $"用户 {user.UserName} 的角色由 {string.Join("、", current)} 改为 {newRole}");
            w.Publish(SettingsChanged);
        }, ct);
    }

    /// <summary>解锁: ends a lockout (too many wrong passwords) at once and clears the failure count; nothing to do if not locked.</summary>
    public async Task UnlockUserAsync(Caller caller, string userId, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await write.RunWithUsersAsync(caller, async w =>
        {
            var user = await w.Users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
            if (user.LockoutEnd is null && user.AccessFailedCount == 0)
            {
                w.Discard();
                return;
            }
            var wasLocked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
            ThrowOnError(await w.Users.SetLockoutEndDateAsync(user, null));
            ThrowOnError(await w.Users.ResetAccessFailedCountAsync(user));
            if (!wasLocked) return; // only the failure count was cleared: nothing worth a line or an event
            Audit(w, userId, $"解锁用户 {user.UserName}");
            w.Publish(SettingsChanged);
        }, ct);
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

    private static void Audit(WriteScope w, string userId, string details) =>
        w.Audit(AuditActions.Settings, AuditEntityTypes.User, userId, details);

    private static void ThrowOnError(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join("；", result.Errors.Select(e => e.Description)));
    }
}
