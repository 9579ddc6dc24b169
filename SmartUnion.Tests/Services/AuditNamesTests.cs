using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>审计日志 names its objects in Chinese (公文《标题》, 采用形式, 用户, 单位), never InfoItem #81 or 单位 10.</summary>
public class AuditNamesTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller admin = default!;
    private Caller reviewer = default!;
    private Caller reporter = default!;

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        admin = await t.CreateUserAsync("admin1", "苏州市总工会", Roles.Admin);
        reviewer = await t.CreateUserAsync("rev1", "苏州市总工会", Roles.Reviewer);
        reporter = await t.CreateUserAsync("rep1", "姑苏区总", Roles.Reporter);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task ItemsFormsUsersUnitsAndDeductionsAreShownByTheirNames()
    {
        var item = await AdoptionServiceTests.AddItemAsync(t, reporter, title: "劳模工作室经验");
        var detail = await t.Get<AdoptionService>().GetDetailAsync(reviewer, item);
        var website = detail.Rows.First(r => !r.HasIssues);
        await t.Get<AdoptionService>().SaveAdoptionsAsync(reviewer, item, null, [new AdoptionChoice(website.PublicationId, website.AdoptionFormId)]);
        var settings = t.Get<SettingsService>();
        int formId, gusu = await t.UnitIdAsync("姑苏区总");
        await using (var db = await t.Factory.CreateDbContextAsync())
            formId = await db.AdoptionForms.Where(f => f.Publication!.Name == "《苏州工会信息》" && f.Name == "简讯").Select(f => f.Id).SingleAsync();
        await settings.SetFormActiveAsync(admin, formId, false);
        await settings.SetUnitActiveAsync(admin, await t.AddUnitAsync("平江街道", "姑苏区总"), false);
        await t.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(gusu, 2, "迟报", new DateOnly(2026, 11, 20)));
        await AddEntryAsync(nameof(AppUser), reporter.UserId, "用户 rep1 的角色由 报送员 改为 审核员");

        var rows = (await t.Get<AuditService>().ListAsync(admin, new AuditFilter(), 0, 50)).Rows;

        Assert.Equal("公文《劳模工作室经验》", rows.Single(r => r.Action == AuditActions.Adopt).Target);
        Assert.Equal("采用形式 《苏州工会信息》·简讯", rows.Single(r => r.EntityType == nameof(AdoptionForm)).Target);
        Assert.Equal("单位 平江街道", rows.Single(r => r.EntityType == nameof(Unit)).Target);
        Assert.Equal("扣分 #1（姑苏区总）", rows.Single(r => r.Action == AuditActions.DeductionCreate).Target);
        Assert.Equal("用户 rep1（rep1）", rows.Single(r => r.EntityType == nameof(AppUser)).Target);
        Assert.All(rows, r => Assert.DoesNotMatch("InfoItem|AdoptionForm|AppUser|Unit|Deduction|#[0-9a-f]{8}-", r.Target));
    }

    [Fact]
    public async Task DeletedObjectsKeepTheirKindAndNumberAndOlderDeductionLinesNameTheUnit()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var wuzhong = await t.UnitIdAsync("吴中区总");
        await AddEntryAsync(nameof(InfoItem), "9999", "已删除的公文");
        await AddEntryAsync(nameof(Deduction), "777", $"单位 {gusu} 扣2分，日期 2026-11-20，原因：迟报", AuditActions.DeductionDelete);
        await AddEntryAsync(nameof(Deduction), "778", $"修改前 {gusu}/2/2026-11-20/原因/含斜杠；修改后 {wuzhong}/5/2026-11-21/新的原因", AuditActions.DeductionUpdate);

        var rows = (await t.Get<AuditService>().ListAsync(admin, new AuditFilter(), 0, 50)).Rows;

        Assert.Equal("公文 #9999（已删除）", rows.Single(r => r.EntityType == nameof(InfoItem)).Target);
        var deleted = rows.Single(r => r.Action == AuditActions.DeductionDelete);
        Assert.Equal("扣分 #777（已删除）", deleted.Target);
        Assert.Equal("姑苏区总 扣2分，日期 2026-11-20，原因：迟报", deleted.Details);
        Assert.Equal("修改前 姑苏区总 扣2分，日期 2026-11-20，原因：原因/含斜杠；修改后 吴中区总 扣5分，日期 2026-11-21，原因：新的原因",
            rows.Single(r => r.Action == AuditActions.DeductionUpdate).Details);
    }

    [Fact]
    public async Task AnAttachmentLineNamesTheFileAndItsItem()
    {
        var item = await AdoptionServiceTests.AddItemAsync(t, reporter, title: "职工之家建设");
        await AddEntryAsync(nameof(Attachment), "55", $"{item}: 劳模方案.txt (12 字节, abc)", "删除附件");

        var row = Assert.Single((await t.Get<AuditService>().ListAsync(admin, new AuditFilter(), 0, 50)).Rows);

        Assert.Equal("附件 #55（已删除），公文《职工之家建设》", row.Target);
        Assert.Equal("劳模方案.txt (12 字节, abc)", row.Details);
    }

    private async Task AddEntryAsync(string type, string id, string details, string action = AuditActions.Settings)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        db.AuditEntries.Add(new AuditEntry
        {
            At = t.Clock.GetUtcNow().UtcDateTime, UserId = admin.UserId, UserName = admin.UserName,
            Action = action, EntityType = type, EntityId = id, Details = details,
        });
        await db.SaveChangesAsync();
    }
}
