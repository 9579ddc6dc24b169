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

    /// <summary>
    /// The caller of a signed-in principal (pages and endpoints alike): null when nobody is signed in, the user is
    /// unknown or disabled, its unit is disabled, or the principal's security stamp is no longer the user's.
    /// </summary>
    public static async Task<Caller?> FindAsync(CallerService callers, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(callers);
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        // Every principal of a sign-in cookie carries the stamp (the cookie check refuses one without); a test's hand-made
        // principal may not, and is then checked for an active user and unit only.
        return await callers.FindAsync(userId, user.FindFirstValue(SecurityStampClaimType), ct);
    }

    private async Task<Caller> FindAsync()
    {
        var user = (await authState.GetAuthenticationStateAsync()).User;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is null) throw new ForbiddenException("请先登录");
        var caller = await FindAsync(callers, user);
        if (caller is null)
        {
            (authState as IdentityRevalidatingAuthenticationStateProvider)?.EndSession();
            throw new ForbiddenException("登录已失效，请重新登录");
        }
        return caller;
    }
}
