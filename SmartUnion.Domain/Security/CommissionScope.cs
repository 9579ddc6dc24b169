using System.Linq.Expressions;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// The visibility rules for 约稿, in one place: reviewers (and admins, read-only) see the 约稿 created in their subtree
/// (its owning unit lies in it, and so do all its targets); reporters see the 约稿 that target their own unit.
/// Only reviewers create, edit, 催报 and close them, and only for units of their subtree.
/// </summary>
public static class CommissionScope
{
    /// <summary>Whether the caller may create 约稿 (and manage those it sees).</summary>
    public static bool CanManage(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsReviewer;
    }

    /// <summary>A filter for queries over the 约稿 the caller sees (the unit navigation must be reachable).</summary>
    public static Expression<Func<Commission, bool>> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var path = caller.UnitPath;
        var unitId = caller.UnitId;
        if (caller.SeesSubtree && caller.IsReporter)
            return UnitScope.ForQuery<Commission>(c => UnitScope.IsInSubtree(c.Unit!.Path, path) || c.Targets.Any(t => t.UnitId == unitId));
        if (caller.SeesSubtree) return UnitScope.ForQuery<Commission>(c => UnitScope.IsInSubtree(c.Unit!.Path, path));
        if (caller.IsReporter) return c => c.Targets.Any(t => t.UnitId == unitId);
        return c => false;
    }

    /// <summary>The 约稿 the caller may edit, 催报 and close: reviewers, those created in their subtree.</summary>
    public static Expression<Func<Commission, bool>> Manageable(Caller caller)
    {
        if (!CanManage(caller)) return c => false;
        var path = caller.UnitPath;
        return UnitScope.ForQuery<Commission>(c => UnitScope.IsInSubtree(c.Unit!.Path, path));
    }

    /// <summary>Whether a reviewer may ask this unit for items: a unit strictly below its own.</summary>
    public static bool CanTarget(Caller caller, int unitId, string unitPath) =>
        CanManage(caller) && unitId != caller.UnitId && caller.HasInSubtree(unitPath);
}
