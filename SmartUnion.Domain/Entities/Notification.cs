namespace SmartUnion.Domain.Entities;

/// <summary>What a notification tells its recipient (the bell's 消息).</summary>
public enum NotificationKind
{
    /// <summary>已录用: an item of the recipient's unit was adopted (which publication and issue).</summary>
    Adopted = 1,
    /// <summary>已驳回: an item of the recipient's unit was rejected (with the reason).</summary>
    Rejected = 2,
    /// <summary>领导批示 (a later issue).</summary>
    Instruction = 3,
    /// <summary>催报 (issue 16).</summary>
    Reminder = 4,
    /// <summary>新约稿 (issue 16).</summary>
    NewCommission = 5,
    /// <summary>待审核: an item of the recipient reviewer's subtree was reported.</summary>
    ToReview = 6,
}

/// <summary>
/// One in-app notification for one user, written in the same transaction as the change that causes it
/// (<see cref="Services.NotificationService"/>), read or unread.
/// </summary>
public class Notification
{
    public const int TextMaxLength = 500;

    public long Id { get; set; }
    public string RecipientId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    /// <summary>The item it is about (null for kinds without one, e.g. a 约稿 later).</summary>
    public int? InfoItemId { get; set; }
    public InfoItem? InfoItem { get; set; }
    /// <summary>The 约稿 it is about (新约稿, 催报), or null.</summary>
    public int? CommissionId { get; set; }
    /// <summary>A short Chinese text: the publication and issue of an adoption, the reason of a rejection.</summary>
    public string Text { get; set; } = "";
    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>UTC; null while unread.</summary>
    public DateTime? ReadAt { get; set; }
}

public static class NotificationKindText
{
    public static string Text(this NotificationKind k) => k switch
    {
        NotificationKind.Adopted => "已录用",
        NotificationKind.Rejected => "已驳回",
        NotificationKind.Instruction => "领导批示",
        NotificationKind.Reminder => "催报",
        NotificationKind.NewCommission => "新约稿",
        NotificationKind.ToReview => "待审核",
        _ => k.ToString(),
    };
}
