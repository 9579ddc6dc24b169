using SmartUnion.Domain.Security;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Endpoints;

/// <summary>
/// The one way an endpoint (attachment download, Excel exports) gets its caller. <see cref="RequireCaller{TBuilder}"/>
/// builds the <see cref="Caller"/> from the database before the handler runs, the same way as
/// <see cref="CurrentCaller"/> does for pages; the handler reads it with <see cref="Caller(HttpContext)"/>.
/// Nobody signed in, or a user who is no longer found (unknown or disabled, unit disabled, stale security stamp), is
/// answered like an anonymous request: a challenge, i.e. a redirect to the login page. The sign-in cookie's check
/// (<c>SessionCookie</c>) already answers so for a stale cookie; this covers a user disabled after that check.
/// </summary>
public static class EndpointCaller
{
    private static readonly object ItemKey = new();

    /// <summary>The endpoint requires a signed-in user and resolves its caller first.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var callers = http.RequestServices.GetRequiredService<CallerService>();
            var caller = await CurrentCaller.FindAsync(callers, http.User, http.RequestAborted);
            if (caller is null) return Results.Challenge();
            http.Items[ItemKey] = caller;
            return await next(context);
        });

    /// <summary>The caller <see cref="RequireCaller{TBuilder}"/> resolved for this request.</summary>
    public static Caller Caller(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as Caller
            ?? throw new InvalidOperationException("The endpoint was mapped without RequireCaller()");
    }
}
