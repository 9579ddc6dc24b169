namespace SmartUnion.Domain.Entities;

/// <summary>A trade-union office (工会单位) in the unit tree.</summary>
public class Unit
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    /// <summary>Depth in the tree: 1 for 苏州市总工会, 2 for the district unions, and so on.</summary>
    public int Level { get; set; }
    public int? ParentId { get; set; }
    public Unit? Parent { get; set; }
    /// <summary>Materialised path of ids, e.g. "/1/4/"; a subtree is every unit whose path starts with this one.</summary>
    public string Path { get; set; } = "/";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Unit> Children { get; set; } = [];
    /// <summary>
    /// 单位分组 (at most one): the id of a <see cref="UnitGroup"/>. No foreign key on purpose: adding one to Units would make
    /// SQLite rebuild the table (the tree every row points to) in the migration; QuotaService keeps the id valid (a group
    /// with units cannot be deleted).
    /// </summary>
    public int? GroupId { get; set; }
    /// <summary>When the unit was created (UTC); units that existed before this was recorded carry <see cref="LongAgo"/>. 任务完成情况 counts a unit from its creation month on.</summary>
    public DateTime CreatedAt { get; set; } = LongAgo;

    public static readonly DateTime LongAgo = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Whether this unit lies in the subtree of the unit with path <paramref name="ancestorPath"/> (itself included).</summary>
    public bool IsInSubtreeOf(string ancestorPath) => Security.UnitScope.IsInSubtree(Path, ancestorPath);
}
