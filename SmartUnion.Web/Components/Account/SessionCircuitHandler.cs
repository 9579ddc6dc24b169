using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Components.Account;

/// <summary>
/// Checks the session before every inbound event of a circuit (clicks, input, navigation, JS interop): when it was revoked
/// (disabled user or unit, new security stamp) the event is dropped, so no handler and no service runs for it, and the
/// session ends (<see cref="SessionGuard"/> then opens the login page). One indexed query per event.
/// </summary>
internal sealed class SessionCircuitHandler(AuthenticationStateProvider authState) : CircuitHandler
{
    /// <summary>Set once the circuit had a signed-in user: a circuit never signs in, so anonymous later means ended.</summary>
    private volatile bool hadUser;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authState is IdentityRevalidatingAuthenticationStateProvider provider)
            {
                var user = (await provider.GetAuthenticationStateAsync()).User;
                if (user.Identity?.IsAuthenticated == true)
                {
                    hadUser = true;
                    if (await provider.CheckAsync(user) == SessionState.Revoked)
                    {
                        provider.EndSession();
                        return;
                    }
                }
                // The session ended (here or by the 10-second revalidation): the page is on its way to the login page, and
                // nothing it sends any more may reach a handler (components may still hold the old Caller).
                else if (hadUser) return;
            }
            await next(context);
        };
}
