using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Web.Endpoints;

public static class AccountEndpoints
{
    public const string BadTokenMessage = "请求无效：页面已过期或缺少安全令牌，请刷新页面后重试。";

    /// <summary>
    /// POST /Account/Logout (form post from the app bar with the antiforgery token). 退出 renews the user's security stamp,
    /// so the old sign-in cookie is worthless everywhere (every request checks it) and every open circuit of the user ends.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (HttpContext http, [FromServices] IAntiforgery antiforgery,
            [FromServices] SignInManager<AppUser> signInManager) =>
        {
            // A minimal API without form-bound parameters is not checked by UseAntiforgery: check explicitly, so a
            // cross-site or scripted POST (no token, text/plain) cannot sign anyone out.
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Text(BadTokenMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            if (http.User.Identity?.IsAuthenticated == true
                && await signInManager.UserManager.GetUserAsync(http.User) is { } user)
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login");
        }).AllowAnonymous().DisableAntiforgery();
    }
}
