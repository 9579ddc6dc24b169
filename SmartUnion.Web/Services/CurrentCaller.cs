using Microsoft.AspNetCore.Components.Authorization;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Services;

/// <summary>
/// The signed-in user as a <see cref="Caller"/> for the domain services, loaded once per circuit
/// (or request) from the database so roles and unit come from the source of truth.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authState, CallerService callers)
{
    private Caller? caller;

    /// <summary>The caller; throws <see cref="ForbiddenException"/> when nobody (or a disabled user) is signed in.</summary>
    public async Task<Caller> GetAsync()
    {
        if (caller is not null) return caller;
        var state = await authState.GetAuthenticationStateAsync();
        var userId = state.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        caller = userId is null ? null : await callers.FindAsync(userId);
        return caller ?? throw new ForbiddenException("请先登录");
    }
}
