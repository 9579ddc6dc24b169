using System.Globalization;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>Which monthly report: a month, or January to that month (年度累计).</summary>
public sealed record MonthlyReportRequest(int Year, int Month, bool YearToDate)
{
    /// <summary>Parses "2026-10" (and the 年度累计 flag); a bad month throws a <see cref="DomainException"/>.</summary>
    public static MonthlyReportRequest Parse(string? month, bool yearToDate)
    {
        if (string.IsNullOrWhiteSpace(month)
            || !DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new DomainException("月份格式不正确，应为“年-月”，例如 2026-10");
        var request = new MonthlyReportRequest(first.Year, first.Month, yearToDate);
        request.Validate();
        return request;
    }

    public void Validate()
    {
        if (Month is < 1 or > 12) throw new DomainException("月份必须在1至12之间");
        Services.DateRules.EnsureInRange(Year, "年份");
    }

    public Period Period => YearToDate
        ? new Period(new DateOnly(Year, 1, 1), Period.Month(Year, Month).To)
        : Period.Month(Year, Month);

    /// <summary>"2026年10月" or, for 年度累计, "2026年1-10月".</summary>
    public string PeriodText => YearToDate ? $"{Year}年1-{Month}月" : $"{Year}年{Month}月";

    public string Title => $"苏州市总工会信息报送月度报表 {PeriodText}";

    /// <summary>苏州工会信息月报_2026-10.xlsx, or 苏州工会信息月报_2026-01至10.xlsx for 年度累计.</summary>
    public string FileName => YearToDate
        ? $"苏州工会信息月报_{Year}-01至{Month:00}.xlsx"
        : $"苏州工会信息月报_{Year}-{Month:00}.xlsx";
}

/// <summary>A publication column of the 汇总 sheet.</summary>
public sealed record ReportPublication(int Id, string Name, PublicationLevel Level);

/// <summary>
/// One unit's line on the 汇总 sheet; the points and the rank come from <see cref="RankingService"/>.
/// <see cref="Reported"/> (报送数) counts the unit's items reported (上报日期) in the period; <see cref="Adopted"/>
/// (录用数) counts adoptions dated (录用日期) in the period, one per publication and form, so an item adopted by two
/// publications counts twice there and once in each publication column; <see cref="AdoptedItems"/> counts the items
/// reported in the period that carry at least one adoption (whenever it was recorded), each item once.
/// </summary>
public sealed record ReportUnitRow(
    int UnitId,
    string UnitName,
    int Reported,
    int Adopted,
    int AdoptedItems,
    IReadOnlyList<int> AdoptedPerPublication,
    Points Points,
    Points Deducted,
    Points Net,
    int? Rank,
    Points Instructed = default)
{
    /// <summary>加分 (confirmed 完成任务加分); <see cref="Net"/> = <see cref="Points"/> + <see cref="Instructed"/> + 加分 − <see cref="Deducted"/>.</summary>
    public Points Bonus { get; init; }

    /// <summary>
    /// 录用率 = items with at least one adoption ÷ items reported, both over the items reported in the period
    /// (<see cref="AdoptedItems"/> ÷ <see cref="Reported"/>): the adopted items are a subset of the reported ones,
    /// so the rate never exceeds 100%; 0 without reports. An item adopted twice counts once.
    /// </summary>
    public double AdoptionRate => Rate(AdoptedItems, Reported);

    /// <summary>adopted ÷ reported, 0 when nothing was reported.</summary>
    public static double Rate(int adoptedItems, int reported) => reported == 0 ? 0 : (double)adoptedItems / reported;
}

/// <summary>Everything the 汇总 sheet shows.</summary>
public sealed record MonthlyReportSummary(
    string Title,
    string ScopeText,
    Period Period,
    IReadOnlyList<ReportPublication> Publications,
    IReadOnlyList<ReportUnitRow> Units);

/// <summary>A line of 录用明细: one adoption.</summary>
public sealed record AdoptionDetailRow(
    string Title,
    string UnitName,
    InfoCategory Category,
    DateTime? ReportedAtUtc,
    PublicationLevel Level,
    string PublicationName,
    string FormName,
    int? Year,
    int? Issue,
    DateTime AdoptedAtUtc,
    Points Points);

/// <summary>A line of 扣分明细: one deduction.</summary>
public sealed record DeductionDetailRow(DateOnly Date, string UnitName, Points Points, string Reason, string EnteredBy, DeductionKind Kind = DeductionKind.Deduction);
