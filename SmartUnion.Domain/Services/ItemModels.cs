using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>录用情况 filter of the 公文信息 list.</summary>
public enum AdoptionFilter
{
    /// <summary>全部: every item the caller may see.</summary>
    All = 0,
    /// <summary>未上报: drafts (only reporters ever see them).</summary>
    NotReported = 1,
    /// <summary>已上报: reported and awaiting review — neither adopted nor rejected.</summary>
    Reported = 2,
    /// <summary>已录用: at least one adoption.</summary>
    Adopted = 3,
    /// <summary>
    /// 未录用: reported at some point but carrying no adoption, i.e. state 已上报 or 已驳回.
    /// Drafts are not "未录用": they were never put before a reviewer.
    /// </summary>
    NotAdopted = 4,
    /// <summary>已驳回.</summary>
    Rejected = 5,
    /// <summary>
    /// 待审核: the reviewers' queue — reported and neither adopted nor rejected (the state 已上报), listed oldest
    /// 上报日期 first (<see cref="AdoptionFilterText.OldestFirst"/>).
    /// </summary>
    AwaitingReview = 6,
}

public static class AdoptionFilterText
{
    public static string Text(this AdoptionFilter f) => f switch
    {
        AdoptionFilter.All => "全部",
        AdoptionFilter.NotReported => "未上报",
        AdoptionFilter.Reported => "已上报",
        AdoptionFilter.Adopted => "已录用",
        AdoptionFilter.NotAdopted => "未录用",
        AdoptionFilter.Rejected => "已驳回",
        AdoptionFilter.AwaitingReview => "待审核",
        _ => f.ToString(),
    };

    /// <summary>Whether the list opens this filter sorted by 上报日期 oldest first (a queue) instead of newest first.</summary>
    public static bool OldestFirst(this AdoptionFilter f) => f == AdoptionFilter.AwaitingReview;
}

/// <summary>The columns the list can be sorted by.</summary>
public enum ItemSortField
{
    /// <summary>上报日期 (the default, newest first).</summary>
    ReportedAt = 0,
    /// <summary>公文标题.</summary>
    Title = 1,
    /// <summary>报送工会 (unit order).</summary>
    Unit = 2,
}

/// <summary>The filter, sort and page of the 公文信息 list.</summary>
public sealed record ItemListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>报送工会: a unit in the caller's scope; its whole subtree is listed. Null = every unit in scope.</summary>
    public int? UnitId { get; init; }
    /// <summary>信息分类.</summary>
    public InfoCategory? Category { get; init; }
    /// <summary>录用情况.</summary>
    public AdoptionFilter Adoption { get; init; } = AdoptionFilter.All;
    /// <summary>报送开始日期 (China date, on 上报日期).</summary>
    public DateOnly? ReportedFrom { get; init; }
    /// <summary>报送结束日期 (China date, inclusive).</summary>
    public DateOnly? ReportedTo { get; init; }
    /// <summary>关键字: a phrase contained in 标题 or 正文 (<see cref="ItemSearch"/>); null or blank = no keyword.</summary>
    public string? Keyword { get; init; }
    public ItemSortField SortBy { get; init; } = ItemSortField.ReportedAt;
    public bool Descending { get; init; } = true;
    /// <summary>Zero-based page index.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
    /// <summary>
    /// The total the caller already has for this very filter (turning pages): the service then skips the
    /// count. Null = count. A stale value only affects the pager, never which rows a page holds.
    /// </summary>
    public int? KnownTotal { get; init; }
}

/// <summary>One adoption as the list shows it: the publication column and its 录用日期 (UTC).</summary>
public sealed record ItemAdoptionCell(int PublicationId, DateTime AdoptedAt);

/// <summary>
/// A row of the 公文信息 list (also the row of the list export). <see cref="BodySnippet"/>: with a 关键字, a short piece
/// of 正文 around its first match (<see cref="ItemSearch.Snippet"/>), null when only 标题 matches or without a keyword.
/// </summary>
public sealed record ItemListRow(
    int Id,
    string Title,
    InfoCategory Category,
    int UnitId,
    string UnitName,
    DateTime? ReportedAt,
    ItemState State,
    IReadOnlyList<ItemAdoptionCell> Adoptions,
    string? BodySnippet = null)
{
    /// <summary>The earliest 录用日期 of the item in a publication column, or null when that publication did not adopt it.</summary>
    public DateTime? AdoptedAtFor(int publicationId)
    {
        DateTime? first = null;
        foreach (var a in Adoptions)
            if (a.PublicationId == publicationId && (first is null || a.AdoptedAt < first)) first = a.AdoptedAt;
        return first;
    }
}

/// <summary>
/// One page of the list and the number of rows matching the filter. <see cref="TotalIsLowerBound"/>: a keyword matched
/// more than <see cref="ItemSearch.CountCap"/> rows; <see cref="TotalCount"/> is the cap, the exact figure comes from
/// <see cref="ItemService.CountAsync"/>.
/// </summary>
public sealed record ItemListPage(int TotalCount, IReadOnlyList<ItemListRow> Rows, bool TotalIsLowerBound = false);

/// <summary>A publication column of the list.</summary>
public sealed record PublicationColumn(int Id, string Name);

/// <summary>The publication columns of one level (市级 / 省级 / 国家级), for the two-row header.</summary>
public sealed record PublicationColumnGroup(PublicationLevel Level, IReadOnlyList<PublicationColumn> Publications)
{
    public string LevelName => Level.Text();
}

/// <summary>A unit the caller may pick in the 报送工会 filter.</summary>
public sealed record UnitFilterOption(int Id, string Name, int Depth);

/// <summary>
/// The units whose items a caller's 公文信息 list can show, taken when the list opens: an open list asks it whether a
/// change event concerns it, without a query per event. A unit created since (an id above every id known then) may lie
/// in the scope, so its events count; units moved in the tree come with a settings change, after which the list takes
/// the scope again.
/// </summary>
public sealed class ItemListScope
{
    private readonly int[] unitIds;
    private readonly int highestKnownId;

    /// <param name="unitIds">The ids of the units in the scope.</param>
    /// <param name="highestKnownId">The highest unit id when the scope was taken; <see cref="int.MaxValue"/> when no unit created later can join the scope.</param>
    public ItemListScope(IEnumerable<int> unitIds, int highestKnownId)
    {
        this.unitIds = unitIds.Order().ToArray();
        this.highestKnownId = highestKnownId;
    }

    /// <summary>Whether <paramref name="change"/> may change what the list shows: an event without a unit always may.</summary>
    public bool Concerns(ChangeEvent change) =>
        change.UnitId is not { } unitId || unitId > highestKnownId || Array.BinarySearch(unitIds, unitId) >= 0;
}

/// <summary>What the 公文信息 form edits.</summary>
public sealed record ItemInput
{
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public InfoCategory? Category { get; init; }
    /// <summary>The 约稿 the item answers (an open one targeting the caller's unit), or null.</summary>
    public int? CommissionId { get; init; }
}

/// <summary>An item loaded into the 公文信息 form.</summary>
public sealed record ItemForEdit(
    int Id,
    string Title,
    string Body,
    InfoCategory Category,
    ItemState State,
    int Version,
    IReadOnlyList<AttachmentInfo> Attachments,
    int? CommissionId = null);

/// <summary>An attachment as lists show it (附件名称, 上传时间 in UTC, size).</summary>
public sealed record AttachmentInfo(int Id, string FileName, long Size, DateTime UploadedAt);

/// <summary>Everything the download endpoint needs: the original name, the content type and the file on disk.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, long Size, string PhysicalPath);
