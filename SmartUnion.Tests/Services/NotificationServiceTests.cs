using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class NotificationServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller gusu2 = default!;
    private Caller wuzhong = default!;
    private Caller cityReviewer = default!;
    private Caller wuzhongReviewer = default!;
    private Caller admin = default!;
    private NotificationService notifications = default!;
    private AdoptionService adoption = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        gusu2 = await t.CreateUserAsync("gusu2", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong1", "吴中区总", Roles.Reporter);
        cityReviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
        wuzhongReviewer = await t.CreateUserAsync("shenhe-wz", "吴中区总", Roles.Reviewer);
        admin = await t.CreateUserAsync("admin1", "苏州市总工会", Roles.Admin);
        notifications = t.Get<NotificationService>();
        adoption = t.Get<AdoptionService>();
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<AdoptionChoice> ChoiceAsync(string publication, string form, int? year = null, int? issue = null)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var f = await db.AdoptionForms.AsNoTracking().SingleAsync(x => x.Publication!.Name == publication && x.Name == form);
        return new AdoptionChoice(f.PublicationId, f.Id, year, issue);
    }

    private async Task<List<Notification>> RowsAsync()
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private async Task DisableAsync(Caller user)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
    }

    [Fact]
    public async Task AdoptingAnItemTellsEveryActiveReporterOfItsUnitWhichPublicationAndIssue()
    {
        var disabled = await t.CreateUserAsync("gusu3", "姑苏区总", Roles.Reporter);
        await DisableAsync(disabled);
        var id = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "职工书屋建设");

        await adoption.SaveAdoptionsAsync(cityReviewer, id, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2026, 5)]);

        var rows = await RowsAsync();
        Assert.Equal(new[] { gusu.UserId, gusu2.UserId }.Order(StringComparer.Ordinal), rows.Select(r => r.RecipientId).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(NotificationKind.Adopted, r.Kind));
        Assert.All(rows, r => Assert.Equal("《职工书屋建设》被《苏州工会信息》2026年第5期（正文）录用", r.Text));
        Assert.All(rows, r => Assert.Equal(id, r.InfoItemId));
        Assert.Contains(new ChangeEvent(ChangeKind.NotificationAdded, id, gusu.UnitId, gusu.UserId), t.Notifier.Published);
        Assert.Equal(1, await notifications.CountUnreadAsync(gusu));
        Assert.Equal(0, await notifications.CountUnreadAsync(wuzhong));
        Assert.Equal(0, await notifications.CountUnreadAsync(cityReviewer));
    }

    [Fact]
    public async Task RejectingAnItemTellsTheUnitsReportersTheReason()
    {
        var id = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "困难职工帮扶");

        await adoption.RejectAsync(cityReviewer, id, null, "请补充帮扶人数");

        var list = await notifications.ListAsync(gusu);
        var n = Assert.Single(list);
        Assert.Equal(NotificationKind.Rejected, n.Kind);
        Assert.Equal("《困难职工帮扶》已驳回，驳回理由：请补充帮扶人数", n.Text);
        Assert.False(n.IsRead);
        Assert.Equal(id, n.ItemId);
    }

    [Fact]
    public async Task ReportingTellsTheReviewersWhoseSubtreeHoldsTheUnitButNotOtherReviewersOrAdmins()
    {
        var id = await t.DraftAsync(gusu, "劳模宣讲");

        await t.Get<ItemService>().ReportAsync(gusu, [id]);

        var rows = await RowsAsync();
        var row = Assert.Single(rows);
        Assert.Equal(cityReviewer.UserId, row.RecipientId);
        Assert.Equal(NotificationKind.ToReview, row.Kind);
        Assert.Equal("姑苏区总上报《劳模宣讲》，待审核", row.Text);
        Assert.Equal(0, await notifications.CountUnreadAsync(wuzhongReviewer));
        Assert.Equal(0, await notifications.CountUnreadAsync(admin));
    }

    [Fact]
    public async Task AReportOfSeveralItemsNotifiesPerItemButAnnouncesEachReviewerOnce()
    {
        var ids = new[] { await t.DraftAsync(gusu, "一"), await t.DraftAsync(gusu, "二"), await t.DraftAsync(gusu, "三") };

        await t.Get<ItemService>().ReportAsync(gusu, ids);

        Assert.Equal(3, await notifications.CountUnreadAsync(cityReviewer));
        Assert.Single(t.Notifier.Published, e => e.Kind == ChangeKind.NotificationAdded && e.UserId == cityReviewer.UserId);
    }

    [Fact]
    public async Task ARefusedChangeLeavesNoNotificationBehind()
    {
        var adopted = await AdoptionServiceTests.AddItemAsync(t, gusu);
        await adoption.SaveAdoptionsAsync(cityReviewer, adopted, null, [await ChoiceAsync("苏州工会网", "文字")]);
        var before = await RowsAsync();
        var rejected = await AdoptionServiceTests.AddItemAsync(t, gusu, ItemState.Rejected);

        await Assert.ThrowsAsync<DomainException>(() => adoption.RejectAsync(cityReviewer, adopted, null, "不实"));
        await Assert.ThrowsAnyAsync<DomainException>(() => adoption.SaveAdoptionsAsync(cityReviewer, rejected, null, [new AdoptionChoice(1, 1, 2026, 1)]));
        await Assert.ThrowsAnyAsync<DomainException>(() => adoption.RejectAsync(wuzhongReviewer, adopted, null, "越权"));

        Assert.Equal(before.Select(r => r.Id), (await RowsAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task AUserReadsAndMarksOnlyItsOwnNotifications()
    {
        var id = await AdoptionServiceTests.AddItemAsync(t, gusu);
        await adoption.RejectAsync(cityReviewer, id, null, "请修改");
        var mine = Assert.Single(await notifications.ListAsync(gusu));

        Assert.Empty(await notifications.ListAsync(wuzhong));
        await Assert.ThrowsAsync<NotFoundException>(() => notifications.MarkReadAsync(wuzhong, mine.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => notifications.MarkReadAsync(cityReviewer, mine.Id));
        Assert.Equal(0, await notifications.MarkAllReadAsync(wuzhong));
        Assert.Equal(1, await notifications.CountUnreadAsync(gusu));

        Assert.Equal(id, await notifications.MarkReadAsync(gusu, mine.Id));
        Assert.Equal(0, await notifications.CountUnreadAsync(gusu));
        Assert.True(Assert.Single(await notifications.ListAsync(gusu)).IsRead);
        Assert.Equal(1, await notifications.CountUnreadAsync(gusu2)); // gusu2's copy is its own
        Assert.Contains(new ChangeEvent(ChangeKind.NotificationsRead, id, null, gusu.UserId), t.Notifier.Published);
    }

    [Fact]
    public async Task ANotificationAboutAnItemTheUserNoLongerSeesIsNotShown()
    {
        var id = await AdoptionServiceTests.AddItemAsync(t, gusu);
        await adoption.RejectAsync(cityReviewer, id, null, "请修改");
        var n = Assert.Single(await notifications.ListAsync(gusu));

        await t.Get<SettingsService>().UpdateUserAsync(admin, gusu.UserId, "gusu1", await t.UnitIdAsync("吴中区总"));
        var moved = await t.CallerAsync("gusu1");

        Assert.Equal(0, await notifications.CountUnreadAsync(moved));
        Assert.Empty(await notifications.ListAsync(moved));
        await Assert.ThrowsAsync<NotFoundException>(() => notifications.MarkReadAsync(moved, n.Id));
    }

    [Fact]
    public async Task AllReadClearsTheCountAndTheListIsLatestFirst()
    {
        var first = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "第一条");
        var second = await AdoptionServiceTests.AddItemAsync(t, gusu, title: "第二条");
        await adoption.RejectAsync(cityReviewer, first, null, "甲");
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        await adoption.SaveAdoptionsAsync(cityReviewer, second, null, [await ChoiceAsync("苏州工会网", "文字")]);

        Assert.Equal([second, first], (await notifications.ListAsync(gusu)).Select(n => n.ItemId));
        Assert.Equal(2, await notifications.CountUnreadAsync(gusu));

        Assert.Equal(2, await notifications.MarkAllReadAsync(gusu));

        Assert.Equal(0, await notifications.CountUnreadAsync(gusu));
        Assert.All(await notifications.ListAsync(gusu), n => Assert.True(n.IsRead));
        Assert.Equal(2, await notifications.CountUnreadAsync(gusu2));
        Assert.Contains(new ChangeEvent(ChangeKind.NotificationsRead, null, null, gusu.UserId), t.Notifier.Published);
    }
}
