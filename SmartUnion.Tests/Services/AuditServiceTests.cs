using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class AuditServiceTests
{
    [Fact]
    public async Task OnlyAdminsReadTheAuditLog()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reviewer = await t.CreateUserAsync("rv", "苏州市总工会", Roles.Reviewer);
        var reporter = await t.CreateUserAsync("rp", "姑苏区总", Roles.Reporter);
        await Assert.ThrowsAsync<ForbiddenException>(() => t.Get<AuditService>().ListAsync(reviewer, new AuditFilter(), 0, 20));
        await Assert.ThrowsAsync<ForbiddenException>(() => t.Get<AuditService>().ListAsync(reporter, new AuditFilter(), 0, 20));
    }

    [Fact]
    public async Task TheLogListsNewestFirstFiltersAndPages()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("rp", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("rv", "苏州市总工会", Roles.Reviewer);
        var admin = await t.CreateUserAsync("ad", "苏州市总工会", Roles.Admin);
        var adoption = t.Get<AdoptionService>();
        var first = await AdoptionServiceTests.AddItemAsync(t, reporter, title: "甲");
        var second = await AdoptionServiceTests.AddItemAsync(t, reporter, title: "乙");
        var detail = await adoption.GetDetailAsync(reviewer, first);
        var website = detail.Rows.Where(r => !r.HasIssues).Take(3).Select(r => new AdoptionChoice(r.PublicationId, r.AdoptionFormId)).ToList();
        await adoption.SaveAdoptionsAsync(reviewer, first, null, website);
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        await adoption.RejectAsync(reviewer, second, null, "内容重复");

        var audit = t.Get<AuditService>();
        var all = await audit.ListAsync(admin, new AuditFilter(), 0, 2);
        Assert.Equal(4, all.TotalCount);
        Assert.Equal(2, all.Rows.Count);
        Assert.Equal(AuditActions.Reject, all.Rows[0].Action);
        Assert.Equal("rv", all.Rows[0].DisplayName);
        Assert.Equal("公文《乙》", all.Rows[0].Target);

        var lastPage = await audit.ListAsync(admin, new AuditFilter(), 1, 2);
        Assert.Equal(2, lastPage.Rows.Count);
        Assert.DoesNotContain(lastPage.Rows, r => all.Rows.Any(a => a.Id == r.Id));

        Assert.Equal(3, (await audit.ListAsync(admin, new AuditFilter(Action: AuditActions.Adopt), 0, 20)).TotalCount);
        Assert.Equal(1, (await audit.ListAsync(admin, new AuditFilter(Search: "内容重复"), 0, 20)).TotalCount);
        Assert.Equal(3, (await audit.ListAsync(admin, new AuditFilter(EntityType: "公文", EntityId: first.ToString()), 0, 20)).TotalCount);
        var today = ChinaTime.Today(t.Clock);
        Assert.Equal(4, (await audit.ListAsync(admin, new AuditFilter(From: today, To: today), 0, 20)).TotalCount);
        Assert.Equal(0, (await audit.ListAsync(admin, new AuditFilter(From: today.AddDays(1)), 0, 20)).TotalCount);
        var actions = await audit.ActionsAsync(admin);
        Assert.Equal(2, actions.Count);
        Assert.Contains(AuditActions.Adopt, actions);
        Assert.Contains(AuditActions.Reject, actions);
    }
}
