using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One version of a published month, as the history lists it (版本, 发布时间, 发布人, 原因).</summary>
public sealed record PublishedVersionRow(int Version, DateTime PublishedAtUtc, string PublishedByName, string? Reason, string RulesText)
{
    /// <summary>"已发布（第2版，2026-11-03 发布）".</summary>
    public string Note => $"已发布（第{Version}版，{ChinaTime.FormatDate(PublishedAtUtc)} 发布）";
}

/// <summary>
/// A line of the 积分排名 as shown: <see cref="Score"/> holds the published figures of the published months plus the live
/// figures of the others; <see cref="Adjustment"/> (发布后调整) is the live 积分 of the published months minus their
/// published 积分 — corrections made after publishing, never counted in <see cref="Score"/>. <see cref="Rank"/> is null for a
/// unit with no 积分 in what is shown (it appears only because of its 发布后调整).
/// </summary>
public sealed record PublishedRankingRow(int? Rank, UnitScore Score, Points Adjustment)
{
    /// <summary>"+3", "-2.5", "" when there is none.</summary>
    public string AdjustmentText => FormatAdjustment(Adjustment);

    public static string FormatAdjustment(Points p) => p == Points.Zero ? "" : p > Points.Zero ? $"+{p}" : $"{p}";
}

/// <summary>The 积分排名 of a period with what it is based on (<see cref="Note"/>) and the published months it uses.</summary>
public sealed record PublishedRanking(Period Period, IReadOnlyList<PublishedMonthInfo> PublishedMonths, IReadOnlyList<PublishedRankingRow> Rows, string Note)
{
    /// <summary>Whether any published figures are used (the 发布后调整 column is shown then).</summary>
    public bool UsesPublished => PublishedMonths.Count > 0;

    /// <summary>The sum of every unit's 发布后调整 (shown apart from the 积分).</summary>
    public Points TotalAdjustment => Rows.SumPoints(r => r.Adjustment);
}

/// <summary>The published version a ranking uses for one month.</summary>
public sealed record PublishedMonthInfo(DateOnly Month, int Version, DateTime PublishedAtUtc);

/// <summary>
/// 发布 (published months): a reviewer of the whole federation (<see cref="PublishScope"/>) or an admin freezes a month
/// that is over — every unit's counts, points and 名次 and the rules in force — as a new version; and the one rule that
/// combines published and live figures (<see cref="GetRankingAsync"/>), used by the 积分排名 dialog and the 月度通报.
/// </summary>
public class PublishedRankingService(IDbContextFactory<AppDbContext> dbFactory, RankingService ranking, WriteFrame write, TimeProvider clock)
{
    public const string NotOverMessage = "只能发布已经结束的月份，本月及以后的月份不能发布";
    public const string ReasonRequiredMessage = "重新发布须填写原因";

    /// <summary>Whether the caller may 发布 (the buttons follow this).</summary>
    public static bool CanPublish(Caller caller) => PublishScope.CanPublish(caller);

