using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Components.Account;

/// <summary>
/// Keeps the current browser signed in after 修改密码 while every other session ends. The change renews the security
/// stamp, so the browser's own cookie dies too; the 修改密码 circuit (which cannot set cookies) hands the browser a ticket
/// and sends it to the static page /Account/PasswordChanged, which signs it in again. A ticket is protected, lives two
/// minutes, names the user and the stamp the change produced, is redeemed only by a browser whose (stale) cookie names
/// the same user, and only once (redeeming renews the stamp again).
/// </summary>
public sealed class PasswordChangeTickets(
    IDataProtectionProvider protection,
    IServiceScopeFactory scopeFactory,
    IOptionsMonitor<CookieAuthenticationOptions> cookieOptions)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("SmartUnion.PasswordChanged.v1").ToTimeLimitedDataProtector();

    /// <summary>A ticket for the user's current security stamp (call right after the change).</summary>
    public async Task<string> IssueAsync(string userId)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("用户不存在");
        return protector.Protect($"{userId}\n{await users.GetSecurityStampAsync(user)}", Lifetime);
    }

    /// <summary>Signs the browser of the request in again when the ticket is good; false otherwise.</summary>
    public async Task<bool> RedeemAsync(HttpContext http, string? ticket)
    {
        if (string.IsNullOrEmpty(ticket)) return false;
        string payload;
        try { payload = protector.Unprotect(ticket); }
        catch (CryptographicException) { return false; }
        var parts = payload.Split('\n');
        if (parts.Length != 2) return false;
        var (userId, stamp) = (parts[0], parts[1]);

        // The same browser: its sign-in cookie (refused for the request, its stamp is old) still names the user.
        var options = cookieOptions.Get(IdentityConstants.ApplicationScheme);
        var raw = options.CookieManager.GetRequestCookie(http, options.Cookie.Name!);
        var old = raw is null ? null : options.TicketDataFormat.Unprotect(raw);
        if (old?.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) != userId) return false;

        var services = http.RequestServices;
        if (await services.GetRequiredService<CallerService>().CheckSessionAsync(userId, stamp) != SessionState.Valid) return false;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user) return false;
        await users.UpdateSecurityStampAsync(user); // single use
        await services.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user, old.Properties.IsPersistent);
        return true;
    }
}
