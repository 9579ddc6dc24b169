using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>What a session (a sign-in cookie or an open circuit) may still do, judged from the database.</summary>
public enum SessionState
{
    /// <summary>The user is unknown or disabled, its unit is disabled, or the security stamp changed: signed out.</summary>
    Revoked,
    Valid,
    /// <summary>An admin reset the password: only 修改密码 (and 退出) until the user chooses a new one.</summary>
    MustChangePassword,
}

/// <summary>
/// Builds a <see cref="Caller"/> from the database, so a moved unit, a changed role, a disabled user or unit
/// takes effect at once; and checks sessions against the security stamp.
/// </summary>
public class CallerService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>
    /// The caller for a user id, or null when the user is unknown or disabled, its unit is disabled, or (when
    /// <paramref name="securityStamp"/> is given) the session's stamp is no longer the user's.
    /// </summary>
    public async Task<Caller?> FindAsync(string userId, string? securityStamp = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive && u.Unit!.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, u.Unit!.Path, u.Unit.ShortName, u.SecurityStamp, u.MustChangePassword })
            .FirstOrDefaultAsync(ct);
        if (user is null || (securityStamp is not null && user.SecurityStamp != securityStamp)) return null;
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync(ct);
        return new Caller(user.Id, user.UserName ?? "", user.DisplayName, user.UnitId, user.Path, user.ShortName,
            roles.ToHashSet()) { MustChangePassword = user.MustChangePassword };
    }

    /// <summary>The caller for a user id without a stamp check (service code and tests).</summary>
    public Task<Caller?> FindAsync(string userId, CancellationToken ct) => FindAsync(userId, null, ct);

    /// <summary>
    /// One cheap indexed query per HTTP request and per circuit event: is the session of this user, signed in with
    /// this security stamp, still allowed? A stamp changes on 退出, 修改密码, 重置密码, 停用 (user or unit), role and unit changes.
    /// </summary>
    public async Task<SessionState> CheckSessionAsync(string? userId, string? securityStamp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(securityStamp)) return SessionState.Revoked;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsActive, UnitActive = u.Unit!.IsActive, u.SecurityStamp, u.MustChangePassword })
            .FirstOrDefaultAsync(ct);
        if (user is null || !user.IsActive || !user.UnitActive || user.SecurityStamp != securityStamp) return SessionState.Revoked;
        return user.MustChangePassword ? SessionState.MustChangePassword : SessionState.Valid;
    }

    /// <summary>Whether the unit exists and is active (a disabled unit's users cannot sign in).</summary>
    public async Task<bool> IsUnitActiveAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.AnyAsync(u => u.Id == unitId && u.IsActive, ct);
    }
}
