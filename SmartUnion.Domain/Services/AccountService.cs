using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>The signed-in user's own account: 用户管理 › 修改密码.</summary>
public class AccountService(WriteFrame write)
{
    public const string LockedOutMessage = "原密码错误次数过多，账号已被锁定，请15分钟后再试。";

    /// <summary>
    /// Sets a new password for the caller after checking the current one (原密码, OWASP ASVS 2.1.6); a wrong one counts
    /// towards the lockout. A change renews the security stamp: every other session of the user ends. Returns the
    /// Chinese error messages, empty on success.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(Caller caller, string currentPassword, string newPassword, string confirmPassword)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(currentPassword)) return ["请输入原密码"];
        if (string.IsNullOrEmpty(newPassword)) return ["请输入新密码"];
        if (newPassword != confirmPassword) return ["两次输入的密码不一致"];
        if (newPassword.Length > 100 || currentPassword.Length > 100) return ["密码长度不能超过100位"];

        return await write.RunWithUsersAsync<IReadOnlyList<string>>(caller, async w =>
        {
            var users = w.Users;
            var user = await users.FindByIdAsync(caller.UserId);
            if (user is null || !user.IsActive) throw new NotFoundException("用户不存在或已停用");
            if (await users.IsLockedOutAsync(user)) return [LockedOutMessage];
            if (!await users.CheckPasswordAsync(user, currentPassword))
            {
                await users.AccessFailedAsync(user); // committed: the failure counts towards the lockout
                return await users.IsLockedOutAsync(user) ? [LockedOutMessage] : ["原密码错误"];
            }
            if (newPassword == currentPassword) return ["新密码不能与原密码相同"];

            user.MustChangePassword = false;
            var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!result.Succeeded)
            {
                w.Discard(); // the refused password leaves the account as it was
                return result.Errors.Select(e => e.Description).ToList();
            }
            await users.ResetAccessFailedCountAsync(user);
            return [];
        });
    }
}
