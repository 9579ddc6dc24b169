using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>
/// 系统设置, for admins only: units (SettingsService.Units.cs), users (SettingsService.Users.cs),
/// publications, adoption forms, points and the recalculation of points (SettingsService.Publications.cs).
/// Every method refuses a non-admin first, whatever page it is called from.
/// </summary>
public partial class SettingsService(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    IChangeNotifier notifier,
    TimeProvider clock)
{
    private static void RequireAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin) throw new ForbiddenException("只有管理员可以修改系统设置");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void PublishSettingsChanged() => notifier.Publish(new ChangeEvent(ChangeKind.SettingsChanged));

    /// <summary>
    /// One settings change: the admin check, then the change (with its validation and audit line) in a write
    /// transaction (SQLite: BEGIN IMMEDIATE), commit, and SettingsChanged after the commit. The change returns
    /// false when there is nothing to do: then nothing is committed or announced.
    /// </summary>
    private async Task ChangeAsync(Caller caller, Func<AppDbContext, Task<bool>> change, CancellationToken ct)
    {
        RequireAdmin(caller);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await change(db)) return;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        PublishSettingsChanged();
    }

    private static string Required(string? value, string label, int maxLength)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException($"请填写{label}");
        if (trimmed.Length > maxLength) throw new DomainException($"{label}不能超过{maxLength}个字");
        TextRules.EnsureSafe(trimmed, label);
        return trimmed;
    }
}
