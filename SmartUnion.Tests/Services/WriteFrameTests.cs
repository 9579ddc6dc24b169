using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// The one write frame of every service (<see cref="WriteFrame"/>): all or nothing, events only after the commit, the
/// timestamps filled from the clock on save, and one audit object type per entity.
/// </summary>
public class WriteFrameTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller reviewer = default!;
    private WriteFrame Write => t.Get<WriteFrame>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AWriteThatFailsLeavesNoRowNoAuditLineAndPublishesNothing()
    {
        var audits = await t.CountAsync<AuditEntry>();
        t.Notifier.Published.Clear();

        await Assert.ThrowsAsync<DomainException>(() => Write.RunAsync(gusu, async w =>
        {
            w.Db.Items.Add(InfoItem.NewDraft(gusu.UnitId, gusu.UserId, "半途而废", "正文", InfoCategory.General));
            await w.SaveAsync();
            w.Audit("新增公文", AuditEntityTypes.Item, 1, "半途而废");
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved));
            throw new DomainException("中途失败");
        }));

        Assert.Equal(0, await t.CountAsync<InfoItem>());
        Assert.Equal(audits, await t.CountAsync<AuditEntry>());
        Assert.Empty(t.Notifier.Published);
    }

    [Fact]
    public async Task EventsArePublishedOnlyAfterTheCommitInTheOrderTheyWereQueued()
    {
        t.Notifier.Published.Clear();
        var seenInside = -1;
        var order = new List<string>();

        await Write.RunAsync(gusu, w =>
        {
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved, 1));
            w.AfterCommit(() => order.Add($"after:{t.Notifier.Published.Count}"));
            w.Publish(new ChangeEvent(ChangeKind.ItemReported, 1));
            seenInside = t.Notifier.Published.Count;
            return Task.CompletedTask;
        });

        Assert.Equal(0, seenInside);
        Assert.Equal([ChangeKind.ItemSaved, ChangeKind.ItemReported], t.Notifier.Published.Select(e => e.Kind));
        Assert.Equal(["after:1"], order);
    }

    [Fact]
    public async Task ADiscardedWriteSavesAndAnnouncesNothing()
    {
        t.Notifier.Published.Clear();
        await Write.RunAsync(gusu, w =>
        {
            w.Db.Items.Add(InfoItem.NewDraft(gusu.UnitId, gusu.UserId, "不保存", "正文", InfoCategory.General));
            w.Publish(new ChangeEvent(ChangeKind.ItemSaved));
            w.Discard();
            return Task.CompletedTask;
        });
        Assert.Equal(0, await t.CountAsync<InfoItem>());
        Assert.Empty(t.Notifier.Published);
    }

    [Fact]
    public async Task CreatedAtAndUpdatedAtComeFromTheClockOnSave()
    {
        var createdAt = t.Clock.GetUtcNow().UtcDateTime;
        var saved = await t.Get<ItemService>().CreateAsync(gusu, ItemTestData.Input("时间戳"));
        t.Clock.Advance(TimeSpan.FromMinutes(7));
        await t.Get<ItemService>().UpdateAsync(gusu, saved.Id, saved.Version, ItemTestData.Input("时间戳（改）"));

        var item = await t.FindItemAsync(saved.Id);
        Assert.Equal(createdAt, item!.CreatedAt);
        Assert.Equal(createdAt.AddMinutes(7), item.UpdatedAt);
    }

    [Fact]
    public async Task AnUploadMovesTheItemsUpdatedAtButNotItsVersion()
    {
        var saved = await t.Get<ItemService>().CreateAsync(gusu, ItemTestData.Input("附件时间"));
        t.Clock.Advance(TimeSpan.FromMinutes(3));
        await t.Get<AttachmentService>().UploadAsync(gusu, saved.Id, "a.txt", ItemTestData.Text("内容"));

        var item = await t.FindItemAsync(saved.Id);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, item!.UpdatedAt);
        Assert.Equal(saved.Version, item.Version);
    }

    [Fact]
    public async Task ADeductionsTimestampsComeFromTheClockAndAnUpdateMovesUpdatedAt()
    {
        var deductions = t.Get<DeductionService>();
        var gusuUnit = await t.UnitIdAsync("姑苏区总");
        var today = ChinaTime.Today(t.Clock);
        var id = await deductions.CreateAsync(reviewer, new DeductionInput(gusuUnit, 2, "迟报", today));
        var createdAt = t.Clock.GetUtcNow().UtcDateTime;
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        await deductions.UpdateAsync(reviewer, id, new DeductionInput(gusuUnit, 2, "迟报", today), createdAt);

        await using var db = await t.Factory.CreateDbContextAsync();
        var row = await db.Deductions.SingleAsync(d => d.Id == id);
        Assert.Equal(createdAt, row.CreatedAt);
        Assert.Equal(createdAt.AddMinutes(5), row.UpdatedAt);
    }

    [Fact]
    public async Task EveryAuditLineOfAnItemCarriesTheOneItemTypeWhicheverServiceWroteIt()
    {
        var id = await t.ReportedAsync(gusu, "审计对象");
        await t.Get<AdoptionService>().RejectAsync(reviewer, id, null, "请补充数据");
        await t.Get<AdoptionService>().UndoRejectAsync(reviewer, id, null);

        await using var db = await t.Factory.CreateDbContextAsync();
        var types = await db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action != AuditActions.Settings)
            .Select(a => a.EntityType).ToListAsync();
        Assert.Equal(4, types.Count); // 新增公文, 上报公文, 驳回, 撤销驳回
        Assert.All(types, type => Assert.Equal(AuditEntityTypes.Item, type));
    }

    [Fact]
    public async Task FilteringTheAuditLogByItemAlsoFindsOlderLinesStoredAsGongwen()
    {
        var admin = await t.CreateUserAsync("admin2", "苏州市总工会", Roles.Admin);
        var id = await t.ReportedAsync(gusu, "旧审计");
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = t.Clock.GetUtcNow().UtcDateTime, UserId = reviewer.UserId, UserName = reviewer.UserName, Action = AuditActions.Reject,
                EntityType = AuditEntityTypes.LegacyItem, EntityId = id.ToString(), Details = "旧的驳回",
            });
            await db.SaveChangesAsync();
        }

        var page = await t.Get<AuditService>().ListAsync(admin, new AuditFilter(EntityType: AuditEntityTypes.Item, EntityId: id.ToString()), 0, 20);

        Assert.Equal(3, page.TotalCount); // 新增公文, 上报公文 and the old 驳回
        Assert.All(page.Rows, r => Assert.Equal("公文《旧审计》", r.Target));
    }

    [Fact]
    public async Task ARefusedNewAccountLeavesNoUserNoAuditLineAndNoEvent()
    {
        var admin = await t.CreateUserAsync("admin3", "苏州市总工会", Roles.Admin);
        var unit = await t.UnitIdAsync("姑苏区总");
        var users = await t.CountAsync<AppUser>();
        var audits = await t.CountAsync<AuditEntry>();
        t.Notifier.Published.Clear();

        // A password Identity refuses: the frame rolls the whole account change back.
        await Assert.ThrowsAsync<DomainException>(() => t.Get<SettingsService>().CreateUserAsync(admin,
            new NewUserInput("新用户", "新用户", unit, Roles.Reporter, "short")));

        Assert.Equal(users, await t.CountAsync<AppUser>());
        Assert.Equal(audits, await t.CountAsync<AuditEntry>());
        Assert.Empty(t.Notifier.Published);
    }
}
