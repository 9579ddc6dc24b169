using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Entities;

/// <summary>What a target unit did about a 约稿; stored when the 约稿 is closed (<see cref="Open"/> until then).</summary>
public enum CommissionTargetStatus
{
    /// <summary>The 约稿 is open: the status is computed from the answers and the deadline.</summary>
    Open = 0,
    /// <summary>已回应: answered (an item reported) before the deadline.</summary>
    Answered = 1,
    /// <summary>迟报: answered, but the first answer was reported after the deadline.</summary>
    Late = 2,
    /// <summary>未回应: no answer when the 约稿 was closed.</summary>
    Unanswered = 3,
}

/// <summary>
/// 约稿: a reviewer commissions items on a topic from chosen units of its subtree, due at the end of a China day.
/// An item answers it through <see cref="InfoItem.CommissionId"/>; 催报 reminds the units without an answer
/// (<see cref="CommissionReminder"/>); 关闭 fixes every target's status (<see cref="Close"/>).
/// </summary>
public class Commission : ITimestamped
{
    public const int TopicMaxLength = 100;
    public const int RequirementsMaxLength = 2000;
    public const int MaxPoints = 100;
    public const int MaxTargets = 500;

    public int Id { get; set; }
    /// <summary>主题.</summary>
    public string Topic { get; set; } = "";
    /// <summary>要求.</summary>
    public string Requirements { get; set; } = "";
    /// <summary>截止日期 (China calendar day); due at the end of it, China time.</summary>
    public DateOnly DueDate { get; private set; }
    /// <summary>The UTC instant the 约稿 is due: the start of the China day after <see cref="DueDate"/> (an answer reported at or after it is 迟报).</summary>
    public DateTime DueAt { get; private set; }
    /// <summary>分值 (optional, informative or for the month's rule).</summary>
    public int? Points { get; set; }
    /// <summary>The unit of the reviewer who created it: the reviewers whose subtree holds it see and manage it.</summary>
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>关闭 (UTC); null while open.</summary>
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedById { get; private set; }
    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public List<CommissionTarget> Targets { get; set; } = [];
    public List<CommissionReminder> Reminders { get; set; } = [];

    public bool IsClosed => ClosedAt is not null;

    /// <summary>The instant a 约稿 due on <paramref name="dueDate"/> is due: the end of that China day.</summary>
    public static DateTime DueAtFor(DateOnly dueDate) => ChinaTime.StartOfDayUtc(dueDate.AddDays(1));

    /// <summary>Whether an answer reported at <paramref name="reportedAt"/> (UTC) is late for this deadline.</summary>
    public static bool IsLate(DateTime reportedAt, DateTime dueAt) => reportedAt >= dueAt;

    public void SetDueDate(DateOnly dueDate)
    {
        DueDate = dueDate;
        DueAt = DueAtFor(dueDate);
    }

    /// <summary>关闭: fixes every target's status from its first answer's 上报 time (null: none); refused when closed already.</summary>
    public void Close(IReadOnlyDictionary<int, DateTime> firstAnswerByUnit, string closedById, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(firstAnswerByUnit);
        EnsureOpen();
        foreach (var target in Targets)
            target.Status = firstAnswerByUnit.TryGetValue(target.UnitId, out var at)
                ? IsLate(at, DueAt) ? CommissionTargetStatus.Late : CommissionTargetStatus.Answered
                : CommissionTargetStatus.Unanswered;
        ClosedAt = now;
        ClosedById = closedById;
        Version++;
    }

    public void EnsureOpen()
    {
        if (IsClosed) throw new DomainException("该约稿已关闭");
    }

    public void Touch() => Version++;
}

/// <summary>A unit a 约稿 asks to answer, with its status fixed at closing.</summary>
public class CommissionTarget
{
    public int CommissionId { get; set; }
    public Commission? Commission { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public CommissionTargetStatus Status { get; set; }
}

/// <summary>催报: who reminded which units of a 约稿, when.</summary>
public class CommissionReminder
{
    public int Id { get; set; }
    public int CommissionId { get; set; }
    public Commission? Commission { get; set; }
    public string SentById { get; set; } = "";
    /// <summary>UTC.</summary>
    public DateTime SentAt { get; set; }
    /// <summary>The units reminded (those without an answer at that moment).</summary>
    public List<int> UnitIds { get; set; } = [];
}
