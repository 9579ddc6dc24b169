using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class AdoptionServiceTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller reporter = default!;
    private Caller reviewer = default!;
    private AdoptionService service = default!;
    private Dictionary<(string, string), AdoptionForm> forms = [];

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reporter = await t.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
        service = t.Get<AdoptionService>();
        await using var db = await t.Factory.CreateDbContextAsync();
        forms = await db.AdoptionForms.AsNoTracking().Include(f => f.Publication)
            .ToDictionaryAsync(f => (f.Publication!.Name, f.Name));
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    // ---- helpers ----

    internal static async Task<int> AddItemAsync(TestDatabase t, Caller author, ItemState state = ItemState.Reported, string title = "系统上线")
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var now = t.Clock.GetUtcNow().UtcDateTime;
        var item = new InfoItem
        {
            Title = title, Body = "2018年1月1日信息报送平台上线\n第二行", Category = InfoCategory.General,
            UnitId = author.UnitId, AuthorId = author.UserId, CreatedAt = now, UpdatedAt = now,
        };
        if (state != ItemState.Draft) item.Report(now);
        if (state == ItemState.Rejected) item.Reject("请补充数据", author.UserId, now);
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private async Task<AdoptionForm> FormAsync(string publication, string form)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.AdoptionForms.AsNoTracking().Include(f => f.Publication)
            .SingleAsync(f => f.Publication!.Name == publication && f.Name == form);
    }

    private async Task<AdoptionChoice> ChoiceAsync(string publication, string form, int? year = null, int? issue = null)
    {
        var f = await FormAsync(publication, form);
        return new AdoptionChoice(f.PublicationId, f.Id, year, issue);
    }

    private async Task<InfoItem> ReloadAsync(int id)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Items.AsNoTracking().Include(i => i.Adoptions).SingleAsync(i => i.Id == id);
    }

    private async Task<List<AuditEntry>> AuditAsync(int itemId)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == itemId.ToString()).OrderBy(a => a.Id).ToListAsync();
    }

    // ---- adoption ----

    [Fact]
    public async Task AdoptingTwoFormsOfAPeriodicalCreatesAdoptionsWithSnapshotAndMarksTheItemAdopted()
    {
        var id = await AddItemAsync(t, reporter);
        var result = await service.SaveAdoptionsAsync(reviewer, id, null,
        [
            await ChoiceAsync("《苏州工会信息》", "正文", 2017, 12),
            await ChoiceAsync("《苏州工会信息》", "简讯", 2018, 1),
        ]);

        Assert.Equal(2, result.Added);
        Assert.Equal(ItemState.Adopted, result.State);
        var item = await ReloadAsync(id);
        Assert.Equal(ItemState.Adopted, item.State);
        Assert.Equal(result.Version, item.Version);
        var main = item.Adoptions.Single(a => a.Year == 2017);
        Assert.Equal(12, main.Issue);
        Assert.Equal(5, main.Points);
        Assert.Equal(reporter.UnitId, main.UnitId);
        Assert.Equal(reviewer.UserId, main.ReviewerId);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, main.AdoptedAt);
        Assert.Equal(3, item.Adoptions.Single(a => a.Year == 2018).Points);
    }

    [Fact]
    public async Task RejectingAnAdoptedItemIsRefusedWithTheManualsMessage()
    {
        var id = await AddItemAsync(t, reporter);
        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("苏州工会网", "文字")]);

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.RejectAsync(reviewer, id, null, "不符合要求"));
        Assert.Equal("已被录用的公文不可以被驳回", ex.Message);
        var item = await ReloadAsync(id);
        Assert.Equal(ItemState.Adopted, item.State);
        Assert.Null(item.RejectReason);
    }

    [Theory]
    [InlineData(2017, null)]
    [InlineData(null, 1)]
    [InlineData(2017, 1)]
    public async Task AWebsiteAcceptsNoYearOrIssue(int? year, int? issue)
    {
        var id = await AddItemAsync(t, reporter);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null,
            [ChoiceSync("苏州工会网", "文字", year, issue)]));
        Assert.Contains("不设采用年和采用期次", ex.Message);
        Assert.Empty((await ReloadAsync(id)).Adoptions);
    }

    [Fact]
    public async Task AChannelIsAdoptedWithoutYearOrIssue()
    {
        var id = await AddItemAsync(t, reporter);
        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("市总综合录用", "录用")]);
        var a = Assert.Single((await ReloadAsync(id)).Adoptions);
        Assert.Null(a.Year);
        Assert.Null(a.Issue);
        Assert.Equal(4, a.Points);
    }

    [Theory]
    [InlineData(null, 12, "采用年")]
    [InlineData(2017, null, "采用期次")]
    [InlineData(1999, 12, "采用年超出范围")]
    [InlineData(2017, 0, "采用期次须在")]
    [InlineData(2017, 25, "采用期次须在")]
    public async Task APeriodicalRequiresAYearAndAnIssueInRange(int? year, int? issue, string message)
    {
        var id = await AddItemAsync(t, reporter);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null,
        [
            ChoiceSync("苏州工会网", "文字"),
            ChoiceSync("《苏州工会信息》", "正文", year, issue),
        ]));
        Assert.Contains(message, ex.Message);
        var item = await ReloadAsync(id);
        Assert.Empty(item.Adoptions); // nothing half-saved: the valid website row was not stored either
        Assert.Equal(ItemState.Reported, item.State);
    }

    [Fact]
    public async Task TheSamePublicationAndFormIsRefusedTwiceInOneSave()
    {
        var id = await AddItemAsync(t, reporter);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null,
        [
            ChoiceSync("《苏州工会信息》", "正文", 2017, 12),
            ChoiceSync("《苏州工会信息》", "正文", 2018, 1),
        ]));
        Assert.Equal("同一期刊的同一采用形式只能采用一次", ex.Message);
        Assert.Empty((await ReloadAsync(id)).Adoptions);
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondAdoptionOfTheSamePublicationAndForm()
    {
        var id = await AddItemAsync(t, reporter);
        var f = await FormAsync("苏州工会网", "文字");
        await service.SaveAdoptionsAsync(reviewer, id, null, [new AdoptionChoice(f.PublicationId, f.Id)]);
        await using var db = await t.Factory.CreateDbContextAsync();
        db.Adoptions.Add(new Adoption { InfoItemId = id, UnitId = reporter.UnitId, PublicationId = f.PublicationId, AdoptionFormId = f.Id, ReviewerId = reviewer.UserId, Points = 2 });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SavingTheSameTicksAgainChangesNothing()
    {
        var id = await AddItemAsync(t, reporter);
        var choice = await ChoiceAsync("苏州工会网", "文字");
        var first = await service.SaveAdoptionsAsync(reviewer, id, null, [choice]);
        var second = await service.SaveAdoptionsAsync(reviewer, id, first.Version, [choice]);
        Assert.False(second.Changed);
        Assert.Single((await ReloadAsync(id)).Adoptions);
    }

    [Fact]
    public async Task ThePointsSnapshotIsUnchangedAfterTheFormsPointsChange()
    {
        var id = await AddItemAsync(t, reporter);
        var choice = await ChoiceAsync("《苏州工会信息》", "正文", 2026, 3);
        await service.SaveAdoptionsAsync(reviewer, id, null, [choice]);

        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var form = await db.AdoptionForms.SingleAsync(f => f.Id == choice.AdoptionFormId);
            form.Points = 50;
            await db.SaveChangesAsync();
        }

        Assert.Equal(5, Assert.Single((await ReloadAsync(id)).Adoptions).Points);
        var detail = await service.GetDetailAsync(reviewer, id);
        var row = detail.Rows.Single(r => r.AdoptionFormId == choice.AdoptionFormId);
        Assert.Equal(5, row.Adoption!.Points);
        Assert.Equal(50, row.FormPoints);
    }

    [Fact]
    public async Task UnadoptingTheLastAdoptionReturnsTheItemToReportedAndIsAudited()
    {
        var id = await AddItemAsync(t, reporter);
        var saved = await service.SaveAdoptionsAsync(reviewer, id, null,
            [await ChoiceAsync("苏州工会网", "文字"), await ChoiceAsync("苏州工会网", "图片")]);

        var partial = await service.SaveAdoptionsAsync(reviewer, id, saved.Version, [await ChoiceAsync("苏州工会网", "图片")]);
        Assert.Equal(1, partial.Removed);
        Assert.Equal(ItemState.Adopted, (await ReloadAsync(id)).State);

        var last = await service.SaveAdoptionsAsync(reviewer, id, partial.Version, []);
        Assert.Equal(1, last.Removed);
        var item = await ReloadAsync(id);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Empty(item.Adoptions);
        var audit = await AuditAsync(id);
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.Unadopt));
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.ItemUnadopted && e.ItemId == id);
    }

    [Fact]
    public async Task CorrectingTheIssueOfAnAdoptedRowKeepsItsDateAndPoints()
    {
        var id = await AddItemAsync(t, reporter);
        var saved = await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2017, 12)]);
        var before = Assert.Single((await ReloadAsync(id)).Adoptions);
        t.Clock.Advance(TimeSpan.FromDays(3));

        var corrected = await service.SaveAdoptionsAsync(reviewer, id, saved.Version, [await ChoiceAsync("《苏州工会信息》", "正文", 2017, 11)]);
        Assert.Equal(1, corrected.Updated);
        var after = Assert.Single((await ReloadAsync(id)).Adoptions);
        Assert.Equal(11, after.Issue);
        Assert.Equal(before.AdoptedAt, after.AdoptedAt);
        Assert.Equal(before.Points, after.Points);
        Assert.Contains(await AuditAsync(id), a => a.Action == AuditActions.AdoptCorrect && a.Details.Contains("原采用期次：12"));
    }

    [Fact]
    public async Task SavingNothingOnAnItemWithoutAdoptionsAsksForATick()
    {
        var id = await AddItemAsync(t, reporter);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null, []));
        Assert.Equal("请勾选需要采用的期刊", ex.Message);
    }

    [Fact]
    public async Task ARejectedItemCannotBeAdopted()
    {
        var id = await AddItemAsync(t, reporter, ItemState.Rejected);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null, [ChoiceSync("苏州工会网", "文字")]));
        Assert.Equal("已驳回的公文不可以被采用", ex.Message);
        Assert.Equal(ItemState.Rejected, (await ReloadAsync(id)).State);
    }

    [Fact]
    public async Task ADraftIsInvisibleToTheReviewer()
    {
        var id = await AddItemAsync(t, reporter, ItemState.Draft);
        await Assert.ThrowsAsync<NotFoundException>(() => service.SaveAdoptionsAsync(reviewer, id, null, [ChoiceSync("苏州工会网", "文字")]));
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetDetailAsync(reviewer, id));
    }

    [Fact]
    public async Task AReviewerWhoAlsoReportsCannotAdoptItsOwnDraft()
    {
        var both = await t.CreateUserAsync("both", "姑苏区总", Roles.Reporter, Roles.Reviewer);
        var id = await AddItemAsync(t, both, ItemState.Draft);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(both, id, null, [ChoiceSync("苏州工会网", "文字")]));
        Assert.Equal("未上报的公文不可以被采用", ex.Message);
    }

    [Fact]
    public async Task AnInactiveFormIsRefusedForNewAdoptionsButKeptForExistingOnes()
    {
        var id = await AddItemAsync(t, reporter);
        var choice = await ChoiceAsync("苏州工会网", "图片");
        var saved = await service.SaveAdoptionsAsync(reviewer, id, null, [choice]);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            await db.AdoptionForms.Where(f => f.Name == "图片").ExecuteUpdateAsync(s => s.SetProperty(f => f.IsActive, false));
        }

        var detail = await service.GetDetailAsync(reviewer, id);
        Assert.Contains(detail.Rows, r => r.AdoptionFormId == choice.AdoptionFormId && !r.IsActive && r.IsAdopted);
        var other = await AddItemAsync(t, reporter, title: "另一篇");
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, other, null, [choice]));
        Assert.Contains("已停用", ex.Message);
        // The existing adoption survives a save that keeps it ticked.
        var again = await service.SaveAdoptionsAsync(reviewer, id, saved.Version, [choice]);
        Assert.False(again.Changed);
    }

    [Fact]
    public async Task AStaleVersionGetsTheConcurrencyMessage()
    {
        var id = await AddItemAsync(t, reporter);
        var detail = await service.GetDetailAsync(reviewer, id);
        await service.SaveAdoptionsAsync(reviewer, id, detail.Version, [await ChoiceAsync("苏州工会网", "文字")]);

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            service.SaveAdoptionsAsync(reviewer, id, detail.Version, [ChoiceSync("苏州工会网", "文字"), ChoiceSync("苏州工会网", "图片")]));
        Assert.Equal("已被他人修改，请刷新", ex.Message);
        await Assert.ThrowsAsync<ConcurrencyException>(() => service.RejectAsync(reviewer, id, detail.Version, "理由"));
        Assert.Single((await ReloadAsync(id)).Adoptions);
    }

    // ---- rejection ----

    [Fact]
    public async Task RejectingStoresTheReasonAndIsAuditedAndPublished()
    {
        var id = await AddItemAsync(t, reporter);
        await service.RejectAsync(reviewer, id, null, "  请补充具体数据  ");
        var item = await ReloadAsync(id);
        Assert.Equal(ItemState.Rejected, item.State);
        Assert.Equal("请补充具体数据", item.RejectReason);
        Assert.Equal(reviewer.UserId, item.RejectedById);
        var audit = Assert.Single(await AuditAsync(id));
        Assert.Equal(AuditActions.Reject, audit.Action);
        Assert.Equal(reviewer.UserName, audit.UserName);
        Assert.Contains("驳回理由：请补充具体数据", audit.Details);
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.ItemRejected && e.ItemId == id && e.UnitId == reporter.UnitId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RejectingNeedsAReason(string reason)
    {
        var id = await AddItemAsync(t, reporter);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.RejectAsync(reviewer, id, null, reason));
        Assert.Equal("请填写驳回理由", ex.Message);
        Assert.Equal(ItemState.Reported, (await ReloadAsync(id)).State);
    }

    [Fact]
    public async Task RejectingManyIsAllOrNothing()
    {
        var a = await AddItemAsync(t, reporter, title: "甲");
        var b = await AddItemAsync(t, reporter, title: "乙");
        var adopted = await AddItemAsync(t, reporter, title: "丙");
        await service.SaveAdoptionsAsync(reviewer, adopted, null, [await ChoiceAsync("苏州工会网", "文字")]);

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.RejectManyAsync(reviewer, [a, b, adopted], "重复报送"));
        Assert.Equal("《丙》：已被录用的公文不可以被驳回", ex.Message);
        Assert.Equal(ItemState.Reported, (await ReloadAsync(a)).State);
        Assert.Equal(ItemState.Reported, (await ReloadAsync(b)).State);

        Assert.Equal(2, await service.RejectManyAsync(reviewer, [a, b], "重复报送"));
        Assert.Equal(ItemState.Rejected, (await ReloadAsync(a)).State);
        Assert.Equal(ItemState.Rejected, (await ReloadAsync(b)).State);
        Assert.Equal(2, t.Notifier.Published.Count(e => e.Kind == ChangeKind.ItemRejected));
    }

    [Fact]
    public async Task ARejectedItemReportedAgainCanBeAdopted()
    {
        var id = await AddItemAsync(t, reporter);
        await service.RejectAsync(reviewer, id, null, "补充数据");
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var item = await db.Items.SingleAsync(i => i.Id == id);
            item.Report(t.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        var result = await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("苏州工会网", "文字")]);
        Assert.Equal(ItemState.Adopted, result.State);
    }

    // ---- concurrency ----

    [Fact]
    public async Task RacingAdoptAndRejectEndConsistent()
    {
        var choice = await ChoiceAsync("《苏州工会信息》", "正文", 2026, 1);
        var reviewer2 = await t.CreateUserAsync("shenhe2", "苏州市总工会", Roles.Reviewer);
        int adoptWins = 0, rejectWins = 0;
        for (var i = 0; i < 12; i++)
        {
            var id = await AddItemAsync(t, reporter, title: $"竞争{i}");
            var version = (await service.GetDetailAsync(reviewer, id)).Version;
            using var start = new ManualResetEventSlim(false);
            var adopt = Task.Run(async () => { start.Wait(); await service.SaveAdoptionsAsync(reviewer, id, version, [choice]); });
            var reject = Task.Run(async () => { start.Wait(); await service.RejectAsync(reviewer2, id, version, "不采用"); });
            start.Set();
            var outcomes = await Task.WhenAll(Outcome(adopt), Outcome(reject));

            // Exactly one wins; the loser is refused with a domain message, never an unhandled error.
            Assert.Single(outcomes, o => o is null);
            Assert.All(outcomes.Where(o => o is not null), o => Assert.IsAssignableFrom<DomainException>(o));
            var item = await ReloadAsync(id);
            if (outcomes[0] is null)
            {
                adoptWins++;
                Assert.Equal(ItemState.Adopted, item.State);
                Assert.Single(item.Adoptions);
                Assert.Null(item.RejectReason);
            }
            else
            {
                rejectWins++;
                Assert.Equal(ItemState.Rejected, item.State);
                Assert.Empty(item.Adoptions);
            }
        }
        output.WriteLine($"adopt won {adoptWins}, reject won {rejectWins}");
        Assert.Equal(12, adoptWins + rejectWins);
    }

    [Fact]
    public async Task RacingAdoptAndRejectWithoutVersionsStillEndConsistent()
    {
        var choice = await ChoiceAsync("苏州工会网", "文字");
        for (var i = 0; i < 8; i++)
        {
            var id = await AddItemAsync(t, reporter, title: $"无版本竞争{i}");
            using var start = new ManualResetEventSlim(false);
            var adopt = Task.Run(async () => { start.Wait(); await service.SaveAdoptionsAsync(reviewer, id, null, [choice]); });
            var reject = Task.Run(async () => { start.Wait(); await service.RejectAsync(reviewer, id, null, "不采用"); });
            start.Set();
            var outcomes = await Task.WhenAll(Outcome(adopt), Outcome(reject));
            Assert.Single(outcomes, o => o is null);
            var item = await ReloadAsync(id);
            Assert.False(item.State == ItemState.Rejected && item.Adoptions.Count > 0);
            Assert.Equal(item.Adoptions.Count > 0, item.State == ItemState.Adopted);
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try { await task; return null; }
        catch (Exception ex) { return ex; }
    }

    // ---- scope and roles ----

    [Fact]
    public async Task AReviewerOutsideTheSubtreeGetsNotFound()
    {
        var wuzhong = await t.CreateUserAsync("wz-reviewer", "吴中区总", Roles.Reviewer);
        var id = await AddItemAsync(t, reporter);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetDetailAsync(wuzhong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => service.SaveAdoptionsAsync(wuzhong, id, null, [ChoiceSync("苏州工会网", "文字")]));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RejectAsync(wuzhong, id, null, "理由"));
        await Assert.ThrowsAsync<NotFoundException>(() => service.RejectManyAsync(wuzhong, [id], "理由"));
        Assert.Equal(ItemState.Reported, (await ReloadAsync(id)).State);
        Assert.Empty(await AuditAsync(id));
    }

    [Fact]
    public async Task AReviewerOfAnAncestorUnitMayAdoptItemsOfDeeperUnits()
    {
        await t.AddUnitAsync("平江街道", "姑苏区总");
        var street = await t.CreateUserAsync("pj", "平江街道", Roles.Reporter);
        var gusuReviewer = await t.CreateUserAsync("gusu-reviewer", "姑苏区总", Roles.Reviewer);
        var id = await AddItemAsync(t, street);
        var result = await service.SaveAdoptionsAsync(gusuReviewer, id, null, [await ChoiceAsync("苏州工会网", "文字")]);
        Assert.Equal(ItemState.Adopted, result.State);
        Assert.Equal(street.UnitId, Assert.Single((await ReloadAsync(id)).Adoptions).UnitId);
    }

    [Fact]
    public async Task AReporterCannotAdoptOrRejectEvenItsOwnItem()
    {
        var id = await AddItemAsync(t, reporter);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveAdoptionsAsync(reporter, id, null, [ChoiceSync("苏州工会网", "文字")]));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RejectAsync(reporter, id, null, "理由"));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.RejectManyAsync(reporter, [id], "理由"));
        var admin = await t.CreateUserAsync("admin1", "苏州市总工会", Roles.Admin);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveAdoptionsAsync(admin, id, null, [ChoiceSync("苏州工会网", "文字")]));
        Assert.Equal(ItemState.Reported, (await ReloadAsync(id)).State);
        Assert.Empty(t.Notifier.Published);
    }

    // ---- detail ----

    [Fact]
    public async Task TheDetailListsEveryActiveFormInLevelOrderWithTheAdoptedRows()
    {
        var id = await AddItemAsync(t, reporter);
        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("《苏州工会信息》", "简讯", 2018, 1)]);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.Attachments.Add(new Attachment { InfoItemId = id, FileName = "劳模方案.txt", StoredName = "x", UploadedAt = t.Clock.GetUtcNow().UtcDateTime, UploadedById = reporter.UserId });
            await db.SaveChangesAsync();
        }

        var detail = await service.GetDetailAsync(reviewer, id);
        Assert.Equal(18, detail.Rows.Count);
        Assert.Equal(("《苏州工会信息》", "正文"), (detail.Rows[0].PublicationName, detail.Rows[0].FormName));
        Assert.Equal("《工会信息》", detail.Rows[^1].PublicationName);
        Assert.True(detail.Rows.Select(r => (int)r.Level).SequenceEqual(detail.Rows.Select(r => (int)r.Level).Order()));
        var adopted = Assert.Single(detail.AdoptedRows);
        Assert.Equal((2018, 1, 3), (adopted.Adoption!.Year, adopted.Adoption.Issue, adopted.Adoption.Points));
        Assert.Equal("劳模方案.txt", Assert.Single(detail.Attachments).FileName);
        Assert.True(detail.CanReview);
        Assert.False(detail.CanEdit);
        Assert.Contains("\n", detail.Body);
    }

    [Fact]
    public async Task TheReporterSeesItsItemReadOnlyAndOtherUnitsDoNot()
    {
        var id = await AddItemAsync(t, reporter, ItemState.Rejected);
        var detail = await service.GetDetailAsync(reporter, id);
        Assert.False(detail.CanReview);
        Assert.True(detail.CanEdit);
        Assert.Equal("请补充数据", detail.RejectReason);
        var other = await t.CreateUserAsync("ks", "昆山市总", Roles.Reporter);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetDetailAsync(other, id));
    }

    // ---- audit and events ----

    [Fact]
    public async Task AdoptionsAreAuditedWithTheirDetails()
    {
        var id = await AddItemAsync(t, reporter);
        await service.SaveAdoptionsAsync(reviewer, id, null,
            [await ChoiceAsync("《苏州工会信息》", "正文", 2017, 12), await ChoiceAsync("苏州工会网", "文字")]);
        var audit = await AuditAsync(id);
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.Adopt));
        var line = audit.Single(a => a.Details.Contains("正文"));
        Assert.Equal(reviewer.UserId, line.UserId);
        Assert.Equal(AuditEntityTypes.Item, line.EntityType);
        Assert.Equal("公文《系统上线》；期刊：《苏州工会信息》；采用形式：正文；采用年：2017；采用期次：12期；分值：5", line.Details);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, line.At);
    }

    [Fact]
    public async Task ChangeEventsArePublishedOnlyAfterTheCommit()
    {
        var id = await AddItemAsync(t, reporter);
        var seen = new List<(ChangeKind Kind, ItemState State)>();
        using var subscription = t.Notifier.Subscribe(async e =>
        {
            // A subscriber re-queries at once: it must see the committed state.
            await using var db = await t.Factory.CreateDbContextAsync();
            seen.Add((e.Kind, await db.Items.Where(i => i.Id == id).Select(i => i.State).SingleAsync()));
        });

        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("苏州工会网", "文字")]);
        await service.SaveAdoptionsAsync(reviewer, id, null, []);
        await service.RejectAsync(reviewer, id, null, "理由");

        // The reporter's notifications (issue 18) are written in the same commit and announced with it.
        Assert.Equal(
        [
            (ChangeKind.NotificationAdded, ItemState.Adopted),
            (ChangeKind.ItemAdopted, ItemState.Adopted),
            (ChangeKind.ItemUnadopted, ItemState.Reported),
            (ChangeKind.NotificationAdded, ItemState.Rejected),
            (ChangeKind.ItemRejected, ItemState.Rejected),
        ], seen);
        Assert.All(t.Notifier.Published, e => Assert.Equal(reporter.UnitId, e.UnitId));
    }

    [Fact]
    public async Task ARefusedOperationPublishesNothingAndWritesNoAudit()
    {
        var id = await AddItemAsync(t, reporter);
        await Assert.ThrowsAsync<DomainException>(() => service.SaveAdoptionsAsync(reviewer, id, null, [ChoiceSync("苏州工会网", "文字", 2017, 1)]));
        await Assert.ThrowsAsync<DomainException>(() => service.RejectAsync(reviewer, id, null, ""));
        Assert.Empty(t.Notifier.Published);
        Assert.Empty(await AuditAsync(id));
    }

    /// <summary>A choice from the seeded forms (loaded once), for use inside lambdas.</summary>
    private AdoptionChoice ChoiceSync(string publication, string form, int? year = null, int? issue = null)
    {
        var f = forms[(publication, form)];
        return new AdoptionChoice(f.PublicationId, f.Id, year, issue);
    }
}
