using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>Which 月度通报: a China month, never a future one; its issue number is the month (2026年第11期 for November).</summary>
public sealed record BulletinRequest(int Year, int Month)
{
    public const string FutureMonthMessage = "该月份尚未开始，不能生成月度通报";

    public Period Period => Period.Month(Year, Month);
    public string MonthText => $"{Year}年{Month}月";
    /// <summary>期号: one 通报 a month, numbered by the month within the year.</summary>
    public string IssueText => $"{Year}年第{Month}期";
    /// <summary>苏州工会信息工作月度通报_2026-11.docx.</summary>
    public string FileName => $"苏州工会信息工作月度通报_{Year}-{Month:00}.docx";

    /// <summary>The month before (December of the year before for January).</summary>
    public BulletinRequest Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    /// <summary>Refuses a bad month, a year out of range and a month that has not begun (China date <paramref name="today"/>).</summary>
    public void Validate(DateOnly today)
    {
        if (Month is < 1 or > 12) throw new DomainException("月份必须在1至12之间");
        DateRules.EnsureInRange(Year, "年份");
        if (new DateOnly(Year, Month, 1) > today) throw new DomainException(FutureMonthMessage);
    }
}

/// <summary>报送数, 录用数 (篇次: one per publication and form) and 录用信息数 (items reported in the month with an adoption) of a month.</summary>
public sealed record BulletinFigures(int Reported, int Adopted, int AdoptedItems)
{
    /// <summary>录用率 as the 月度报表 defines it (<see cref="ReportUnitRow.Rate"/>): never above 100%.</summary>
    public double AdoptionRate => ReportUnitRow.Rate(AdoptedItems, Reported);

    public static BulletinFigures Of(MonthlyReportSummary summary) => new(
        summary.Units.Sum(u => u.Reported), summary.Units.Sum(u => u.Adopted), summary.Units.Sum(u => u.AdoptedItems));
}

/// <summary>A publication's adoptions (篇次) this month, last month and in the same month last year.</summary>
public sealed record BulletinChannel(string Name, PublicationLevel Level, int ThisMonth, int LastMonth, int LastYear);

/// <summary>A unit's line in its group's ranking: the 积分排名's numbers, 组内名次 and the overall 名次 (null without points).</summary>
public sealed record BulletinRankRow(int GroupRank, int? Rank, string UnitName, int Reported, int Adopted, ReportUnitRow Figures);

/// <summary>A 单位分组 (or 未分组单位) with its units.</summary>
public sealed record BulletinGroup(string Name, IReadOnlyList<BulletinRankRow> Rows, IReadOnlyList<string> ZeroReportUnits);

/// <summary>A 约稿 due in the month: how many target units answered on time, late, or not at all (and which).</summary>
public sealed record BulletinCommission(string Topic, DateOnly DueDate, int Targets, int Answered, int Late, IReadOnlyList<string> NotAnswered);

/// <summary>Everything the 月度通报 says, computed by <see cref="MonthlyBulletinService"/> from the ranking, 月度报表, 任务完成情况 and 约稿 services.</summary>
public sealed record BulletinData(
    BulletinRequest Request,
    string IssuerName,
    string ScopeText,
    DateOnly IssuedOn,
    BulletinFigures ThisMonth,
    BulletinFigures LastMonth,
    BulletinFigures LastYear,
    IReadOnlyList<BulletinChannel> Channels,
    IReadOnlyList<BulletinGroup> Groups,
    IReadOnlyList<BulletinCommission> Commissions)
{
    public int ZeroReportCount => Groups.Sum(g => g.ZeroReportUnits.Count);

    /// <summary>For a published month: the sentence under 二、各单位积分排名 (the version, and the 发布后调整 of each unit); else null.</summary>
    public string? PublishedNote { get; init; }
}

/// <summary>What the reviewer types: the opening paragraph (null = the default one) and 下月报送要点 (required).</summary>
public sealed record BulletinEdits(string? Opening, string? NextMonthPoints)
{
    public const int OpeningMaxLength = 1000;
    public const int PointsMaxLength = 3000;

    /// <summary>The texts trimmed, checked: 下月报送要点 required, both within their lengths and free of control characters.</summary>
    public BulletinEdits Validated()
    {
        var opening = string.IsNullOrWhiteSpace(Opening) ? null : Opening.Trim();
        var points = NextMonthPoints?.Trim();
        if (string.IsNullOrEmpty(points)) throw new DomainException("请填写下月报送要点");
        if (points.Length > PointsMaxLength) throw new DomainException($"下月报送要点不能超过{PointsMaxLength}个字");
        if (opening is { Length: > OpeningMaxLength }) throw new DomainException($"开头段落不能超过{OpeningMaxLength}个字");
        TextRules.EnsureSafe(points, "下月报送要点", multiline: true);
        if (opening is not null) TextRules.EnsureSafe(opening, "开头段落", multiline: true);
        return new BulletinEdits(opening, points);
    }
}
