using Microsoft.AspNetCore.Authorization;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Web;

/// <summary>The authorization policies, defined once; pages and endpoints name them, services enforce the same rules.</summary>
public static class Policies
{
    public const string Reporter = "Reporter";
    public const string Reviewer = "Reviewer";
    public const string Admin = "Admin";
    /// <summary>Reviewers and admins: deductions management, reports of the subtree.</summary>
    public const string ReviewerOrAdmin = "ReviewerOrAdmin";

    public static AuthorizationBuilder AddSmartUnionPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Reporter, p => p.RequireRole(Roles.Reporter))
        .AddPolicy(Reviewer, p => p.RequireRole(Roles.Reviewer))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(ReviewerOrAdmin, p => p.RequireRole(Roles.Reviewer, Roles.Admin));
}
