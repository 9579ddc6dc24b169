using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Security;

/// <summary>
/// Who is calling a service: the user, its unit (with the unit's tree path) and roles.
/// Every service method takes one and checks it first.
/// </summary>
public sealed record Caller(
    string UserId,
    string UserName,
    string DisplayName,
    int UnitId,
    string UnitPath,
    string UnitName,
    IReadOnlySet<string> Roles)
{
    public bool IsReporter => Roles.Contains(Entities.Roles.Reporter);
    public bool IsReviewer => Roles.Contains(Entities.Roles.Reviewer);
    public bool IsAdmin => Roles.Contains(Entities.Roles.Admin);

    /// <summary>Reviewers and admins look down the tree; reporters only at their own unit.</summary>
    public bool SeesSubtree => IsReviewer || IsAdmin;

    /// <summary>An admin reset the password: the web layer lets this caller reach 修改密码 only.</summary>
    public bool MustChangePassword { get; init; }

    public void RequireRole(params string[] anyOf)
    {
        if (!anyOf.Any(Roles.Contains))
            throw new ForbiddenException();
    }
}
