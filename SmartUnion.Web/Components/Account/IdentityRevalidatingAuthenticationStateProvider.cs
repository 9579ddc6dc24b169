using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using SmartUnion.Domain.Security;
using SmartUnion.Web.Services;

namespace SmartUnion.Web.Components.Account;

/// <summary>
/// The signed-in user of an open circuit, re-checked against the database every 10 seconds (and on every circuit event by
/// <see cref="SessionCircuitHandler"/>): a disabled user or unit, or a new security stamp (退出, 修改密码, 重置密码, role
/// or unit change) ends the session, and <see cref="SessionGuard"/> sends the page to the login page.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, CallerService callers)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await CheckAsync(authenticationState.User, cancellationToken) != SessionState.Revoked;

    /// <summary>The state of the circuit's session now; an anonymous circuit has nothing to revoke (Valid).</summary>
    public async Task<SessionState> CheckCurrentAsync(CancellationToken cancellationToken = default)
    {
        var user = (await GetAuthenticationStateAsync()).User;
        return user.Identity?.IsAuthenticated == true ? await CheckAsync(user, cancellationToken) : SessionState.Valid;
    }

    /// <summary>
    /// The page is leaving for a static account page that deals with the session itself (after 修改密码): when the session
    /// then ends, <see cref="SessionGuard"/> does not send the page to the login page in between.
    /// </summary>
    public bool LeavingForAccountPage { get; private set; }

    public void LeaveForAccountPage() => LeavingForAccountPage = true;

    /// <summary>Ends the circuit's session at once: the circuit's user becomes anonymous.</summary>
    public void EndSession() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

    /// <summary>The state of a signed-in user's session (id and security stamp of the principal) in the database now.</summary>
    public Task<SessionState> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        callers.CheckSessionAsync(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(CurrentCaller.SecurityStampClaimType), cancellationToken);
}
