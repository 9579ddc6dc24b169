using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Web.Components.Account;

namespace SmartUnion.Web.Services;

/// <summary>
/// The signed-in user as a <see cref="Caller"/> for the domain services, read from the database on every call (never
/// cached for the life of a circuit), so a disabled user or unit, a changed role or password takes effect at once.
/// A session found revoked is ended: the open circuit goes to the login page.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authState, CallerService callers)
{
    /// <summary>The claim Identity puts the security stamp in (the default of <see cref="ClaimsIdentityOptions"/>; the app keeps it).</summary>
    public static readonly string SecurityStampClaimType = new ClaimsIdentityOptions().SecurityStampClaimType;

    /// <summary>
    /// The caller; throws <see cref="ForbiddenException"/> when nobody is signed in, the session was revoked (disabled user
    /// or unit, new security stamp), or the user must first choose a new password.
    /// </summary>
    public async Task<Caller> GetAsync()
    {
        var caller = await FindAsync();
        return caller.MustChangePassword ? throw new ForbiddenException("管理员已重置您的密码，请先修改密码") : caller;
    }

    /// <summary>The caller for 修改密码 only: also a user who must change the password.</summary>
    public Task<Caller> GetForPasswordChangeAsync() => FindAsync();

    private async Task<Caller> FindAsync()
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) throw new ForbiddenException("请先登录");
        // Every principal of a sign-in cookie carries the stamp (the cookie check refuses one without); a test's hand-made
        // principal may not, and is then checked for an active user and unit only.
        var caller = await callers.FindAsync(userId, user.FindFirstValue(SecurityStampClaimType));
        if (caller is null)
        {
            (authState as IdentityRevalidatingAuthenticationStateProvider)?.EndSession();
            throw new ForbiddenException("登录已失效，请重新登录");
        }
        return caller;
    }
}
