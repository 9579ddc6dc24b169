using System.Linq.Expressions;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// The visibility rules for information items, in one place:
/// a reporter sees its own unit's items in every state, and the joint items (合报) that name its unit as a co-reporter,
/// as its own but read-only; reviewers and admins see the items of their unit's subtree that have been reported (never
/// drafts): a joint item is in a reviewer's scope when its lead unit is (the co-reporters do not widen it).
/// </summary>
public static class ItemScope
{
    /// <summary>A filter for queries over items (the unit navigation must be reachable for the path test).</summary>
    public static Expression<Func<InfoItem, bool>> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var unitId = caller.UnitId;
        var path = caller.UnitPath;
        if (caller.IsReporter && caller.SeesSubtree)
            return UnitScope.ForQuery<InfoItem>(i => i.UnitId == unitId || i.Shares.Any(s => s.UnitId == unitId)
                || (i.State != ItemState.Draft && UnitScope.IsInSubtree(i.Unit!.Path, path)));
        if (caller.SeesSubtree)
            return UnitScope.ForQuery<InfoItem>(i => i.State != ItemState.Draft && UnitScope.IsInSubtree(i.Unit!.Path, path));
        if (caller.IsReporter)
            return i => i.UnitId == unitId || i.Shares.Any(s => s.UnitId == unitId);
        return i => false;
    }

    /// <summary>
    /// The same rule as <see cref="Visible(Caller)"/> with the subtree given as a unit-id subquery
    /// (<see cref="UnitScope.IsAmong"/>) instead of a join on each item's unit: SQLite can then drive an (UnitId, …)
    /// index from the small list of units. <paramref name="subtreeUnitIds"/> must be the ids of the units under the
    /// caller's unit path (or of a narrower subtree inside it when the caller's query is limited to that subtree anyway).
    /// </summary>
    /// <param name="broad">The subtree is the whole tree (see <see cref="UnitScope.ForQuery{T}"/>'s planner hint).</param>
    public static Expression<Func<InfoItem, bool>> Visible(Caller caller, IQueryable<int> subtreeUnitIds, bool broad = false)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var unitId = caller.UnitId;
        if (caller.IsReporter && caller.SeesSubtree)
            return UnitScope.ForQuery<InfoItem>(i => i.UnitId == unitId || i.Shares.Any(s => s.UnitId == unitId)
                || (i.State != ItemState.Draft && UnitScope.IsAmong(i.UnitId, subtreeUnitIds)), broad);
        if (caller.SeesSubtree)
            return UnitScope.ForQuery<InfoItem>(i => i.State != ItemState.Draft && UnitScope.IsAmong(i.UnitId, subtreeUnitIds), broad);
        if (caller.IsReporter)
            return i => i.UnitId == unitId || i.Shares.Any(s => s.UnitId == unitId);
        return i => false;
    }

    /// <summary>The in-memory form of <see cref="Visible(Caller)"/>, for an item already loaded with its unit's path (and its <see cref="InfoItem.Shares"/>).</summary>
    public static bool CanSee(Caller caller, InfoItem item, string itemUnitPath)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(item);
        if (caller.IsReporter && item.UnitId == caller.UnitId) return true;
        if (IsCoReporter(caller, item)) return true;
        return caller.SeesSubtree && item.State != ItemState.Draft && caller.HasInSubtree(itemUnitPath);
    }

    /// <summary>A reporter of a co-reporting unit of the joint item (loaded with its shares): sees it, never changes it.</summary>
    public static bool IsCoReporter(Caller caller, InfoItem item)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(item);
        return caller.IsReporter && item.UnitId != caller.UnitId && item.Shares.Any(s => s.UnitId == caller.UnitId);
    }

    /// <summary>Only reporters of the item's own (lead) unit create, edit, delete, report and withdraw it; co-reporters read it.</summary>
    public static bool CanChange(Caller caller, InfoItem item) =>
        caller.IsReporter && item.UnitId == caller.UnitId;

    /// <summary>Reviewers adopt and reject reported items of their subtree.</summary>
    public static bool CanReview(Caller caller, InfoItem item, string itemUnitPath) =>
        caller.IsReviewer && item.State != ItemState.Draft && caller.HasInSubtree(itemUnitPath);
}
