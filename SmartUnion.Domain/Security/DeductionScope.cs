using System.Linq.Expressions;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// The visibility rules for deductions (扣分), in one place: reviewers and admins see, record, change and delete the
/// deductions of their unit's subtree; reporters read their own unit's deductions.
/// </summary>
public static class DeductionScope
{
    /// <summary>Whether the caller may record, change and delete deductions (of its subtree).</summary>
    public static bool CanManage(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsReviewer || caller.IsAdmin;
    }

    /// <summary>A filter for queries over the deductions the caller sees (the unit navigation must be reachable).</summary>
    public static Expression<Func<Deduction, bool>> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var path = caller.UnitPath;
        var unitId = caller.UnitId;
        if (caller.SeesSubtree) return UnitScope.ForQuery<Deduction>(d => UnitScope.IsInSubtree(d.Unit!.Path, path));
        if (caller.IsReporter) return d => d.UnitId == unitId;
        return d => false;
    }

    /// <summary>A filter for queries over the deductions the caller may change and delete: none unless <see cref="CanManage"/>.</summary>
    public static Expression<Func<Deduction, bool>> Manageable(Caller caller)
    {
        if (!CanManage(caller)) return d => false;
        var path = caller.UnitPath;
        return UnitScope.ForQuery<Deduction>(d => UnitScope.IsInSubtree(d.Unit!.Path, path));
    }

    /// <summary>Whether the caller may record a deduction for, or move one to, the unit with this path.</summary>
    public static bool CanManageUnit(Caller caller, string unitPath) => CanManage(caller) && caller.HasInSubtree(unitPath);
}
