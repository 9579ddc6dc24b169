using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>What the 约稿 form submits; nullable so that missing values get a clear message.</summary>
public sealed record CommissionInput(string? Topic, string? Requirements, IReadOnlyCollection<int>? UnitIds, DateOnly? DueDate, int? Points);

/// <summary>Where a target unit stands on a 约稿, as the screens show it.</summary>
public enum CommissionUnitState
{
    /// <summary>待回应: open, not answered, the deadline not passed.</summary>
    Pending = 0,
    /// <summary>已回应: answered before the deadline.</summary>
    Answered = 1,
    /// <summary>迟报: answered after the deadline.</summary>
    Late = 2,
    /// <summary>逾期未回应: open, past the deadline, no answer.</summary>
    Overdue = 3,
    /// <summary>未回应: closed without an answer (fixed at closing).</summary>
    Unanswered = 4,
}

public static class CommissionText
{
    public static string Text(this CommissionUnitState s) => s switch
    {
        CommissionUnitState.Pending => "待回应",
        CommissionUnitState.Answered => "已回应",
        CommissionUnitState.Late => "迟报",
        CommissionUnitState.Overdue => "逾期未回应",
        CommissionUnitState.Unanswered => "未回应",
        _ => s.ToString(),
    };

    /// <summary>Whether the unit has answered (on time or late).</summary>
    public static bool IsAnswered(this CommissionUnitState s) => s is CommissionUnitState.Answered or CommissionUnitState.Late;

    /// <summary>剩余时间 until <paramref name="dueAt"/>: 剩余3天5小时, 剩余2小时, 已逾期1天.</summary>
    public static string TimeLeft(DateTime dueAt, DateTime now)
    {
        var left = dueAt - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays}天{(span.Hours > 0 ? $"{span.Hours}小时" : "")}"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}小时"
            : $"{Math.Max(1, span.Minutes)}分钟";
        return left > TimeSpan.Zero ? $"剩余{text}" : $"已逾期{text}";
    }
}

/// <summary>A line of the 约稿 list: for reviewers the counts, for a reporter its own unit's state.</summary>
public sealed record CommissionRow(
    int Id, string Topic, DateOnly DueDate, DateTime DueAt, int? Points, bool IsClosed,
    int TargetCount, int AnsweredCount, int LateCount, int NotAnsweredCount, CommissionUnitState? OwnState);

/// <summary>An answer (a reported item) of a target unit.</summary>
public sealed record CommissionAnswer(int ItemId, string Title, DateTime ReportedAt, bool IsLate);

/// <summary>A target unit of a 约稿 with its state and answers.</summary>
public sealed record CommissionTargetView(int UnitId, string UnitName, CommissionUnitState State, IReadOnlyList<CommissionAnswer> Answers);

/// <summary>A recorded 催报: when, by whom, which units.</summary>
public sealed record CommissionReminderView(DateTime SentAt, string SentByName, IReadOnlyList<string> UnitNames);

/// <summary>One 约稿 as its page shows it (a reporter gets only its own unit among the targets).</summary>
public sealed record CommissionDetail(
    int Id, string Topic, string Requirements, DateOnly DueDate, DateTime DueAt, int? Points,
    string UnitName, string CreatedByName, DateTime CreatedAt, DateTime? ClosedAt, int Version,
    bool CanManage, bool CanEdit, bool CanAnswer,
    IReadOnlyList<CommissionTargetView> Targets, IReadOnlyList<CommissionReminderView> Reminders)
{
    public bool IsClosed => ClosedAt is not null;
    public IReadOnlyList<int> TargetUnitIds => Targets.Select(t => t.UnitId).ToList();
}

/// <summary>An open 约稿 a reporter's item may answer (the item form's select, the reporter's 首页).</summary>
public sealed record CommissionOption(int Id, string Topic, DateOnly DueDate, DateTime DueAt, bool Answered);

/// <summary>A unit a reviewer may ask for items, in tree order (<see cref="Depth"/> below the reviewer's unit).</summary>
public sealed record CommissionUnitChoice(int Id, string Name, int Depth, int? ParentId, int? GroupId = null, string? GroupName = null);

/// <summary>逾期单位: a target of an open 约稿 past its deadline without an answer.</summary>
public sealed record LateUnit(int CommissionId, string Topic, int UnitId, string UnitName, DateOnly DueDate, DateTime DueAt);
