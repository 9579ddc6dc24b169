using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Light;

namespace SmartUnion.Web.Components.Layout;

/// <summary>
/// 消息: the unread count, live through <see cref="IChangeNotifier"/> (a <see cref="ChangeKind.NotificationAdded"/> or
/// <see cref="ChangeKind.NotificationsRead"/> for this user re-counts), and when opened the latest notifications:
/// a click marks one read and opens its item; 全部已读.
/// </summary>
public partial class NotificationBell : IDisposable
{
    [Parameter, EditorRequired] public Caller Caller { get; set; } = default!;

    [Inject] private NotificationService Notifications { get; set; } = default!;
    [Inject] private IChangeNotifier Changes { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The unread count shown on the badge.</summary>
    public int Unread { get; private set; }

    private bool open;
    private IReadOnlyList<NotificationView>? list;
    private IDisposable? subscription;
    /// <summary>1 while a re-count is queued: a burst of events (a 上报 of many items) costs one query.</summary>
    private int queued;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive) subscription = Changes.Subscribe(OnChangeAsync);
        Unread = await Notifications.CountUnreadAsync(Caller);
    }

    /// <summary>
    /// Whether an event concerns this bell: a notification of this user added or read, or a Resync (events may have been
    /// missed while the PostgreSQL listening connection was away).
    /// </summary>
    public static bool Concerns(ChangeEvent change, string userId) =>
        change.Kind is ChangeKind.Resync
        || change.Kind is ChangeKind.NotificationAdded or ChangeKind.NotificationsRead && change.UserId == userId;

    private Task OnChangeAsync(ChangeEvent change)
    {
        if (!Concerns(change, Caller.UserId) || Interlocked.Exchange(ref queued, 1) == 1) return Task.CompletedTask;
        return InvokeAsync(async () =>
        {
            Interlocked.Exchange(ref queued, 0);
            try { await RefreshAsync(); }
            catch (ObjectDisposedException) { return; } // the circuit went away meanwhile
            StateHasChanged();
        });
    }

    private async Task RefreshAsync()
    {
        Unread = await Notifications.CountUnreadAsync(Caller);
        if (open) list = await Notifications.ListAsync(Caller);
    }

    private async Task ToggleAsync()
    {
        if (open) { Close(); return; }
        open = true;
        await RefreshAsync();
    }

    private void Close()
    {
        open = false;
        list = null;
    }

    private async Task OpenAsync(NotificationView n)
    {
        int? itemId;
        try { itemId = n.IsRead ? n.ItemId : await Notifications.MarkReadAsync(Caller, n.Id); }
        catch (NotFoundException) { itemId = null; } // gone meanwhile (the item moved out of sight)
        Close();
        Unread = await Notifications.CountUnreadAsync(Caller);
        if (itemId is not null) Navigation.NavigateTo($"items/{itemId}");
        else if (n.CommissionId is { } commissionId) Navigation.NavigateTo($"commissions/{commissionId}"); // 新约稿, 催报
    }

    private async Task ReadAllAsync()
    {
        await Notifications.MarkAllReadAsync(Caller);
        await RefreshAsync();
    }

    public void Dispose() => subscription?.Dispose();

    private static readonly string ButtonClass = LightButton.IconButtonClass(Color.Inherit) + " su-bell-button";
    private static readonly string ReadAllClass = LightButton.ButtonClass(Variant.Text, Color.Primary);
    private static readonly MarkupString BellIcon = LightIcon.Svg(Icons.Material.Filled.Notifications);
}
