using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>One ticked row of the adoption grid: a publication and form, with year and issue for periodicals.</summary>
public sealed record AdoptionChoice(int PublicationId, int AdoptionFormId, int? Year = null, int? Issue = null);


/// <summary>An existing adoption (录用) of a grid row.</summary>
public sealed record AdoptionInfo(int Id, int? Year, int? Issue, DateTime AdoptedAt, Points Points);

/// <summary>
/// One row of the 录用情况 grid: a publication and one of its forms, and the adoption when the item has one.
/// </summary>
public sealed record AdoptionRow(
    PublicationLevel Level,
    int PublicationId,
    string PublicationName,
    int AdoptionFormId,
    string FormName,
    bool HasIssues,
    int IssuesPerYear,
    int FormPoints,
    bool IsActive,
    AdoptionInfo? Adoption)
{
    public bool IsAdopted => Adoption is not null;
}

/// <summary>The 公文采用信息 page: the item, its attachments and the adoption grid, with what the caller may do.</summary>
public sealed record ItemDetailModel(
    int Id,
    string Title,
    string Body,
    InfoCategory Category,
    int UnitId,
    string UnitName,
    ItemState State,
    DateTime? ReportedAt,
    string? RejectReason,
    DateTime? RejectedAt,
    int Version,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<AdoptionRow> Rows,
    bool CanReview,
    bool CanEdit)
{
    public IEnumerable<AdoptionRow> AdoptedRows => Rows.Where(r => r.IsAdopted);

    /// <summary>Why 采用 is refused for this item (<see cref="InfoItem.AdoptRefusal"/>), or null.</summary>
    public string? AdoptRefusal { get; init; }

    /// <summary>Why 驳回 is refused for this item (<see cref="InfoItem.RejectRefusal"/>), or null.</summary>
    public string? RejectRefusal { get; init; }

    /// <summary>A reviewer of the item's subtree may adopt it: reported or adopted, never rejected or unreported.</summary>
    public bool CanAdopt => CanReview && AdoptRefusal is null;
}

/// <summary>What a save of the adoption grid changed.</summary>
public sealed record AdoptionSaveResult(int Added, int Removed, int Updated, ItemState State, int Version)
{
    public bool Changed => Added + Removed + Updated > 0;
}

/// <summary>An item named in a message: its id and 标题.</summary>
public sealed record ItemTitle(int Id, string Title);

/// <summary>
/// Where the adoption grid starts 采用年 and 采用期次 for each periodical: the current year (China time) and the
/// publication's current issue — the latest issue recorded for it in that year, or 1期 when none is recorded yet.
/// </summary>
public sealed record CurrentIssues(int Year, IReadOnlyDictionary<int, int> LatestIssueByPublication)
{
    /// <summary>The issue the grid starts at for this publication.</summary>
    public int IssueFor(int publicationId) => LatestIssueByPublication.GetValueOrDefault(publicationId, 1);
}
