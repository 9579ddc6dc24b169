namespace SmartUnion.Domain.Entities;

/// <summary>A publication or channel (期刊/渠道) that can adopt items.</summary>
public class Publication
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public PublicationLevel Level { get; set; }
    public PublicationKind Kind { get; set; }
    /// <summary>For periodicals: the highest issue number offered in 采用期次.</summary>
    public int IssuesPerYear { get; set; } = 24;
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public List<AdoptionForm> Forms { get; set; } = [];

    public bool HasIssues => Kind == PublicationKind.Periodical;
}

/// <summary>An adoption form (采用形式) of a publication and the points (分值) it earns.</summary>
public class AdoptionForm
{
    public int Id { get; set; }
    public int PublicationId { get; set; }
    public Publication? Publication { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The points in force today: the latest of <see cref="PointVersions"/> (a version never starts after today).</summary>
    public int Points { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>分值版本, dated; the first one starts 从最早 (<see cref="Services.RuleVersions.Baseline"/>).</summary>
    public List<AdoptionFormPointVersion> PointVersions { get; set; } = [];
}
