using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SmartUnion.Domain.Security;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Account;

/// <summary>
/// The sign-in cookie is checked against the database on every request (instead of Identity's SecurityStampValidator,
/// which checks only every few minutes and then rebuilds the principal and re-issues the cookie): one indexed query for
/// the user's security stamp, the user's and the unit's 停用 flag. A stale cookie is refused and deleted at once.
/// </summary>
public static class SessionCookie
{
    public const string ChangePasswordPath = "/account/password";
    private const string MustChangePasswordItem = "SmartUnion.MustChangePassword";

    /// <summary>The cookie handler's OnValidatePrincipal.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var callers = http.RequestServices.GetRequiredService<CallerService>();
        var state = await callers.CheckSessionAsync(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier),
            context.Principal?.FindFirstValue(CurrentCaller.SecurityStampClaimType), http.RequestAborted);
        if (state == SessionState.Revoked)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (state == SessionState.MustChangePassword) http.Items[MustChangePasswordItem] = true;
    }

    /// <summary>
    /// After an admin's 重置密码 the user may only reach 修改密码, the account pages (退出) and anonymous endpoints (static
    /// files) until a new password is chosen: pages redirect there, other requests get 403.
    /// </summary>
    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Items.ContainsKey(MustChangePasswordItem) && !MayPassBeforePasswordChange(http))
        {
            if (HttpMethods.IsGet(http.Request.Method)) http.Response.Redirect(ChangePasswordPath);
            else http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await next(http);
    });

    private static bool MayPassBeforePasswordChange(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/Account") // also /account/password (segments compare ignoring case)
        || http.Request.Path.StartsWithSegments("/_blazor")
        || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
}
