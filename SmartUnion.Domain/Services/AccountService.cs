using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>The signed-in user's own account: 用户管理 › 修改密码.</summary>
public class AccountService(IServiceScopeFactory scopeFactory)
{
    /// <summary>Sets a new password for the caller; returns the Chinese error messages, empty on success.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(Caller caller, string newPassword, string confirmPassword)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(newPassword)) return ["请输入新密码"];
        if (newPassword != confirmPassword) return ["两次输入的密码不一致"];
        if (newPassword.Length > 100) return ["密码长度不能超过100位"];

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(caller.UserId);
        if (user is null || !user.IsActive) throw new NotFoundException("用户不存在或已停用");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        return result.Succeeded ? [] : result.Errors.Select(e => e.Description).ToList();
    }
}
