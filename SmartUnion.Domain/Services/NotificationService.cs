using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>One notification as the bell lists it.</summary>
public sealed record NotificationView(long Id, NotificationKind Kind, int? ItemId, string Text, DateTime CreatedAt, bool IsRead, int? CommissionId = null);

/// <summary>
/// In-app notifications (the bell). Written by the services inside the <see cref="WriteFrame"/> of the change that
/// causes them (<see cref="NotifyUnitReportersAsync"/>, <see cref="NotifyReviewersAsync"/>), so a notification exists
/// exactly when its change was committed; the recipients' bells hear of it through <see cref="ChangeKind.NotificationAdded"/>.
/// A user only ever reads and marks its own, and never one about an item it can no longer see (a moved unit, a lost role).
/// </summary>
public class NotificationService(IDbContextFactory<AppDbContext> dbFactory, WriteFrame write)
{
    /// <summary>How many the bell lists: the latest.</summary>
    public const int ListSize = 50;

    /// <summary>The caller's unread notifications (those it may still see).</summary>
    public async Task<int> CountUnreadAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, caller).CountAsync(n => n.ReadAt == null, ct);
    }

    /// <summary>The caller's latest notifications, newest first (at most <see cref="ListSize"/>).</summary>
    public async Task<IReadOnlyList<NotificationView>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, caller)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(ListSize)
            .Select(n => new NotificationView(n.Id, n.Kind, n.InfoItemId, n.Text, n.CreatedAt, n.ReadAt != null, n.CommissionId))
            .ToListAsync(ct);
    }

    /// <summary>Marks one of the caller's notifications read (a click on it) and returns its item; NotFound for anyone else's.</summary>
    public async Task<int?> MarkReadAsync(Caller caller, long id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await write.RunAsync(caller, async w =>
        {
            var n = await Visible(w.Db, caller).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该消息");
            if (n.ReadAt is not null) w.Discard();
            else
            {
                n.ReadAt = w.Now;
                w.Publish(new ChangeEvent(ChangeKind.NotificationsRead, n.InfoItemId, UserId: caller.UserId));
            }
            return n.InfoItemId;
        }, ct);
    }

    /// <summary>全部已读: every unread notification of the caller; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await write.RunAsync(caller, async w =>
        {
            var unread = await w.Db.Notifications.Where(n => n.RecipientId == caller.UserId && n.ReadAt == null).ToListAsync(ct);
            if (unread.Count == 0) { w.Discard(); return 0; }
            foreach (var n in unread) n.ReadAt = w.Now;
            w.Publish(new ChangeEvent(ChangeKind.NotificationsRead, UserId: caller.UserId));
            return unread.Count;
        }, ct);
    }

    /// <summary>
    /// Inside a change's write: tells every active 报送员 of the item's unit (已录用, 已驳回; later 领导批示, 催报), except the
    /// caller itself.
    /// </summary>
    public static async Task NotifyUnitReportersAsync(WriteScope w, InfoItem item, NotificationKind kind, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(item);
        var unitId = item.UnitId;
        var recipients = await UsersInRole(w.Db, Roles.Reporter)
            .Where(u => u.UnitId == unitId && u.Id != w.Caller.UserId)
            .Select(u => u.Id)
            .ToListAsync(ct);
        Add(w, recipients, kind, item, text);
    }

    /// <summary>
    /// Inside a 上报's write: tells every active 审核员 whose subtree holds the items' unit (its unit or an ancestor of it,
    /// read from <paramref name="unitPath"/>) that each item waits for review (待审核), except the caller itself.
    /// Admins who are not reviewers are not told: they do not review.
    /// </summary>
    public static async Task NotifyReviewersAsync(WriteScope w, IReadOnlyList<InfoItem> items, string unitPath,
        Func<InfoItem, string> text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(unitPath);
        ArgumentNullException.ThrowIfNull(text);
        if (items.Count == 0) return;
        var recipients = await ReviewersOfAsync(w.Db, unitPath, w.Caller.UserId, ct);
        foreach (var item in items) Add(w, recipients, NotificationKind.ToReview, item, text(item));
    }

    /// <summary>
    /// Inside a 约稿's write (新约稿, 催报): tells every active 报送员 of the given units, except the caller itself; the
    /// notification leads to the 约稿.
    /// </summary>
    public static async Task NotifyReportersOfUnitsAsync(WriteScope w, IReadOnlyCollection<int> unitIds, NotificationKind kind,
        int commissionId, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(unitIds);
        if (unitIds.Count == 0) return;
        if (text.Length > Notification.TextMaxLength) text = text[..(Notification.TextMaxLength - 1)] + "…";
        var recipients = await UsersInRole(w.Db, Roles.Reporter)
            .Where(u => unitIds.Contains(u.UnitId) && u.Id != w.Caller.UserId)
            .Select(u => new { u.Id, u.UnitId })
            .ToListAsync(ct);
        foreach (var r in recipients)
        {
            w.Db.Notifications.Add(new Notification { RecipientId = r.Id, Kind = kind, CommissionId = commissionId, Text = text, CreatedAt = w.Now });
            w.Publish(new ChangeEvent(ChangeKind.NotificationAdded, UnitId: r.UnitId, UserId: r.Id));
        }
    }

    /// <summary>The active reviewers whose subtree holds a unit of this path (a unit path is its ancestors' ids).</summary>
    internal static Task<List<string>> ReviewersOfAsync(AppDbContext db, string unitPath, string exceptUserId, CancellationToken ct)
    {
        var ancestors = UnitScope.UnitsWhoseSubtreeHolds(unitPath);
        return UsersInRole(db, Roles.Reviewer)
            .Where(u => ancestors.Contains(u.UnitId) && u.Id != exceptUserId)
            .Select(u => u.Id)
            .ToListAsync(ct);
    }

    private static IQueryable<AppUser> UsersInRole(AppDbContext db, string role) =>
        db.Users.Where(u => u.IsActive && u.Unit!.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));

    /// <summary>The recipients already announced per write: a batch (上报 or 驳回 of many items) announces each user once.</summary>
    private static readonly ConditionalWeakTable<WriteScope, HashSet<string>> Announced = new();

    private static void Add(WriteScope w, IEnumerable<string> recipients, NotificationKind kind, InfoItem item, string text)
    {
        if (text.Length > Notification.TextMaxLength) text = text[..(Notification.TextMaxLength - 1)] + "…";
        var announced = Announced.GetValue(w, _ => []);
        foreach (var userId in recipients)
        {
            w.Db.Notifications.Add(new Notification
            {
                RecipientId = userId, Kind = kind, InfoItem = item, Text = text, CreatedAt = w.Now,
            });
            if (announced.Add(userId))
                w.Publish(new ChangeEvent(ChangeKind.NotificationAdded, item.Id == 0 ? null : item.Id, item.UnitId, userId));
        }
    }

    /// <summary>The caller's own notifications whose item or 约稿 (if any) it may still see.</summary>
    private static IQueryable<Notification> Visible(AppDbContext db, Caller caller)
    {
        var userId = caller.UserId;
        var items = db.Items.Where(ItemScope.Visible(caller)).Select(i => i.Id);
        var commissions = db.Commissions.Where(CommissionScope.Visible(caller)).Select(c => c.Id);
        return db.Notifications.Where(n => n.RecipientId == userId && (n.InfoItemId == null || items.Contains(n.InfoItemId.Value))
            && (n.CommissionId == null || commissions.Contains(n.CommissionId.Value)));
    }
}