    /// <summary>发布 / 重新发布 a month that is over; a re-publication needs a reason. Returns the new version number.</summary>
    public async Task<int> PublishAsync(Caller caller, int year, int month, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!PublishScope.CanPublish(caller)) throw new ForbiddenException("只有市总工会审核员或管理员可以发布积分排名");
        var first = MonthStart(year, month);
        if (first.AddMonths(1) > ChinaTime.Today(clock)) throw new DomainException(NotOverMessage);
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > PublishedMonth.ReasonMaxLength }) throw new DomainException($"重新发布原因不能超过{PublishedMonth.ReasonMaxLength}个字");
        TextRules.EnsureSafe(why, "重新发布原因", multiline: true);

        return await write.RunAsync(caller, async w =>
        {
            // Inside the write: the writers' lock is held, so the figures read below cannot change before the commit.
            var last = await w.Db.PublishedMonths.Where(p => p.Month == first).MaxAsync(p => (int?)p.Version, ct) ?? 0;
            if (last > 0 && why is null) throw new DomainException(ReasonRequiredMessage);
            var period = Period.Month(year, month);
            var scores = await ranking.GetScoresAsync(caller, period, ct);
            var ranks = RankingService.Rank(scores).ToDictionary(r => r.Score.UnitId, r => r.Rank);
            var published = new PublishedMonth
            {
                Month = first, Version = last + 1, PublishedAt = w.Now, PublishedById = caller.UserId, PublishedByName = caller.DisplayName,
                Reason = why, RulesText = await RulesInForceAsync(w.Db, period.To, ct),
                Scores = scores.Select(s => new PublishedMonthScore
                {
                    UnitId = s.UnitId, UnitName = s.UnitName, SortOrder = s.SortOrder, Rank = ranks.TryGetValue(s.UnitId, out var r) ? r : null,
                    AdoptionCount = s.AdoptionCount, AdoptionPoints = s.AdoptionPoints.Hundredths, InstructionPoints = s.InstructionPoints.Hundredths,
                    BonusPoints = s.BonusPoints.Hundredths, DeductionPoints = s.DeductionPoints.Hundredths, Total = s.Total.Hundredths,
                }).ToList(),
            };
            w.Db.PublishedMonths.Add(published);
            w.Audit(last == 0 ? AuditActions.Publish : AuditActions.Republish, AuditEntityTypes.PublishedMonth, $"{first:yyyy-MM}",
                $"{year}年{month}月积分排名第{published.Version}版，{ranks.Count}个单位有积分" + (why is null ? "" : $"；原因：{why}"));
            w.Publish(new ChangeEvent(ChangeKind.MonthPublished));
            return published.Version;
        }, ct);
    }

    /// <summary>The versions of a month, newest first (empty: not published); everyone signed in may read them.</summary>
    public async Task<IReadOnlyList<PublishedVersionRow>> GetHistoryAsync(Caller caller, int year, int month, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var first = MonthStart(year, month);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PublishedMonths.AsNoTracking().Where(p => p.Month == first).OrderByDescending(p => p.Version)
            .Select(p => new PublishedVersionRow(p.Version, p.PublishedAt, p.PublishedByName, p.Reason, p.RulesText))
            .ToListAsync(ct);
    }

    /// <summary>
    /// 积分排名 of a period, with published months frozen. The rule, in one place: a period of whole calendar months uses,
    /// for each month with a published version, that month's latest version, and the live figures for the other months;
    /// each unit's 发布后调整 is its live 积分 over the published months minus their published 积分 (shown apart, never
    /// added). One published month alone keeps its published 名次. Any other period (not whole months) is live.
    /// </summary>
    public async Task<PublishedRanking> GetRankingAsync(Caller caller, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        period.Validate();
        var live = await ranking.GetScoresAsync(caller, period, ct);
        if (!IsWholeMonths(period))
            return Live(period, live, "实时数据（所选期间不是整月，不采用已发布数据）");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.PublishedMonths.AsNoTracking()
            .Where(p => p.Month >= period.From && p.Month <= period.To)
            .Select(p => new { p.Id, p.Month, p.Version, p.PublishedAt })
            .ToListAsync(ct);
        var latest = versions.GroupBy(v => v.Month).Select(g => g.MaxBy(v => v.Version)!).OrderBy(v => v.Month).ToList();
        if (latest.Count == 0)
            return Live(period, live, "实时数据（所选月份均未发布）");

        var ids = latest.Select(v => v.Id).ToList();
        var frozen = await db.PublishedMonthScores.AsNoTracking().Where(s => ids.Contains(s.PublishedMonthId)).ToListAsync(ct);
        var published = frozen.GroupBy(s => s.UnitId).ToDictionary(g => g.Key, g => g.Select(Frozen).Aggregate(Add));

        // The live figures of the months without a published version, one run of consecutive months at a time.
        var unpublished = new Dictionary<int, UnitScore>();
        foreach (var run in UnpublishedRuns(period, latest.Select(v => v.Month).ToHashSet()))
            foreach (var s in await ranking.GetScoresAsync(caller, run, ct))
                unpublished[s.UnitId] = unpublished.TryGetValue(s.UnitId, out var before) ? Add(before, s) : s;

        var liveOf = live.ToDictionary(s => s.UnitId);
        var shown = published.Keys.Union(unpublished.Keys).Select(id =>
            published.TryGetValue(id, out var p) ? unpublished.TryGetValue(id, out var u) ? Add(p, u) : p : unpublished[id]).ToDictionary(s => s.UnitId);
        Points AdjustmentOf(int id) =>
            (liveOf.TryGetValue(id, out var l) ? l.Total : Points.Zero)
            - (unpublished.TryGetValue(id, out var u) ? u.Total : Points.Zero)
            - (published.TryGetValue(id, out var p) ? p.Total : Points.Zero);

        List<PublishedRankingRow> rows;
        if (latest.Count == 1 && period == Period.Month(latest[0].Month.Year, latest[0].Month.Month))
        {
            // One published month: its frozen 名次.
            var rankOf = frozen.ToDictionary(s => s.UnitId, s => s.Rank);
            rows = shown.Values.Where(s => rankOf[s.UnitId] is not null)
                .OrderBy(s => rankOf[s.UnitId]).ThenBy(s => s.SortOrder).ThenBy(s => s.UnitId)
                .Select(s => new PublishedRankingRow(rankOf[s.UnitId], s, AdjustmentOf(s.UnitId))).ToList();
        }
        else
        {
            rows = RankingService.Rank(shown.Values).Select(r => new PublishedRankingRow(r.Rank, r.Score, AdjustmentOf(r.Score.UnitId))).ToList();
        }
        // Units with nothing shown but a 发布后调整 (e.g. only corrected after publishing) follow, without a 名次.
        var listed = rows.Select(r => r.Score.UnitId).ToHashSet();
        rows.AddRange(shown.Keys.Union(liveOf.Keys).Where(id => !listed.Contains(id) && AdjustmentOf(id) != Points.Zero)
            .Select(id => shown.TryGetValue(id, out var s) ? s : Empty(liveOf[id]))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.UnitId)
            .Select(s => new PublishedRankingRow(null, s, AdjustmentOf(s.UnitId))));

        var infos = latest.Select(v => new PublishedMonthInfo(v.Month, v.Version, v.PublishedAt)).ToList();
        return new PublishedRanking(period, infos, rows, Note(period, infos));
    }

    /// <summary>
    /// The rule versions in force at the end of the month (<paramref name="lastDay"/>), as readable JSON: each form's 分值
    /// and each 批示 level's bonus with the 生效日期 of the version (<see cref="RuleVersions.VersionInForce"/>), and the 考核规则
    /// in force for the month (<see cref="QuotaRules"/>' month versions).
    /// </summary>
    internal static async Task<string> RulesInForceAsync(AppDbContext db, DateOnly lastDay, CancellationToken ct)
    {
        var formVersions = await RuleVersions.FormVersionsAsync(db, null, ct);
        var levelVersions = await RuleVersions.LevelVersionsAsync(db, ct);
        var forms = (await db.AdoptionForms.AsNoTracking()
            .OrderBy(f => f.Publication!.Level).ThenBy(f => f.Publication!.SortOrder).ThenBy(f => f.PublicationId).ThenBy(f => f.SortOrder).ThenBy(f => f.Id)
            .Select(f => new { f.Id, Publication = f.Publication!.Name, Form = f.Name, f.IsActive })
            .ToListAsync(ct))
            .Select(f => (f.Publication, f.Form, f.IsActive, Version: RuleVersions.VersionInForce(formVersions[f.Id], lastDay)))
            .Where(f => f.Version is not null)
            .ToList();
        var levels = Enum.GetValues<InstructionLevel>()
            .Select(l => (Level: l, Version: RuleVersions.VersionInForce(levelVersions[l], lastDay)))
            .Where(l => l.Version is not null)
            .ToList();
        var monthStart = new DateOnly(lastDay.Year, lastDay.Month, 1);
        var quota = await db.QuotaRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= monthStart)
            .OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync(ct);

        var json = new JsonObject
        {
            ["规则截至"] = lastDay.ToString("yyyy-MM-dd"),
            ["采用形式分值"] = new JsonArray(forms.Select(f => (JsonNode)new JsonObject
            {
                ["期刊"] = f.Publication, ["采用形式"] = f.Form, ["分值"] = f.Version!.Points, ["生效日期"] = f.Version.FromText, ["启用"] = f.IsActive,
            }).ToArray()),
            ["领导批示加分"] = new JsonArray(levels.Select(l => (JsonNode)new JsonObject
            {
                ["级别"] = Instruction.LevelName(l.Level) + "级", ["加分"] = l.Version!.Points, ["生效日期"] = l.Version.FromText,
            }).ToArray()),
            ["考核规则"] = quota is null ? null : new JsonObject
            {
                ["生效月份"] = quota.EffectiveFrom.ToString("yyyy-MM"),
                ["每缺报一篇扣分"] = quota.PointsPerMissingItem,
                ["完成任务基础分"] = quota.MonthlyBasePoints,
                ["每个未回应约稿扣分"] = quota.PointsPerUnansweredCommission,
            },
        };
        return json.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static DateOnly MonthStart(int year, int month)
    {
        if (month is < 1 or > 12) throw new DomainException("月份必须在1至12之间");
        DateRules.EnsureInRange(year, "年份");
        return new DateOnly(year, month, 1);
    }

    /// <summary>Whether the period is whole calendar months (from a 1st to a month's last day).</summary>
    public static bool IsWholeMonths(Period period) => period.From.Day == 1 && period.To.AddDays(1).Day == 1;

    private static IEnumerable<Period> UnpublishedRuns(Period period, IReadOnlySet<DateOnly> publishedMonths)
    {
        DateOnly? runStart = null;
        for (var m = period.From; m <= period.To; m = m.AddMonths(1))
        {
            if (!publishedMonths.Contains(m)) { runStart ??= m; continue; }
            if (runStart is { } s) yield return new Period(s, m.AddDays(-1));
            runStart = null;
        }
        if (runStart is { } start) yield return new Period(start, period.To);
    }

    private static string Note(Period period, IReadOnlyList<PublishedMonthInfo> months)
    {
        string Version(PublishedMonthInfo m) => $"第{m.Version}版，{ChinaTime.FormatDate(m.PublishedAtUtc)} 发布";
        if (months.Count == 1 && period == Period.Month(months[0].Month.Year, months[0].Month.Month))
            return $"已发布（{Version(months[0])}）";
        var list = string.Join("、", months.Select(m => $"{m.Month.Year}年{m.Month.Month}月（{Version(m)}）"));
        return $"已发布月份按发布数据统计：{list}；其余月份为实时数据";
    }

    private static PublishedRanking Live(Period period, IReadOnlyList<UnitScore> live, string note) =>
        new(period, [], RankingService.Rank(live).Select(r => new PublishedRankingRow(r.Rank, r.Score, Points.Zero)).ToList(), note);

    private static UnitScore Frozen(PublishedMonthScore s) =>
        new(s.UnitId, s.UnitName, s.SortOrder, s.AdoptionCount, new Points(s.AdoptionPoints), new Points(s.DeductionPoints), new Points(s.InstructionPoints))
        {
            BonusPoints = new Points(s.BonusPoints),
        };

    private static UnitScore Empty(UnitScore s) => new(s.UnitId, s.UnitName, s.SortOrder, 0, Points.Zero, Points.Zero);

    private static UnitScore Add(UnitScore a, UnitScore b) =>
        new(a.UnitId, a.UnitName, a.SortOrder, a.AdoptionCount + b.AdoptionCount, a.AdoptionPoints + b.AdoptionPoints,
            a.DeductionPoints + b.DeductionPoints, a.InstructionPoints + b.InstructionPoints)
        {
            BonusPoints = a.BonusPoints + b.BonusPoints,
        };
}
