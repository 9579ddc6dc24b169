using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>公文上报 / 修改 / 删除 and the scope rules of <see cref="ItemService"/>.</summary>
public class ItemServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller cityReviewer = default!;
    private ItemService Items => t.Get<ItemService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        cityReviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AReporterCreatesADraftOfItsOwnUnitAndAnEventIsPublished()
    {
        var saved = await Items.CreateAsync(gusu, ItemTestData.Input("  系统上线  ", "2018年1月1日信息报送平台上线", InfoCategory.General));

        var item = await t.FindItemAsync(saved.Id);
        Assert.NotNull(item);
        Assert.Equal("系统上线", item.Title);
        Assert.Equal(ItemState.Draft, item.State);
        Assert.Equal(gusu.UnitId, item.UnitId);
        Assert.Equal(gusu.UserId, item.AuthorId);
        Assert.Null(item.ReportedAt);
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.ItemSaved && e.ItemId == saved.Id);
    }

    [Fact]
    public async Task TheBodyKeepsItsLineBreaks()
    {
        var id = (await Items.CreateAsync(gusu, ItemTestData.Input(body: "第一段\r\n第二段\n\n第三段"))).Id;
        Assert.Equal("第一段\n第二段\n\n第三段", (await t.FindItemAsync(id))!.Body);
    }

    [Theory]
    [InlineData("", "正文", InfoCategory.General, "请填写标题")]
    [InlineData("   ", "正文", InfoCategory.General, "请填写标题")]
    [InlineData("标题", "  \n ", InfoCategory.General, "请填写正文")]
    [InlineData("标题", "正文", null, "请选择信息分类")]
    [InlineData("标题", "正文", (InfoCategory)9, "请选择信息分类")]
    public async Task BadInputIsRefusedWithAChineseMessageAndNothingIsStored(string title, string body, InfoCategory? category, string message)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.CreateAsync(gusu, ItemTestData.Input(title, body, category)));
        Assert.Equal(message, ex.Message);
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task ATitleOf201CharactersIsRefusedAnd200AreAccepted()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.CreateAsync(gusu, ItemTestData.Input(new string('标', 201))));
        Assert.Equal("标题不能超过200个字", ex.Message);
        Assert.Equal(0, await t.CountAsync<InfoItem>());

        var saved = await Items.CreateAsync(gusu, ItemTestData.Input(new string('标', 200)));
        Assert.Equal(200, (await t.FindItemAsync(saved.Id))!.Title.Length);
    }

    [Fact]
    public async Task AReviewerWithoutTheReporterRoleCannotCreateItems()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.CreateAsync(cityReviewer, ItemTestData.Input()));
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task AReporterSeesItsOwnUnitsItemsInEveryStateAndNoOtherUnits()
    {
        var draft = await t.DraftAsync(gusu, "姑苏草稿");
        var reported = await t.ReportedAsync(gusu, "姑苏已上报");
        var rejected = await t.RejectedAsync(gusu, cityReviewer, "姑苏已驳回");
        var adopted = await t.ReportedAsync(gusu, "姑苏已录用");
        await t.AdoptAsync(adopted, "苏州工会网", cityReviewer);
        await t.ReportedAsync(wuzhong, "吴中已上报");

        var page = await t.ListAsync(gusu);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(new[] { draft, reported, rejected, adopted }.Order(), page.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task AReviewerSeesReportedItemsOfTheSubtreeButNeverDrafts()
    {
        await t.DraftAsync(gusu, "姑苏草稿");
        var reported = await t.ReportedAsync(gusu, "姑苏已上报");
        var rejected = await t.RejectedAsync(wuzhong, cityReviewer, "吴中已驳回");

        var page = await t.ListAsync(cityReviewer);
        Assert.Equal(new[] { reported, rejected }.Order(), page.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task ADistrictReviewerSeesItsStreetUnionsButNotOtherDistricts()
    {
        await t.AddUnitAsync("双塔街道工会", "姑苏区总");
        var street = await t.CreateUserAsync("street-r", "双塔街道工会", Roles.Reporter);
        var districtReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var fromStreet = await t.ReportedAsync(street, "街道公文");
        var fromDistrict = await t.ReportedAsync(gusu, "区总公文");
        await t.ReportedAsync(wuzhong, "吴中公文");

        var page = await t.ListAsync(districtReviewer);
        Assert.Equal(new[] { fromStreet, fromDistrict }.Order(), page.Rows.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task AnotherUnitsItemByIdIsNotFoundForEveryChange()
    {
        var id = await t.DraftAsync(gusu);
        await Assert.ThrowsAsync<NotFoundException>(() => Items.GetForEditAsync(wuzhong, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Items.UpdateAsync(wuzhong, id, 0, ItemTestData.Input("篡改")));
        await Assert.ThrowsAsync<NotFoundException>(() => Items.ReportAsync(wuzhong, [id]));
        await Assert.ThrowsAsync<NotFoundException>(() => Items.DeleteAsync(wuzhong, [id]));
        var item = await t.FindItemAsync(id);
        Assert.Equal(ItemState.Draft, item!.State);
        Assert.Equal("草稿公文", item.Title);
    }

    [Fact]
    public async Task AnUnknownIdIsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Items.GetForEditAsync(gusu, 987654));
        await Assert.ThrowsAsync<NotFoundException>(() => Items.ReportAsync(gusu, [987654]));
    }

    [Fact]
    public async Task AReviewerCannotOpenOrChangeADraftOrAnyItem()
    {
        var draft = await t.DraftAsync(gusu);
        var reported = await t.ReportedAsync(gusu);
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.GetForEditAsync(cityReviewer, draft));
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.DeleteAsync(cityReviewer, [reported]));
        Assert.NotNull(await t.FindItemAsync(reported));
    }

    [Fact]
    public async Task AReporterReviewerCannotChangeAnotherUnitsItemItCanSee()
    {
        var both = await t.CreateUserAsync("city-both", "苏州市总工会", Roles.Reporter, Roles.Reviewer);
        var reported = await t.ReportedAsync(gusu);
        Assert.Contains(reported, (await t.ListAsync(both)).Rows.Select(r => r.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.UpdateAsync(both, reported, 1, ItemTestData.Input("篡改")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.DeleteAsync(both, [reported]));
    }

    [Fact]
    public async Task AnAdoptedItemCanBeNeitherEditedNorDeleted()
    {
        var id = await t.ReportedAsync(gusu);
        await t.AdoptAsync(id, "《苏州工会信息》", cityReviewer);
        var version = (await t.FindItemAsync(id))!.Version;

        var open = await Assert.ThrowsAsync<DomainException>(() => Items.GetForEditAsync(gusu, id));
        Assert.Equal("已录用的公文不可以修改或删除", open.Message);
        var edit = await Assert.ThrowsAsync<DomainException>(() => Items.UpdateAsync(gusu, id, version, ItemTestData.Input("改标题")));
        Assert.Equal("已录用的公文不可以修改或删除", edit.Message);
        var delete = await Assert.ThrowsAsync<DomainException>(() => Items.DeleteAsync(gusu, [id]));
        Assert.Contains("已录用的公文不可以修改或删除", delete.Message);

        var item = await t.FindItemAsync(id);
        Assert.Equal("已上报公文", item!.Title);
        Assert.Equal(ItemState.Adopted, item.State);
    }

    [Fact]
    public async Task EditingKeepsTheStateAndChangesTheFields()
    {
        var id = await t.ReportedAsync(gusu);
        var loaded = await Items.GetForEditAsync(gusu, id);
        await Items.UpdateAsync(gusu, id, loaded.Version, ItemTestData.Input("新标题", "新正文", InfoCategory.Research));

        var item = await t.FindItemAsync(id);
        Assert.Equal(("新标题", "新正文", InfoCategory.Research, ItemState.Reported), (item!.Title, item.Body, item.Category, item.State));
    }

    [Fact]
    public async Task SavingWithAStaleVersionIsRefused()
    {
        var id = await t.DraftAsync(gusu);
        var loaded = await Items.GetForEditAsync(gusu, id);
        await Items.UpdateAsync(gusu, id, loaded.Version, ItemTestData.Input("第一次保存"));
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => Items.UpdateAsync(gusu, id, loaded.Version, ItemTestData.Input("第二个窗口")));
        Assert.Equal("已被他人修改，请刷新", ex.Message);
        Assert.Equal("第一次保存", (await t.FindItemAsync(id))!.Title);
    }

    [Fact]
    public async Task ReportingSetsTheReportedDateToNowAndPublishes()
    {
        var a = await t.DraftAsync(gusu, "甲");
        var b = await t.RejectedAsync(gusu, cityReviewer, "乙");
        t.Clock.Advance(TimeSpan.FromHours(3));

        await Items.ReportAsync(gusu, [a, b]);

        foreach (var id in new[] { a, b })
        {
            var item = await t.FindItemAsync(id);
            Assert.Equal(ItemState.Reported, item!.State);
            Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, item.ReportedAt);
            Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.ItemReported && e.ItemId == id);
        }
    }

    [Fact]
    public async Task ReportingIsAllOrNothing()
    {
        var draft = await t.DraftAsync(gusu, "草稿");
        var reported = await t.ReportedAsync(gusu, "已上报");

        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.ReportAsync(gusu, [draft, reported]));
        Assert.Equal("《已上报》该公文已上报，无需重复上报", ex.Message);
        Assert.Equal(ItemState.Draft, (await t.FindItemAsync(draft))!.State);
    }

    [Fact]
    public async Task ReportingNothingIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.ReportAsync(gusu, []));
        Assert.Equal("请勾选需要上报的公文", ex.Message);
    }

    [Fact]
    public async Task DeletingRemovesTheItemsTheirAttachmentsAndFiles()
    {
        var id = await t.DraftAsync(gusu);
        var other = await t.ReportedAsync(gusu, "另一条");
        await t.Get<AttachmentService>().UploadAsync(gusu, id, "劳模方案.txt", ItemTestData.Text("全文"));
        Assert.Single(t.FilesOnDisk());

        await Items.DeleteAsync(gusu, [id, other]);

        Assert.Equal(0, await t.CountAsync<InfoItem>());
        Assert.Equal(0, await t.CountAsync<Attachment>());
        Assert.Empty(t.FilesOnDisk());
        Assert.Contains(t.Notifier.Published, e => e.Kind == ChangeKind.ItemDeleted && e.ItemId == id);
    }

    [Fact]
    public async Task DeletingIsAllOrNothingWhenOneItemIsAdopted()
    {
        var draft = await t.DraftAsync(gusu, "草稿");
        var adopted = await t.ReportedAsync(gusu, "录用");
        await t.AdoptAsync(adopted, "苏州工会网", cityReviewer);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.DeleteAsync(gusu, [draft, adopted]));
        Assert.Equal("《录用》已录用，已录用的公文不可以修改或删除", ex.Message);
        Assert.Equal(2, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task EveryChangeIsAudited()
    {
        var id = await t.DraftAsync(gusu);
        await Items.ReportAsync(gusu, [id]);
        await Items.DeleteAsync(gusu, [id]);
        await using var db = await t.Factory.CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(InfoItem) && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["新增公文", "上报公文", "删除公文"], actions);
    }
}
