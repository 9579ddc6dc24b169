using System.Linq.Expressions;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// The visibility rules for information items, in one place:
/// a reporter sees its own unit's items in every state; reviewers and admins see the items
/// of their unit's subtree that have been reported (never drafts).
/// </summary>
public static class ItemScope
{
    /// <summary>A filter for queries over items (the unit navigation must be reachable for the path test).</summary>
    public static Expression<Func<InfoItem, bool>> Visible(Caller caller)
    {
        var unitId = caller.UnitId;
        var path = caller.UnitPath;
        if (caller.IsReporter && caller.SeesSubtree)
            return i => i.UnitId == unitId
                || (i.State != ItemState.Draft && i.Unit!.Path.StartsWith(path));
        if (caller.SeesSubtree)
            return i => i.State != ItemState.Draft && i.Unit!.Path.StartsWith(path);
        if (caller.IsReporter)
            return i => i.UnitId == unitId;
        return i => false;
    }

    public static bool CanSee(Caller caller, InfoItem item, string itemUnitPath)
    {
        if (caller.IsReporter && item.UnitId == caller.UnitId) return true;
        return caller.SeesSubtree && item.State != ItemState.Draft
            && itemUnitPath.StartsWith(caller.UnitPath, StringComparison.Ordinal);
    }

    /// <summary>Only reporters of the item's own unit create, edit, delete and report it.</summary>
    public static bool CanChange(Caller caller, InfoItem item) =>
        caller.IsReporter && item.UnitId == caller.UnitId;

    /// <summary>Reviewers adopt and reject reported items of their subtree.</summary>
    public static bool CanReview(Caller caller, InfoItem item, string itemUnitPath) =>
        caller.IsReviewer && item.State != ItemState.Draft
        && itemUnitPath.StartsWith(caller.UnitPath, StringComparison.Ordinal);
}
