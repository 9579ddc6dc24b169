namespace SmartUnion.Domain.Services;

public enum ChangeKind
{
    ItemSaved,
    ItemDeleted,
    ItemReported,
    ItemAdopted,
    ItemUnadopted,
    ItemRejected,
    DeductionChanged,
    PointsChanged,
    SettingsChanged,
    /// <summary>撤销驳回: a rejected item is reported again.</summary>
    ItemRejectionUndone,
    /// <summary>A notification for <see cref="ChangeEvent.UserId"/> was written (the bell counts up).</summary>
    NotificationAdded,
    /// <summary><see cref="ChangeEvent.UserId"/> read one or all of its notifications (its other tabs' bells count down).</summary>
    NotificationsRead,
    /// <summary>A 约稿 was created, changed, reminded (催报) or closed.</summary>
    CommissionChanged,
    /// <summary>
    /// Changes may have been missed (the PostgreSQL listening connection was lost and is back): every open screen
    /// re-queries everything it shows, once.
    /// </summary>
    Resync,
    /// <summary>A month's 积分排名 was 发布 (or 重新发布): rankings over it now show the frozen figures.</summary>
    MonthPublished,
}

/// <summary>Something committed that open screens may want to re-query for (kind and ids only; <paramref name="UserId"/> is the
/// recipient of a notification event).</summary>
public sealed record ChangeEvent(ChangeKind Kind, int? ItemId = null, int? UnitId = null, string? UserId = null)
{
    /// <summary>Whether scores (and so the ranking) may have changed.</summary>
    public bool AffectsScores => Kind is ChangeKind.ItemAdopted or ChangeKind.ItemUnadopted
        or ChangeKind.DeductionChanged or ChangeKind.PointsChanged or ChangeKind.SettingsChanged or ChangeKind.Resync or ChangeKind.MonthPublished;
}

/// <summary>
/// Publishes change events after commits and lets components subscribe.
/// In one process (SQLite) or shared by several app instances through PostgreSQL LISTEN/NOTIFY.
/// </summary>
public interface IChangeNotifier
{
    void Publish(ChangeEvent change);

    /// <summary>Subscribes a handler; dispose the result to unsubscribe.</summary>
    IDisposable Subscribe(Func<ChangeEvent, Task> handler);
}
