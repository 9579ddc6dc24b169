using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>The 首页's 约稿 panels (issue 16): a reporter's open 约稿 with the time left, a reviewer's 逾期单位.</summary>
public partial class WorkbenchService
{
    /// <summary>The open 约稿 targeting the reporter's unit, soonest deadline first (at most <see cref="ListSize"/>).</summary>
    public async Task<IReadOnlyList<CommissionOption>> GetOpenCommissionsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.RequireRole(Roles.Reporter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CommissionService.OpenForUnit(db, caller.UnitId).Take(ListSize).ToListAsync(ct);
    }

    /// <summary>逾期单位: targets of the open 约稿 the reviewer sees, past their deadline without an answer, most overdue first.</summary>
    public async Task<IReadOnlyList<LateUnit>> GetLateUnitsAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SeesSubtree) throw new ForbiddenException();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CommissionService.LateUnits(db, caller, clock.GetUtcNow().UtcDateTime).Take(ListSize * 5).ToListAsync(ct);
    }
}
