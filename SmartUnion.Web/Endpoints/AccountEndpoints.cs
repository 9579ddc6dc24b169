using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>POST /Account/Logout (antiforgery-checked form post from the app bar).</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<AppUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();
    }
}
