using System.Linq.Expressions;
using System.Reflection;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// The unit tree's subtree rule and which units a caller sees, in one place (the item, deduction and report scopes are
/// built on it). A unit's <see cref="Unit.Path"/> is the ids from the root down to the unit, each followed by '/'
/// ("/1/4/"); the subtree of a unit is every unit whose path starts with that unit's path, the unit itself included.
/// The closing '/' keeps "/1/22/" out of the subtree of "/1/2/".
/// </summary>
public static class UnitScope
{
    /// <summary>Whether the unit with path <paramref name="unitPath"/> lies in the subtree of <paramref name="ancestorPath"/> (itself included).</summary>
    public static bool IsInSubtree(string unitPath, string ancestorPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        return unitPath.StartsWith(ancestorPath, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="unitId"/> is one of <paramref name="unitIds"/> (a subquery such as <see cref="SubtreeIds"/>):
    /// the subtree written as <c>UnitId IN (SELECT Id FROM Units WHERE Path LIKE …)</c> rather than a join on each row's
    /// unit, so that SQLite can drive an (UnitId, …) index from the small list of units. Meant for rules passed to
    /// <see cref="ForQuery{T}"/>.
    /// </summary>
    public static bool IsAmong(int unitId, IQueryable<int> unitIds) => unitIds.Contains(unitId);

    /// <summary>"/1/": a unit at the top of the tree, whose subtree is (nearly) every unit.</summary>
    public static bool IsTopLevel(string unitPath) => unitPath.Count(c => c == '/') == 2;

    /// <summary>The units of the subtree of <paramref name="ancestorPath"/> (itself included).</summary>
    public static IQueryable<Unit> Subtree(this IQueryable<Unit> units, string ancestorPath) =>
        units.Where(ForQuery<Unit>(u => IsInSubtree(u.Path, ancestorPath)));

    /// <summary>The ids of the units of the subtree of <paramref name="ancestorPath"/>, as a subquery.</summary>
    public static IQueryable<int> SubtreeIds(this IQueryable<Unit> units, string ancestorPath) =>
        units.Subtree(ancestorPath).Select(u => u.Id);

    /// <summary>
    /// The ids of the units whose subtree holds the unit of <paramref name="unitPath"/> (its ancestors and itself, read from
    /// the path): the units whose reviewers see it (the 待审核 notification's recipients).
    /// </summary>
    public static IReadOnlyList<int> UnitsWhoseSubtreeHolds(string unitPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        return unitPath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Whether the unit lies in the caller's subtree (whatever the caller's roles: check those first).</summary>
    public static bool HasInSubtree(this Caller caller, string unitPath)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return IsInSubtree(unitPath, caller.UnitPath);
    }

    /// <summary>Whether the caller sees the unit: its own unit; for reviewers and admins every unit of their subtree.</summary>
    public static bool SeesUnit(this Caller caller, int unitId, string unitPath)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return unitId == caller.UnitId || (caller.SeesSubtree && caller.HasInSubtree(unitPath));
    }

    /// <summary>The units the caller sees (<see cref="SeesUnit"/>), inactive ones included.</summary>
    public static IQueryable<Unit> VisibleTo(this IQueryable<Unit> units, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var unitId = caller.UnitId;
        return caller.SeesSubtree ? units.Subtree(caller.UnitPath) : units.Where(u => u.Id == unitId);
    }

    /// <summary>The units a 月度报表 of the caller covers: the units the caller sees.</summary>
    public static IQueryable<int> ReportUnitIds(this IQueryable<Unit> units, Caller caller) =>
        units.VisibleTo(caller).Select(u => u.Id);

    /// <summary>
    /// A rule written with <see cref="IsInSubtree"/> and <see cref="IsAmong"/> as a query filter EF Core translates:
    /// <see cref="IsInSubtree"/> becomes <c>Path LIKE 'ancestor%'</c> (the same SQL as <c>Path.StartsWith(ancestor)</c>),
    /// <see cref="IsAmong"/> becomes <c>UnitId IN (subquery)</c>.
    /// </summary>
    /// <param name="rule">The rule; its paths and ids stay parameters of the SQL.</param>
    /// <param name="broadSubtree">
    /// The subtree behind <see cref="IsAmong"/> is (nearly) the whole tree (<see cref="IsTopLevel"/>): the unit test then
    /// matches nearly every row, and is written as <c>UnitId + 0</c> so that SQLite does not drive an index from it
    /// (hundreds of per-unit ranges, then a sort of them all) but reads an index in the list's order and stops after
    /// the page. A planner hint only: the rows matched are the same.
    /// </param>
    public static Expression<Func<T, bool>> ForQuery<T>(Expression<Func<T, bool>> rule, bool broadSubtree = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (Expression<Func<T, bool>>)new Translator(broadSubtree).Visit(rule);
    }

    private sealed class Translator(bool broadSubtree) : ExpressionVisitor
    {
        private static readonly MethodInfo IsInSubtreeMethod = typeof(UnitScope).GetMethod(nameof(IsInSubtree))!;
        private static readonly MethodInfo IsAmongMethod = typeof(UnitScope).GetMethod(nameof(IsAmong))!;
        private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        private static readonly MethodInfo Contains = typeof(Queryable).GetMethods()
            .Single(m => m.Name == nameof(Queryable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(int));

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method == IsInSubtreeMethod)
                return Expression.Call(Visit(node.Arguments[0]), StartsWith, Visit(node.Arguments[1]));
            if (node.Method == IsAmongMethod)
            {
                var unitId = Visit(node.Arguments[0]);
                if (broadSubtree) unitId = Expression.Add(unitId, Expression.Constant(0));
                return Expression.Call(Contains, Visit(node.Arguments[1]), unitId);
            }
            return base.VisitMethodCall(node);
        }
    }
}
