namespace SmartUnion.Domain.Entities;

/// <summary>The three roles of the platform, named as the users name them.</summary>
public static class Roles
{
    public const string Reporter = "报送员";
    public const string Reviewer = "审核员";
    public const string Admin = "管理员";

    public static readonly IReadOnlyList<string> All = [Reporter, Reviewer, Admin];
}
