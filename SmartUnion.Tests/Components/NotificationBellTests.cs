using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Layout;

namespace SmartUnion.Tests.Components;

public class NotificationBellTests : BunitTestBase
{
    private TestDatabase db = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller reviewer = default!;

    public NotificationBellTests()
    {
        Services.AddSingleton(_ => db.Get<NotificationService>());
        Services.AddSingleton(_ => db.Get<IChangeNotifier>());
    }

    public override async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        db.Notifier.InBackground = true;
        gusu = await db.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        wuzhong = await db.CreateUserAsync("wuzhong1", "吴中区总", Roles.Reporter);
        reviewer = await db.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
    }

    protected override async Task CleanUpAsync() => await db.DisposeAsync();

    private IRenderedComponent<NotificationBell> RenderBell(Caller caller) => Render<NotificationBell>(p => p.Add(b => b.Caller, caller));

    private async Task<int> RejectedItemAsync(Caller author, string title)
    {
        var id = await AdoptionServiceTests.AddItemAsync(db, author, title: title);
        await db.Get<AdoptionService>().RejectAsync(reviewer, id, null, "请补充");
        return id;
    }

    [Fact]
    public async Task ClosedTheBellIsLightMarkupWithTheUnreadCountAndNoMudComponent()
    {
        await RejectedItemAsync(gusu, "甲");

        var cut = RenderBell(gusu);

        Assert.Equal("1", cut.Find("#notification-count").TextContent);
        Assert.Empty(cut.FindAll("#notification-panel"));
        Assert.Empty(cut.FindComponents<MudBlazor.MudPopover>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudBadge>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudMenu>());
        Assert.Equal(1, cut.RenderCount);
    }

    [Fact]
    public async Task TheCountGoesUpWhenANotificationForThisUserIsWrittenAndIgnoresOthersAndStopsWhenDisposed()
    {
        var cut = RenderBell(gusu);
        Assert.Empty(cut.FindAll("#notification-count"));

        await RejectedItemAsync(wuzhong, "别人的");
        await RejectedItemAsync(gusu, "自己的");

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("#notification-count").TextContent));
        Assert.Equal(1, cut.Instance.Unread);

        var subscribers = db.Notifier.SubscriberCount;
        await DisposeComponentsAsync();
        Assert.Equal(subscribers - 1, db.Notifier.SubscriberCount);
    }

    [Fact]
    public void OnlyThisUsersNotificationEventsConcernTheBell()
    {
        Assert.True(NotificationBell.Concerns(new ChangeEvent(ChangeKind.NotificationAdded, 1, 2, "u1"), "u1"));
        Assert.True(NotificationBell.Concerns(new ChangeEvent(ChangeKind.NotificationsRead, UserId: "u1"), "u1"));
        Assert.False(NotificationBell.Concerns(new ChangeEvent(ChangeKind.NotificationAdded, 1, 2, "u2"), "u1"));
        Assert.False(NotificationBell.Concerns(new ChangeEvent(ChangeKind.ItemAdopted, 1, 2), "u1"));
        Assert.True(NotificationBell.Concerns(new ChangeEvent(ChangeKind.Resync), "u1"));
    }

    [Fact]
    public async Task OpenedItListsTheLatestAndAClickMarksItReadAndOpensTheItem()
    {
        var first = await RejectedItemAsync(gusu, "第一条");
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await RejectedItemAsync(gusu, "第二条");
        var cut = RenderBell(gusu);

        await cut.Find("#notification-bell").ClickAsync(new());

        var items = cut.FindAll(".su-bell-item");
        Assert.Equal(2, items.Count);
        Assert.Contains("第二条", items[0].TextContent);
        Assert.Contains("已驳回", items[0].TextContent);
        await items[1].ClickAsync(new());

        Assert.EndsWith($"items/{first}", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(cut.FindAll("#notification-panel"));
        Assert.Equal("1", cut.Find("#notification-count").TextContent);
        Assert.Equal(1, await db.Get<NotificationService>().CountUnreadAsync(gusu));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task AllReadClearsTheCountAndAnEmptyListSaysSo()
    {
        await RejectedItemAsync(gusu, "甲");
        await RejectedItemAsync(gusu, "乙");
        var cut = RenderBell(gusu);
        await cut.Find("#notification-bell").ClickAsync(new());

        await cut.Find("#notification-read-all").ClickAsync(new());

        Assert.Empty(cut.FindAll("#notification-count"));
        Assert.Equal(0, await db.Get<NotificationService>().CountUnreadAsync(gusu));
        Assert.Empty(cut.FindAll(".su-bell-unread"));

        var empty = RenderBell(wuzhong);
        await empty.Find("#notification-bell").ClickAsync(new());
        Assert.Equal("暂无消息", empty.Find("#notification-empty").TextContent);
        Assert.True(empty.Find("#notification-read-all").HasAttribute("disabled"));
    }
}
