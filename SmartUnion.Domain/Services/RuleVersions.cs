using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>One dated version of a points rule: from <see cref="From"/> (China date) on, <see cref="Points"/> whole points.</summary>
public sealed record PointsVersionRow(DateOnly From, int Points)
{
    /// <summary>"从最早" for the first version, else the date.</summary>
    public string FromText => RuleVersions.FromText(From);
}

/// <summary>
/// The dated rule versions of the points of an adoption form (分值) and of a 领导批示 level (批示加分): the one rule "which
/// version is in force on a day", the limits of a new version's 生效日期, and the limits of a 重新计算 period. (The
/// 考核规则 and 任务数 are dated by month in <see cref="QuotaRules"/>.)
/// </summary>
public static class RuleVersions
{
    /// <summary>The first version of every rule starts here (从最早): values from before rules had dates.</summary>
    public static readonly DateOnly Baseline = DateRules.MinDate;

    /// <summary>A 重新计算 covers at most this many years.</summary>
    public const int MaxRecalculationYears = 3;

    /// <summary>The points of the latest version starting on or before <paramref name="day"/>; null when none has started.</summary>
    public static int? InForce(IEnumerable<PointsVersionRow> versions, DateOnly day) => VersionInForce(versions, day)?.Points;

    /// <summary>The latest version starting on or before <paramref name="day"/>; null when none has started.</summary>
    public static PointsVersionRow? VersionInForce(IEnumerable<PointsVersionRow> versions, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(versions);
        PointsVersionRow? best = null;
        foreach (var v in versions)
            if (v.From <= day && (best is null || v.From > best.From)) best = v;
        return best;
    }

    /// <summary>The China calendar day of a UTC instant (an adoption's 录用日期).</summary>
    public static DateOnly ChinaDay(DateTime utc) => DateOnly.FromDateTime(ChinaTime.ToLocal(utc));

    /// <summary>
    /// The 生效日期 a new version may take, seen from <paramref name="today"/> (China): 1 January of last year (as for
    /// 扣分日期) up to today. Never after today, so the latest version is always the one in force today
    /// (<see cref="AdoptionForm.Points"/>); an earlier date applies to past records only through 重新计算.
    /// </summary>
    public static (DateOnly Earliest, DateOnly Latest) EffectiveFromWindow(DateOnly today) => (new DateOnly(today.Year - 1, 1, 1), today);

    /// <summary>Why <paramref name="from"/> cannot start a new version (null: it can).</summary>
    public static string? EffectiveFromError(DateOnly? from, DateOnly today, IEnumerable<DateOnly> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (from is not { } date) return "请选择生效日期";
        if (!DateRules.IsInRange(date)) return DateRules.OutOfRangeMessage("生效日期");
        var (earliest, latest) = EffectiveFromWindow(today);
        if (date > latest) return $"生效日期不能晚于今天（{latest:yyyy-MM-dd}）";
        if (date < earliest) return $"生效日期不能早于{earliest:yyyy-MM-dd}（上一年年初）";
        if (existing.Contains(date)) return $"{date:yyyy-MM-dd}起已有一个分值版本，不能重复设置，请另选生效日期";
        return null;
    }

    /// <summary>Whole points of a rule: 0 to <paramref name="max"/>.</summary>
    public static string? PointsError(int? points, int max, string label = "分值") => points switch
    {
        null => $"请填写{label}",
        < 0 => $"{label}不能为负数",
        _ when points > max => $"{label}不能超过{max}",
        _ => null,
    };

    /// <summary>Throws a Chinese message for a 重新计算 period that is reversed, out of range or longer than <see cref="MaxRecalculationYears"/> years.</summary>
    public static void EnsureRecalculationPeriod(Period period)
    {
        period.Validate();
        if (period.To >= period.From.AddYears(MaxRecalculationYears))
            throw new DomainException($"重新计算的期间不能超过{MaxRecalculationYears}年，请缩短起始日期至截止日期的范围");
    }

    public static string FromText(DateOnly from) =>
        from <= Baseline ? "从最早" : from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"从最早 5分；2026-11-15起 6分".</summary>
    public static string Describe(IEnumerable<PointsVersionRow> versions) =>
        string.Join("；", versions.OrderBy(v => v.From).Select(v => v.From <= Baseline ? $"从最早 {v.Points}分" : $"{v.From:yyyy-MM-dd}起 {v.Points}分"));

    /// <summary>The 分值版本 of the given forms (all forms when null), by form.</summary>
    public static async Task<ILookup<int, PointsVersionRow>> FormVersionsAsync(AppDbContext db, IReadOnlyCollection<int>? formIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.AdoptionFormPointVersions.AsNoTracking();
        if (formIds is not null) query = query.Where(v => formIds.Contains(v.AdoptionFormId));
        var rows = await query.Select(v => new { v.AdoptionFormId, v.EffectiveFrom, v.Points }).ToListAsync(ct);
        return rows.ToLookup(v => v.AdoptionFormId, v => new PointsVersionRow(v.EffectiveFrom, v.Points));
    }

    /// <summary>The 批示加分 versions, by level.</summary>
    public static async Task<ILookup<InstructionLevel, PointsVersionRow>> LevelVersionsAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.InstructionLevelRuleVersions.AsNoTracking().Select(v => new { v.Level, v.EffectiveFrom, v.Points }).ToListAsync(ct);
        return rows.ToLookup(v => v.Level, v => new PointsVersionRow(v.EffectiveFrom, v.Points));
    }
}
