using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Reports;

/// <summary>
/// 月度通报 (reviewers and administrators, for the units of their subtree): the month's figures put together from the
/// services that already own them — 报送数, 录用数 and the channels from the 月度报表 (<see cref="MonthlyReportService"/>),
/// whose points and 名次 are the 积分排名's (<see cref="RankingService"/>); the 单位分组 and 零报送 from 任务完成情况
/// (<see cref="TaskCompletionService"/>); the 约稿 from <see cref="CommissionService"/> — and written as a Word document
/// (<see cref="BulletinDocument"/>). Nothing is counted twice in two ways.
/// </summary>
public class MonthlyBulletinService(MonthlyReportService reports, TaskCompletionService tasks, CommissionService commissions,
    PublishedRankingService published, TimeProvider clock)
{
    public const string UngroupedName = "未分组单位";

    /// <summary>The 通报's figures for a month that has begun (a future one is refused).</summary>
    public async Task<BulletinData> GetAsync(Caller caller, BulletinRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.SeesSubtree) throw new ForbiddenException("只有审核员和管理员可以生成月度通报");
        var today = ChinaTime.Today(clock);
        request.Validate(today);

        var now = await reports.GetSummaryAsync(caller, new MonthlyReportRequest(request.Year, request.Month, false), ct);
        var previous = request.Previous;
        var last = await reports.GetSummaryAsync(caller, new MonthlyReportRequest(previous.Year, previous.Month, false), ct);
        var lastYear = request.Year - 1 >= DateRules.MinYear
            ? await reports.GetSummaryAsync(caller, new MonthlyReportRequest(request.Year - 1, request.Month, false), ct)
            : null;

        var month = await tasks.GetAsync(caller, new TaskCompletionRequest(request.Year, request.Month), now, ct);
        var groupOrder = (await tasks.GroupsAsync(caller, ct)).Select(g => g.Name).ToList();
        var figures = now.Units.ToDictionary(u => u.UnitId);
        // A published month: 二、各单位积分排名 shows the frozen figures and 名次 (the rule is PublishedRankingService's).
        var frozen = await published.GetRankingAsync(caller, request.Period, ct);
        string? publishedNote = null;
        if (frozen.UsesPublished)
        {
            var byUnit = frozen.Rows.ToDictionary(r => r.Score.UnitId);
            figures = now.Units.ToDictionary(u => u.UnitId, u => AsPublished(u, byUnit.GetValueOrDefault(u.UnitId)));
            publishedNote = PublishedNote(frozen, now.Units.Select(u => byUnit.GetValueOrDefault(u.UnitId)).OfType<PublishedRankingRow>());
        }
        var groups = month.Units
            .GroupBy(u => string.IsNullOrEmpty(u.GroupName) ? UngroupedName : u.GroupName)
            .OrderBy(g => g.Key == UngroupedName ? int.MaxValue : groupOrder.IndexOf(g.Key) is var i && i >= 0 ? i : int.MaxValue - 1)
            .Select(g => new BulletinGroup(g.Key, RankWithin(g.Select(u => figures.GetValueOrDefault(u.UnitId) ?? Empty(u)).ToList()),
                g.Where(u => u.IsZeroReport).Select(u => u.UnitName).ToList()))
            .ToList();

        var due = (await commissions.ListAsync(caller, ct))
            .Where(c => c.DueDate.Year == request.Year && c.DueDate.Month == request.Month)
            .OrderBy(c => c.DueDate).ThenBy(c => c.Id)
            .ToList();
        var commissionLines = new List<BulletinCommission>();
        foreach (var c in due)
        {
            var notAnswered = c.NotAnsweredCount == 0 ? [] : (await commissions.GetAsync(caller, c.Id, ct)).Targets
                .Where(t => !t.State.IsAnswered()).Select(t => t.UnitName).ToList();
            commissionLines.Add(new BulletinCommission(c.Topic, c.DueDate, c.TargetCount, c.AnsweredCount, c.LateCount, notAnswered));
        }

        return new BulletinData(request, caller.UnitName, ScopeWord(caller), today,
            BulletinFigures.Of(now), BulletinFigures.Of(last), lastYear is null ? new(0, 0, 0) : BulletinFigures.Of(lastYear),
            Channels(now, last, lastYear), groups, commissionLines)
        {
            PublishedNote = publishedNote,
        };
    }

    /// <summary>A unit's 通报 line with the published counts, points and 名次 (报送数 and the channels stay as counted).</summary>
    private static ReportUnitRow AsPublished(ReportUnitRow u, PublishedRankingRow? r) => u with
    {
        Adopted = r?.Score.AdoptionCount ?? 0,
        Points = r?.Score.AdoptionPoints ?? Points.Zero,
        Instructed = r?.Score.InstructionPoints ?? Points.Zero,
        Bonus = r?.Score.BonusPoints ?? Points.Zero,
        Deducted = r?.Score.DeductionPoints ?? Points.Zero,
        Net = r?.Score.Total ?? Points.Zero,
        Rank = r?.Rank,
    };

    /// <summary>"本月积分排名已发布（第1版，…），上表为发布时的数据；发布后调整（…）：姑苏区总 +3、…。"</summary>
    private static string PublishedNote(PublishedRanking frozen, IEnumerable<PublishedRankingRow> rowsInScope)
    {
        var adjusted = rowsInScope.Where(r => r.Adjustment != Points.Zero).OrderBy(r => r.Score.SortOrder).ThenBy(r => r.Score.UnitId)
            .Select(r => $"{r.Score.UnitName} {r.AdjustmentText}").ToList();
        var text = $"本月积分排名{frozen.Note}，上表为发布时的数据";
        return adjusted.Count == 0
            ? text + "，发布后无调整。"
            : text + $"；发布后调整（发布后对本月的更正，未计入上表）：{string.Join("、", adjusted)}。";
    }

    /// <summary>Builds the 通报 as .docx into <paramref name="output"/>; the reviewer's texts are checked first (nothing is written on bad input).</summary>
    public async Task WriteAsync(Caller caller, BulletinRequest request, BulletinEdits edits, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var texts = edits.Validated();
        var data = await GetAsync(caller, request, ct);
        BulletinDocument.Write(BulletinText.Compose(data, texts), output);
    }

    /// <summary>全市 for the city federation's reviewers, 全区 for a district's, else the unit's own name.</summary>
    private static string ScopeWord(Caller caller) => UnitScope.IsTopLevel(caller.UnitPath) ? "全市" : $"{caller.UnitName}及下级单位";

    /// <summary>A group's units by 积分 (the ranking's order: points, then the unit order), equal points sharing a 组内名次.</summary>
    private static List<BulletinRankRow> RankWithin(List<ReportUnitRow> units)
    {
        var ordered = units.Select((u, i) => (Unit: u, Order: i)).OrderByDescending(x => x.Unit.Net).ThenBy(x => x.Order).Select(x => x.Unit).ToList();
        var rows = new List<BulletinRankRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Net == ordered[i - 1].Net ? rows[i - 1].GroupRank : i + 1;
            rows.Add(new BulletinRankRow(rank, ordered[i].Rank, ordered[i].UnitName, ordered[i].Reported, ordered[i].Adopted, ordered[i]));
        }
        return rows;
    }

    private static ReportUnitRow Empty(TaskCompletionRow u) => new(u.UnitId, u.UnitName, 0, 0, 0, [], 0, 0, 0, null);

    /// <summary>Each publication's adoptions (篇次) this month, last month and last year, from the three 月度报表 summaries.</summary>
    private static List<BulletinChannel> Channels(MonthlyReportSummary now, MonthlyReportSummary last, MonthlyReportSummary? lastYear)
    {
        static Dictionary<int, int> Counts(MonthlyReportSummary? s) => s is null ? [] : s.Publications
            .Select((p, i) => (p.Id, Count: s.Units.Sum(u => u.AdoptedPerPublication[i])))
            .ToDictionary(x => x.Id, x => x.Count);
        var (a, b, c) = (Counts(now), Counts(last), Counts(lastYear));
        return now.Publications
            .Select(p => new BulletinChannel(p.Name, p.Level, a.GetValueOrDefault(p.Id), b.GetValueOrDefault(p.Id), c.GetValueOrDefault(p.Id)))
            .ToList();
    }
}
