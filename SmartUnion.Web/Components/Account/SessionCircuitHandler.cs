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
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authState is IdentityRevalidatingAuthenticationStateProvider provider
                && await provider.CheckCurrentAsync() == SessionState.Revoked)
            {
                provider.EndSession();
                return;
            }
            await next(context);
        };
}
