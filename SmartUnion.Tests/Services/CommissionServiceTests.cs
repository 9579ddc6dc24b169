using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>约稿 and 催报 (issue 16 item 3): every rule's edge, on SQLite and PostgreSQL.</summary>
public class CommissionServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller gusu2 = default!;
    private Caller wuzhong = default!;
    private Caller xiangcheng = default!;
    private Caller cityReviewer = default!;
    private Caller wuzhongReviewer = default!;
    private CommissionService commissions = default!;
    private ItemService items = default!;
    private int gusuId, wuzhongId, xiangchengId;

    /// <summary>2026-11-30, the last day of the month: due at 2026-11-30 16:00 UTC (24:00 China).</summary>
    private static readonly DateOnly LastDayOfNovember = new(2026, 11, 30);

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        gusu2 = await t.CreateUserAsync("gusu2", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong1", "吴中区总", Roles.Reporter);
        xiangcheng = await t.CreateUserAsync("xiangcheng1", "相城区总", Roles.Reporter);
        cityReviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
        wuzhongReviewer = await t.CreateUserAsync("shenhe-wz", "吴中区总", Roles.Reviewer);
        commissions = t.Get<CommissionService>();
        items = t.Get<ItemService>();
        (gusuId, wuzhongId, xiangchengId) = (gusu.UnitId, wuzhong.UnitId, xiangcheng.UnitId);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private CommissionInput Input(params int[] unitIds) =>
        new("劳模工匠事迹", "每单位报送一篇，800字以内", unitIds, LastDayOfNovember, 5);

    private Task<int> CreateAsync(params int[] unitIds) => commissions.CreateAsync(cityReviewer, Input(unitIds));

    /// <summary>The reporter answers with a new item and reports it at <paramref name="utc"/>.</summary>
    private async Task<int> AnswerAsync(Caller reporter, int commissionId, DateTime? utc = null)
    {
        if (utc is { } at) t.Clock.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
        var saved = await items.CreateAsync(reporter, new ItemInput { Title = "答复约稿", Body = "正文", Category = InfoCategory.General, CommissionId = commissionId });
        await items.ReportAsync(reporter, [saved.Id]);
        return saved.Id;
    }

    private async Task<List<Notification>> NotificationsAsync(NotificationKind kind)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.Kind == kind).OrderBy(n => n.Id).ToListAsync();
    }

    private static CommissionUnitState StateOf(CommissionDetail d, int unitId) => d.Targets.Single(x => x.UnitId == unitId).State;

    [Fact]
    public async Task CreatingACommissionTellsEveryActiveReporterOfEachTargetUnitAndNoOneElse()
    {
        var id = await CreateAsync(gusuId, wuzhongId);

        var sent = await NotificationsAsync(NotificationKind.NewCommission);
        Assert.Equal(new[] { gusu.UserId, gusu2.UserId, wuzhong.UserId }.Order(StringComparer.Ordinal), sent.Select(n => n.RecipientId).Order(StringComparer.Ordinal));
        Assert.All(sent, n => Assert.Equal(id, n.CommissionId));
        Assert.All(sent, n => Assert.Equal("新约稿《劳模工匠事迹》，截止日期 2026-11-30", n.Text));
        Assert.Contains(new ChangeEvent(ChangeKind.NotificationAdded, null, wuzhongId, wuzhong.UserId), t.Notifier.Published);
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.CommissionChanged);
        var detail = await commissions.GetAsync(cityReviewer, id);
        Assert.Equal(Commission.DueAtFor(LastDayOfNovember), detail.DueAt);
        Assert.Equal(new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc), detail.DueAt);
        Assert.All(detail.Targets, x => Assert.Equal(CommissionUnitState.Pending, x.State));
        Assert.True(detail.CanEdit);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "no target", "请选择约稿单位" },
        { "past deadline", "截止日期不能早于今天" },
        { "blank topic", "请填写约稿主题" },
        { "no deadline", "请选择截止日期" },
        { "negative points", "约稿分值必须大于0（不计分请留空）" },
        { "own unit", "所选约稿单位不存在或不在管辖范围内" },
        { "unknown unit", "所选约稿单位不存在或不在管辖范围内" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsRefusedWithAChineseMessageAndNothingIsSaved(string bad, string message)
    {
        var input = Input(gusuId);
        input = bad switch
        {
            "no target" => input with { UnitIds = [] },
            "past deadline" => input with { DueDate = new DateOnly(2026, 11, 25) },
            "blank topic" => input with { Topic = "  " },
            "no deadline" => input with { DueDate = null },
            "negative points" => input with { Points = -1 },
            "own unit" => input with { UnitIds = [cityReviewer.UnitId] },
            _ => input with { UnitIds = [gusuId, 99999] },
        };

        var ex = await Assert.ThrowsAnyAsync<DomainException>(() => commissions.CreateAsync(cityReviewer, input));

        Assert.Equal(message, ex.Message);
        Assert.Equal(0, await t.CountAsync<Commission>());
        Assert.Equal(0, await t.CountAsync<Notification>());
    }

    [Fact]
    public async Task ADeadlineOfTodayIsAcceptedAndAReporterCannotCreateACommission()
    {
        var id = await commissions.CreateAsync(cityReviewer, Input(gusuId) with { DueDate = new DateOnly(2026, 11, 26) });
        Assert.True(id > 0);
        await Assert.ThrowsAsync<ForbiddenException>(() => commissions.CreateAsync(gusu, Input(gusuId)));
    }

    [Fact]
    public async Task AnAnswerReportedAt2359ChinaTimeOnTheLastDayOfTheMonthIsOnTimeAndOneAfterMidnightIsLate()
    {
        var id = await CreateAsync(gusuId, wuzhongId, xiangchengId);
        // 23:59 China on 30 November = 15:59 UTC: on time.
        await AnswerAsync(gusu, id, new DateTime(2026, 11, 30, 15, 59, 0, DateTimeKind.Utc));
        // 00:00 China on 1 December = 16:00 UTC, still 30 November in UTC: late.
        await AnswerAsync(wuzhong, id, new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc));

        var detail = await commissions.GetAsync(cityReviewer, id);
        Assert.Equal(CommissionUnitState.Answered, StateOf(detail, gusuId));
        Assert.Equal(CommissionUnitState.Late, StateOf(detail, wuzhongId));
        Assert.Equal(CommissionUnitState.Overdue, StateOf(detail, xiangchengId));
        Assert.True(detail.Targets.Single(x => x.UnitId == wuzhongId).Answers.Single().IsLate);
        var row = (await commissions.ListAsync(cityReviewer)).Single();
        Assert.Equal((3, 1, 1, 1), (row.TargetCount, row.AnsweredCount, row.LateCount, row.NotAnsweredCount));
    }

    [Fact]
    public async Task ADraftIsNoAnswerUntilItIsReported()
    {
        var id = await CreateAsync(gusuId);
        await items.CreateAsync(gusu, new ItemInput { Title = "草稿", Body = "正文", Category = InfoCategory.General, CommissionId = id });

        Assert.Equal(CommissionUnitState.Pending, StateOf(await commissions.GetAsync(cityReviewer, id), gusuId));
        Assert.True((await commissions.GetAsync(cityReviewer, id)).CanEdit);
    }

    [Fact]
    public async Task RemindingTellsOnlyTheUnansweredUnitsReportersAndRecordsWhoWhenAndWhichUnits()
    {
        var id = await CreateAsync(gusuId, wuzhongId, xiangchengId);
        await AnswerAsync(gusu, id);
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        t.Notifier.Published.Clear();

        var names = await commissions.RemindAsync(cityReviewer, id);

        Assert.Equal(["吴中区总", "相城区总"], names);
        var sent = await NotificationsAsync(NotificationKind.Reminder);
        Assert.Equal(new[] { wuzhong.UserId, xiangcheng.UserId }.Order(StringComparer.Ordinal), sent.Select(n => n.RecipientId).Order(StringComparer.Ordinal));
        Assert.All(sent, n => Assert.Equal("催报：请尽快回应约稿《劳模工匠事迹》（截止日期 2026-11-30）", n.Text));
        Assert.Contains(new ChangeEvent(ChangeKind.NotificationAdded, null, wuzhongId, wuzhong.UserId), t.Notifier.Published);
        var reminder = (await commissions.GetAsync(cityReviewer, id)).Reminders.Single();
        Assert.Equal(["吴中区总", "相城区总"], reminder.UnitNames);
        Assert.Equal("shenhe1", reminder.SentByName);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, reminder.SentAt);
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "催报" && a.EntityType == AuditEntityTypes.Commission).ToListAsync());
    }

    [Fact]
    public async Task RemindingWhenEveryUnitAnsweredIsRefused()
    {
        var id = await CreateAsync(gusuId);
        await AnswerAsync(gusu, id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => commissions.RemindAsync(cityReviewer, id));
        Assert.Equal("所有单位均已回应，无需催报", ex.Message);
        Assert.Equal(0, await t.CountAsync<CommissionReminder>());
    }

    [Fact]
    public async Task ClosingFixesTheUnansweredUnitsAsUnansweredAndClosingTwiceIsRefused()
    {
        var id = await CreateAsync(gusuId, wuzhongId);
        await AnswerAsync(gusu, id);
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));

        await commissions.CloseAsync(cityReviewer, id);

        var detail = await commissions.GetAsync(cityReviewer, id);
        Assert.True(detail.IsClosed);
        Assert.False(detail.CanManage);
        Assert.Equal(CommissionUnitState.Answered, StateOf(detail, gusuId));
        Assert.Equal(CommissionUnitState.Unanswered, StateOf(detail, wuzhongId));
        var twice = await Assert.ThrowsAsync<DomainException>(() => commissions.CloseAsync(cityReviewer, id));
        Assert.Equal("该约稿已关闭", twice.Message);
        await Assert.ThrowsAsync<DomainException>(() => commissions.RemindAsync(cityReviewer, id));
        var late = await Assert.ThrowsAsync<DomainException>(() => AnswerAsync(wuzhong, id));
        Assert.Equal("所选约稿已关闭，不能再回应", late.Message);
        Assert.Equal(CommissionUnitState.Unanswered, StateOf(await commissions.GetAsync(cityReviewer, id), wuzhongId));
    }

    [Fact]
    public async Task ClosingFromTwoBrowsersAtOnceClosesOnceAndRefusesTheOther()
    {
        var id = await CreateAsync(gusuId, wuzhongId);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try { await commissions.CloseAsync(cityReviewer, id); return null; }
            catch (DomainException ex) { return ex.Message; }
        }));

        Assert.Equal([null, "该约稿已关闭"], results.Order());
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "关闭约稿").ToListAsync());
    }

    [Fact]
    public async Task TheMonthsUnansweredCountGoesToTheMonthOfTheChinaDeadline()
    {
        var closed = await CreateAsync(gusuId, wuzhongId);
        var open = await CreateAsync(wuzhongId, xiangchengId);
        await AnswerAsync(xiangcheng, open);
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)); // 1 December 00:30 China: both due
        await commissions.CloseAsync(cityReviewer, closed);

        var november = await commissions.UnansweredByUnitAsync(cityReviewer, 2026, 11);
        var december = await commissions.UnansweredByUnitAsync(cityReviewer, 2026, 12);

        Assert.Equal(new Dictionary<int, int> { [gusuId] = 1, [wuzhongId] = 2 }, november);
        Assert.Empty(december);
        // A district reviewer: its own subtree's units only, whoever created the 约稿.
        Assert.Equal(new Dictionary<int, int> { [wuzhongId] = 2 }, await commissions.UnansweredByUnitAsync(wuzhongReviewer, 2026, 11));
        await Assert.ThrowsAsync<ForbiddenException>(() => commissions.UnansweredByUnitAsync(gusu, 2026, 11));
    }

    [Fact]
    public async Task TheTargetChoicesCarryTheirUnitGroupSoThatAGroupCanBeChosen()
    {
        var admin = await t.CreateUserAsync("adm1", "苏州市总工会", Roles.Admin);
        var quotas = t.Get<QuotaService>();
        var districts = await quotas.AddGroupAsync(admin, "县市区总工会", 1);
        await quotas.SetUnitGroupAsync(admin, gusuId, districts);
        await quotas.SetUnitGroupAsync(admin, wuzhongId, districts);

        var choices = await commissions.TargetChoicesAsync(cityReviewer);
        Assert.Equal(new[] { gusuId, wuzhongId }.Order(), choices.Where(c => c.GroupId == districts).Select(c => c.Id).Order());
        Assert.All(choices.Where(c => c.GroupId == districts), c => Assert.Equal("县市区总工会", c.GroupName));
        Assert.Null(choices.Single(c => c.Id == xiangchengId).GroupId);
    }

    [Fact]
    public async Task AReviewerOfOneDistrictCannotSeeTargetRemindOrCloseAnotherDistrictsCommission()
    {
        var city = await CreateAsync(gusuId, wuzhongId);
        var street = await t.AddUnitAsync("吴中街道", "吴中区总");
        var own = await commissions.CreateAsync(wuzhongReviewer, Input(street));

        Assert.Equal([own], (await commissions.ListAsync(wuzhongReviewer)).Select(r => r.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => commissions.GetAsync(wuzhongReviewer, city));
        await Assert.ThrowsAsync<NotFoundException>(() => commissions.RemindAsync(wuzhongReviewer, city));
        await Assert.ThrowsAsync<NotFoundException>(() => commissions.CloseAsync(wuzhongReviewer, city));
        var target = await Assert.ThrowsAsync<NotFoundException>(() => commissions.CreateAsync(wuzhongReviewer, Input(gusuId)));
        Assert.Equal("所选约稿单位不存在或不在管辖范围内", target.Message);
        Assert.Equal([street], (await commissions.TargetChoicesAsync(wuzhongReviewer)).Select(c => c.Id));
        // The city reviewer sees (and manages) what its subtree created.
        Assert.Equal(new[] { city, own }.Order(), (await commissions.ListAsync(cityReviewer)).Select(r => r.Id).Order());
        Assert.True((await commissions.GetAsync(cityReviewer, own)).CanManage);
    }

    [Fact]
    public async Task AReporterSeesOnlyItsUnitsCommissionsAndCannotAnswerAnotherUnits()
    {
        var forGusu = await CreateAsync(gusuId, wuzhongId);
        var forXiangcheng = await CreateAsync(xiangchengId);

        var rows = await commissions.ListAsync(gusu);
        Assert.Equal([forGusu], rows.Select(r => r.Id));
        Assert.Equal(CommissionUnitState.Pending, rows[0].OwnState);
        var detail = await commissions.GetAsync(gusu, forGusu);
        Assert.Equal([gusuId], detail.Targets.Select(x => x.UnitId));
        Assert.True(detail.CanAnswer);
        Assert.False(detail.CanManage);
        Assert.Empty(detail.Reminders);
        await Assert.ThrowsAsync<NotFoundException>(() => commissions.GetAsync(gusu, forXiangcheng));
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => AnswerAsync(gusu, forXiangcheng));
        Assert.Equal("所选约稿不存在或未向本单位约稿", ex.Message);
        await Assert.ThrowsAsync<ForbiddenException>(() => commissions.RemindAsync(gusu, forGusu));
        Assert.Equal([forGusu], (await commissions.AnswerableAsync(gusu)).Select(o => o.Id));
    }

    [Fact]
    public async Task EditingBeforeAnyAnswerTellsTheAddedUnitsAndAfterAnAnswerIsRefused()
    {
        var id = await CreateAsync(gusuId);
        var version = (await commissions.GetAsync(cityReviewer, id)).Version;

        await commissions.UpdateAsync(cityReviewer, id, version, Input(gusuId, xiangchengId) with { Topic = "职工书屋" });

        var detail = await commissions.GetAsync(cityReviewer, id);
        Assert.Equal("职工书屋", detail.Topic);
        Assert.Equal(new[] { gusuId, xiangchengId }.Order(), detail.TargetUnitIds.Order());
        Assert.Equal([xiangcheng.UserId], (await NotificationsAsync(NotificationKind.NewCommission)).Skip(2).Select(n => n.RecipientId));
        await Assert.ThrowsAsync<ConcurrencyException>(() => commissions.UpdateAsync(cityReviewer, id, version, Input(gusuId)));
        await AnswerAsync(gusu, id);
        var ex = await Assert.ThrowsAsync<DomainException>(() => commissions.UpdateAsync(cityReviewer, id, detail.Version, Input(gusuId)));
        Assert.Equal("已有单位回应该约稿，不能修改", ex.Message);
        Assert.False((await commissions.GetAsync(cityReviewer, id)).CanEdit);
    }

    [Fact]
    public async Task AReviewedItemKeepsTheCommissionItAnswered()
    {
        var id = await CreateAsync(gusuId);
        var itemId = await AnswerAsync(gusu, id);
        await t.Get<AdoptionService>().RejectAsync(cityReviewer, itemId, null, "请补充");
        var edit = await items.GetForEditAsync(gusu, itemId);
        Assert.Equal(id, edit.CommissionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() => items.UpdateAsync(gusu, itemId, edit.Version,
            new ItemInput { Title = "答复约稿", Body = "正文", Category = InfoCategory.General }));
        Assert.Equal("已审核的公文不能更改所回应的约稿", ex.Message);
    }

    [Fact]
    public async Task TheWorkbenchShowsAReportersOpenCommissionsAndAReviewersLateUnitsUntilClosed()
    {
        var id = await CreateAsync(gusuId, wuzhongId);
        await AnswerAsync(gusu, id);
        var workbench = t.Get<WorkbenchService>();
        Assert.Equal([(id, true)], (await workbench.GetOpenCommissionsAsync(gusu)).Select(o => (o.Id, o.Answered)));
        Assert.Empty(await workbench.GetLateUnitsAsync(cityReviewer));

        t.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        var late = await workbench.GetLateUnitsAsync(cityReviewer);
        Assert.Equal([(id, wuzhongId, "吴中区总")], late.Select(l => (l.CommissionId, l.UnitId, l.UnitName)));
        Assert.Empty(await workbench.GetLateUnitsAsync(wuzhongReviewer));

        await commissions.CloseAsync(cityReviewer, id);
        Assert.Empty(await workbench.GetLateUnitsAsync(cityReviewer));
        Assert.Empty(await workbench.GetOpenCommissionsAsync(gusu));
    }

    [Fact]
    public async Task AReporterMovedToAnotherUnitNoLongerSeesTheCommissionsNotifications()
    {
        await CreateAsync(wuzhongId);
        var bell = t.Get<NotificationService>();
        Assert.Equal(1, await bell.CountUnreadAsync(wuzhong));
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.Users.Where(u => u.Id == wuzhong.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnitId, gusuId));

        var moved = await t.CallerAsync("wuzhong1");
        Assert.Equal(0, await bell.CountUnreadAsync(moved));
        Assert.Empty(await bell.ListAsync(moved));
    }

    [Fact]
    public void SelectingAUnitWithItsChildrenTakesTheWholeBranch()
    {
        IReadOnlyList<CommissionUnitChoice> choices = [new(2, "姑苏区总", 0, 1), new(5, "街道A", 1, 2), new(6, "企业B", 2, 5), new(3, "吴中区总", 0, 1)];
        Assert.Equal([2, 5, 6], CommissionService.WithDescendants(choices, 2));
        Assert.Equal("剩余4天14小时", CommissionText.TimeLeft(Commission.DueAtFor(LastDayOfNovember), TestDatabase.DefaultNow.UtcDateTime));
        Assert.Equal("已逾期2小时", CommissionText.TimeLeft(Commission.DueAtFor(LastDayOfNovember), new DateTime(2026, 11, 30, 18, 0, 0, DateTimeKind.Utc)));
    }
}
