using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>Builds a <see cref="Caller"/> from the database, so a moved unit or a changed role takes effect at once.</summary>
public class CallerService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The caller for a user id, or null when the user is unknown or disabled.</summary>
    public async Task<Caller?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.UnitId, u.Unit!.Path, u.Unit.ShortName })
            .FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync(ct);
        return new Caller(user.Id, user.UserName ?? "", user.DisplayName, user.UnitId, user.Path, user.ShortName,
            roles.ToHashSet());
    }
}
