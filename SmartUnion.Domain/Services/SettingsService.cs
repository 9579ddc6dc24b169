using Microsoft.EntityFrameworkCore;
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
    WriteFrame write,
    TimeProvider clock)
{
    private static void RequireAdmin(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin) throw new ForbiddenException("只有管理员可以修改系统设置");
    }

    private static ChangeEvent SettingsChanged => new(ChangeKind.SettingsChanged);

    /// <summary>
    /// One settings change: the admin check, then the change (with its validation and audit line) in the
    /// <see cref="WriteFrame"/>, and SettingsChanged after the commit. The change returns false when there is nothing
    /// to do: then nothing is committed or announced.
    /// </summary>
    private async Task ChangeAsync(Caller caller, Func<WriteScope, Task<bool>> change, CancellationToken ct)
    {
        RequireAdmin(caller);
        await write.RunAsync(caller, async w =>
        {
            if (await change(w)) w.Publish(SettingsChanged);
            else w.Discard();
        }, ct);
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
