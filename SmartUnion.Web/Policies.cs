using Microsoft.AspNetCore.Authorization;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Web;

/// <summary>The authorization policies, defined once; pages and endpoints name them, services enforce the same rules.</summary>
public static class Policies
{
    public const string Reporter = "Reporter";
    public const string Admin = "Admin";
    /// <summary>审核员 or 管理员 (任务完成情况).</summary>
    public const string ReviewerOrAdmin = "ReviewerOrAdmin";

    public static AuthorizationBuilder AddSmartUnionPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Reporter, p => p.RequireRole(Roles.Reporter))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(ReviewerOrAdmin, p => p.RequireRole(Roles.Reviewer, Roles.Admin));
}
