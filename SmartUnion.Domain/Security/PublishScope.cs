namespace SmartUnion.Domain.Security;

/// <summary>
/// Who may 发布 (and 重新发布) a month's 积分排名: it fixes every unit's figures, so only a caller whose scope is the whole
/// federation — a 审核员 of the top unit (<see cref="UnitScope.IsTopLevel"/>, the city reviewer) — or an 管理员.
/// A district reviewer (a subtree only) and reporters are refused. Everyone signed in reads the published figures.
/// </summary>
public static class PublishScope
{
    public static bool CanPublish(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsAdmin || (caller.IsReviewer && UnitScope.IsTopLevel(caller.UnitPath));
    }
}
