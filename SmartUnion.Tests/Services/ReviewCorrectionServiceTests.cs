using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// A reviewer's corrections and defaults (issue 13, items 10, 11, 15): the 驳回 pre-check naming adopted items, where the
/// adoption grid starts 采用年/采用期次, 撤销采用 of one adoption and 撤销驳回.
/// </summary>
public class ReviewCorrectionServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller reporter = default!;
    private Caller reviewer = default!;
    private Caller otherReviewer = default!;
    private AdoptionService service = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reporter = await t.CreateUserAsync("gusu1", "姑苏区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("shenhe1", "苏州市总工会", Roles.Reviewer);
        otherReviewer = await t.CreateUserAsync("shenhe-wz", "吴中区总", Roles.Reviewer);
        service = t.Get<AdoptionService>();
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<AdoptionChoice> ChoiceAsync(string publication, string form, int? year = null, int? issue = null)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var f = await db.AdoptionForms.AsNoTracking().SingleAsync(f => f.Publication!.Name == publication && f.Name == form);
        return new AdoptionChoice(f.PublicationId, f.Id, year, issue);
    }

    private async Task<int> PublicationIdAsync(string name)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Publications.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private async Task<InfoItem> ReloadAsync(int id)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Items.AsNoTracking().Include(i => i.Adoptions).SingleAsync(i => i.Id == id);
    }

    private async Task<List<AuditEntry>> AuditAsync(int itemId, string action)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == itemId.ToString() && a.Action == action).ToListAsync();
    }

    private async Task<int> PointsOfGusuAsync()
    {
        var scores = await t.Get<RankingService>().GetScoresAsync(reviewer, Period.Year(2026));
        return (int)scores.Where(s => s.UnitId == reporter.UnitId).SumPoints(s => s.AdoptionPoints);
    }

    // ---- 驳回 pre-check ----

    [Fact]
    public async Task FindAdoptedNamesTheAdoptedItemsAmongTheTickedOnes()
    {
        var plain = await t.ReportedAsync(reporter, "未录用的公文");
        var adopted1 = await t.ReportedAsync(reporter, "劳模宣讲");
        var adopted2 = await t.ReportedAsync(reporter, "职工运动会");
        await service.SaveAdoptionsAsync(reviewer, adopted1, null, [await ChoiceAsync("苏州工会网", "文字")]);
        await service.SaveAdoptionsAsync(reviewer, adopted2, null, [await ChoiceAsync("市总综合录用", "录用")]);

        var found = await service.FindAdoptedAsync(reviewer, [adopted2, plain, adopted1]);

        Assert.Equal([new ItemTitle(adopted1, "劳模宣讲"), new ItemTitle(adopted2, "职工运动会")], found);
        Assert.Equal("已被录用的公文不可以被驳回：《劳模宣讲》、《职工运动会》", AdoptionService.AdoptedRefusal(found));
    }

    [Fact]
    public async Task FindAdoptedLeavesOutItemsOutsideTheReviewersSubtree()
    {
        var adopted = await t.ReportedAsync(reporter, "姑苏的公文");
        await service.SaveAdoptionsAsync(reviewer, adopted, null, [await ChoiceAsync("苏州工会网", "文字")]);

        Assert.Empty(await service.FindAdoptedAsync(otherReviewer, [adopted]));
    }

    [Fact]
    public async Task FindAdoptedIsRefusedToReporters()
    {
        var id = await t.ReportedAsync(reporter);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.FindAdoptedAsync(reporter, [id]));
    }

    [Fact]
    public void TheRefusalNamesAtMostFiveTitlesAndCountsTheRest()
    {
        var titles = Enumerable.Range(1, 7).Select(i => new ItemTitle(i, $"公文{i}")).ToList();
        Assert.Equal("已被录用的公文不可以被驳回：《公文1》、《公文2》、《公文3》、《公文4》、《公文5》等7条",
            AdoptionService.AdoptedRefusal(titles));
    }

    // ---- where the adoption grid starts ----

    [Fact]
    public async Task TheGridStartsAtTheLatestIssueRecordedThisYearForEachPeriodical()
    {
        var a = await t.ReportedAsync(reporter, "一");
        var b = await t.ReportedAsync(reporter, "二");
        await service.SaveAdoptionsAsync(reviewer, a, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2026, 11)]);
        await service.SaveAdoptionsAsync(reviewer, b, null,
        [
            await ChoiceAsync("《苏州工会信息》", "简讯", 2026, 12),
            await ChoiceAsync("江苏工会信息", "正文", 2025, 20), // last year's issue does not count
        ]);

        var current = await service.GetCurrentIssuesAsync(reviewer);

        Assert.Equal(2026, current.Year);
        Assert.Equal(12, current.IssueFor(await PublicationIdAsync("《苏州工会信息》")));
        Assert.Equal(1, current.IssueFor(await PublicationIdAsync("江苏工会信息")));
        Assert.Equal(1, current.IssueFor(await PublicationIdAsync("《工会信息》")));
    }

    [Fact]
    public async Task TheYearIsChinasNewYearAlreadyOnNewYearsEveInUtc()
    {
        var a = await t.ReportedAsync(reporter, "年末");
        await service.SaveAdoptionsAsync(reviewer, a, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2026, 24)]);
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)); // 2027-01-01 00:30 in China

        var current = await service.GetCurrentIssuesAsync(reviewer);

        Assert.Equal(2027, current.Year);
        Assert.Equal(1, current.IssueFor(await PublicationIdAsync("《苏州工会信息》")));
    }

    [Fact]
    public async Task TheCurrentIssueCountsOnlyTheReviewersSubtreeAndIsRefusedToReporters()
    {
        var a = await t.ReportedAsync(reporter, "姑苏");
        await service.SaveAdoptionsAsync(reviewer, a, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2026, 9)]);

        var wuzhong = await service.GetCurrentIssuesAsync(otherReviewer);
        Assert.Equal(1, wuzhong.IssueFor(await PublicationIdAsync("《苏州工会信息》")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.GetCurrentIssuesAsync(reporter));
    }

    // ---- 撤销采用 ----

    [Fact]
    public async Task UnadoptingOneAdoptionKeepsTheOthersAndIsAudited()
    {
        var id = await t.ReportedAsync(reporter, "两处录用");
        await service.SaveAdoptionsAsync(reviewer, id, null,
            [await ChoiceAsync("苏州工会网", "文字"), await ChoiceAsync("市总综合录用", "录用")]);
        var item = await ReloadAsync(id);
        var website = item.Adoptions.Single(a => a.Points == 2);
        var pointsBefore = await PointsOfGusuAsync();
        t.Notifier.Published.Clear();

        var result = await service.UnadoptAsync(reviewer, id, website.Id, item.Version);

        Assert.Equal((0, 1, 0, ItemState.Adopted), (result.Added, result.Removed, result.Updated, result.State));
        var after = await ReloadAsync(id);
        Assert.Equal(ItemState.Adopted, after.State);
        Assert.Equal(4, Assert.Single(after.Adoptions).Points);
        Assert.Equal(pointsBefore - 2, await PointsOfGusuAsync());
        var audit = Assert.Single(await AuditAsync(id, AuditActions.Unadopt));
        Assert.Contains("苏州工会网", audit.Details);
        Assert.Contains(new ChangeEvent(ChangeKind.ItemUnadopted, id, reporter.UnitId), t.Notifier.Published);
    }

    [Fact]
    public async Task UnadoptingTheLastAdoptionReturnsTheItemToReported()
    {
        var id = await t.ReportedAsync(reporter, "一处录用");
        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("《苏州工会信息》", "正文", 2026, 3)]);
        var item = await ReloadAsync(id);

        var result = await service.UnadoptAsync(reviewer, id, item.Adoptions[0].Id, item.Version);

        Assert.Equal(ItemState.Reported, result.State);
        var after = await ReloadAsync(id);
        Assert.Equal(ItemState.Reported, after.State);
        Assert.Empty(after.Adoptions);
        Assert.True(after.IsEditable);
    }

    [Fact]
    public async Task UnadoptingIsRefusedToReportersAndReviewersOfOtherSubtreesAndForAnAdoptionAlreadyGone()
    {
        var id = await t.ReportedAsync(reporter, "拒绝撤销");
        await service.SaveAdoptionsAsync(reviewer, id, null, [await ChoiceAsync("苏州工会网", "文字")]);
        var adoptionId = (await ReloadAsync(id)).Adoptions[0].Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => service.UnadoptAsync(reporter, id, adoptionId, null));
        await Assert.ThrowsAsync<NotFoundException>(() => service.UnadoptAsync(otherReviewer, id, adoptionId, null));
        var gone = await Assert.ThrowsAsync<DomainException>(() => service.UnadoptAsync(reviewer, id, adoptionId + 1000, null));
        Assert.Equal("该录用已被撤销，请刷新", gone.Message);
        Assert.Single((await ReloadAsync(id)).Adoptions);
    }

    // ---- 撤销驳回 ----

    [Fact]
    public async Task UndoingARejectionReportsTheItemAgainAndIsAudited()
    {
        var id = await t.ReportedAsync(reporter, "误驳回的公文");
        var reportedAt = (await ReloadAsync(id)).ReportedAt;
        await service.RejectAsync(reviewer, id, null, "误操作");
        var rejected = await ReloadAsync(id);
        t.Notifier.Published.Clear();

        await service.UndoRejectAsync(reviewer, id, rejected.Version);

        var item = await ReloadAsync(id);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Null(item.RejectReason);
        Assert.Null(item.RejectedAt);
        Assert.Null(item.RejectedById);
        Assert.Equal(reportedAt, item.ReportedAt);
        Assert.True(item.Version > rejected.Version);
        var audit = Assert.Single(await AuditAsync(id, AuditActions.UndoReject));
        Assert.Contains("误驳回的公文", audit.Details);
        Assert.Contains("误操作", audit.Details);
        Assert.Contains(new ChangeEvent(ChangeKind.ItemRejectionUndone, id, reporter.UnitId), t.Notifier.Published);
    }

    [Fact]
    public async Task UndoingARejectionIsRefusedForAnItemThatIsNotRejected()
    {
        var id = await t.ReportedAsync(reporter, "未驳回");
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.UndoRejectAsync(reviewer, id, null));
        Assert.Equal("该公文未被驳回，不能撤销驳回", ex.Message);
        Assert.Empty(await AuditAsync(id, AuditActions.UndoReject));
    }

    [Fact]
    public async Task UndoingARejectionIsRefusedToReportersAndReviewersOfOtherSubtrees()
    {
        var id = await t.ReportedAsync(reporter, "他人驳回");
        await service.RejectAsync(reviewer, id, null, "请补充");

        await Assert.ThrowsAsync<ForbiddenException>(() => service.UndoRejectAsync(reporter, id, null));
        await Assert.ThrowsAsync<NotFoundException>(() => service.UndoRejectAsync(otherReviewer, id, null));
        Assert.Equal(ItemState.Rejected, (await ReloadAsync(id)).State);
    }

    [Fact]
    public async Task UndoingARejectionWithAStaleVersionIsRefused()
    {
        var id = await t.ReportedAsync(reporter, "过期版本");
        var version = (await ReloadAsync(id)).Version;
        await service.RejectAsync(reviewer, id, null, "请补充");

        await Assert.ThrowsAsync<ConcurrencyException>(() => service.UndoRejectAsync(reviewer, id, version));
    }
}
