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

    /// <summary>
    /// The same rule as <see cref="Visible(Caller)"/> with the subtree given as a unit-id subquery
    /// (<c>UnitId IN (SELECT Id FROM Units WHERE Path LIKE …)</c>) instead of a join on each item's unit:
    /// SQLite can then drive an (UnitId, …) index from the small list of units. <paramref name="subtreeUnitIds"/>
    /// must be the ids of the units under the caller's unit path (or of a narrower subtree inside it when the
    /// caller's query is limited to that subtree anyway).
    /// </summary>
    /// <param name="broad">
    /// The subtree is the whole tree (a top-level unit): the unit test then matches nearly every item, and is
    /// written as <c>UnitId + 0</c> so that SQLite does not drive an index from it (hundreds of per-unit
    /// ranges, then a sort of them all) but reads the 上报日期 index in order and stops after the page.
    /// </param>
    public static Expression<Func<InfoItem, bool>> Visible(Caller caller, IQueryable<int> subtreeUnitIds, bool broad = false)
    {
        var unitId = caller.UnitId;
        if (caller.IsReporter && caller.SeesSubtree)
            return broad
                ? i => i.UnitId == unitId || (i.State != ItemState.Draft && subtreeUnitIds.Contains(i.UnitId + 0))
                : i => i.UnitId == unitId || (i.State != ItemState.Draft && subtreeUnitIds.Contains(i.UnitId));
        if (caller.SeesSubtree)
            return broad
                ? i => i.State != ItemState.Draft && subtreeUnitIds.Contains(i.UnitId + 0)
                : i => i.State != ItemState.Draft && subtreeUnitIds.Contains(i.UnitId);
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
