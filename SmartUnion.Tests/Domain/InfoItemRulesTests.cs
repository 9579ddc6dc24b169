using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Domain;

public class InfoItemRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 2, 0, 0, DateTimeKind.Utc);

    private static InfoItem Draft() => InfoItem.NewDraft(1, "a", "标题", "正文", InfoCategory.General);

    private static InfoItem Reported()
    {
        var item = Draft();
        item.Report(Now);
        return item;
    }

    private static InfoItem Rejected()
    {
        var item = Reported();
        item.Reject("补充数据", "r", Now);
        return item;
    }

    private static InfoItem Adopted()
    {
        var item = Reported();
        item.ChangeAdoptions([new Adoption()], []);
        return item;
    }

    [Fact]
    public void ReportingADraftSetsTheReportedDateAndState()
    {
        var item = Draft();
        item.Report(Now);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Equal(Now, item.ReportedAt);
        Assert.Equal(1, item.Version);
    }

    [Fact]
    public void ReportingARejectedItemClearsTheReason()
    {
        var item = Rejected();
        item.Report(Now);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Null(item.RejectReason);
    }

    [Fact]
    public void RejectingAnAdoptedItemIsRefusedWithTheManualsMessage()
    {
        var item = Adopted();
        var ex = Assert.Throws<DomainException>(() => item.Reject("理由", "r", Now));
        Assert.Equal("已被录用的公文不可以被驳回", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectingNeedsAReason(string reason)
    {
        var item = Reported();
        Assert.Throws<DomainException>(() => item.Reject(reason, "r", Now));
        Assert.Equal(ItemState.Reported, item.State);
    }

    [Fact]
    public void EditingAnAdoptedItemIsRefused()
    {
        var item = Adopted();
        Assert.Throws<DomainException>(() => item.Edit("t", "b", InfoCategory.General));
    }

    [Fact]
    public void RemovingTheLastAdoptionReturnsTheItemToReported()
    {
        var item = Adopted();
        item.ChangeAdoptions([], [item.Adoptions[0]]);
        Assert.Equal(ItemState.Reported, item.State);
    }

    // The 驳回理由 rule: one rule for the dialog, the service and the entity.

    [Theory]
    [InlineData(null, "请填写驳回理由")]
    [InlineData("  ", "请填写驳回理由")]
    [InlineData("理由\u0007", "驳回理由包含不可见的控制字符，请删除后重试")]
    public void AnUnacceptableRejectReasonIsNamedInChinese(string? reason, string message)
    {
        Assert.Equal(message, InfoItem.RejectReasonError(reason));
        Assert.Equal(message, Assert.Throws<DomainException>(() => Reported().Reject(reason!, "r", Now)).Message);
    }

    [Fact]
    public void ARejectReasonLongerThanFiveHundredCharactersIsRefused()
    {
        Assert.Null(InfoItem.RejectReasonError(new string('字', InfoItem.RejectReasonMaxLength)));
        Assert.Equal("驳回理由不能超过500个字", InfoItem.RejectReasonError(new string('字', InfoItem.RejectReasonMaxLength + 1)));
    }

    [Fact]
    public void RejectingKeepsTheTrimmedReasonWithItsReviewerAndDate()
    {
        var item = Reported();
        item.Reject("  请补充数据 \n", "reviewer", Now);
        Assert.Equal(ItemState.Rejected, item.State);
        Assert.Equal("请补充数据", item.RejectReason);
        Assert.Equal("reviewer", item.RejectedById);
        Assert.Equal(Now, item.RejectedAt);
    }

    [Fact]
    public void CheckRejectReasonReturnsTheTrimmedReasonOrThrowsTheRule()
    {
        Assert.Equal("理由", InfoItem.CheckRejectReason(" 理由 "));
        Assert.Equal("请填写驳回理由", Assert.Throws<DomainException>(() => InfoItem.CheckRejectReason("")).Message);
    }

    // A rejected (or unreported) item cannot be adopted.

    [Fact]
    public void AddingAnAdoptionToARejectedItemIsRefused()
    {
        var item = Rejected();
        Assert.Equal("已驳回的公文不可以被采用", item.AdoptRefusal);
        var ex = Assert.Throws<DomainException>(() => item.ChangeAdoptions([new Adoption()], []));
        Assert.Equal("已驳回的公文不可以被采用", ex.Message);
        Assert.Equal(ItemState.Rejected, item.State);
        Assert.Empty(item.Adoptions);
    }

    [Fact]
    public void AnUnreportedDraftCannotBeAdopted()
    {
        var item = Draft();
        Assert.Equal("未上报的公文不可以被采用", item.AdoptRefusal);
        Assert.Equal("未上报的公文不可以被采用", Assert.Throws<DomainException>(() => item.ChangeAdoptions([new Adoption()], [])).Message);
        Assert.Equal("未上报的公文不可以被采用", Assert.Throws<DomainException>(item.EnsureAdoptionsCanChange).Message);
    }

    [Fact]
    public void AReportedOrAdoptedItemCanBeAdopted()
    {
        Assert.Null(Reported().AdoptRefusal);
        Assert.Null(Adopted().AdoptRefusal);
        var item = Reported();
        item.ChangeAdoptions([new Adoption(), new Adoption()], []);
        Assert.Equal(ItemState.Adopted, item.State);
        Assert.Equal(2, item.Adoptions.Count);
    }

    // The adopted-item lock.

    [Fact]
    public void AnAdoptedItemIsLockedWithTheManualsMessage()
    {
        var item = Adopted();
        Assert.False(item.IsEditable);
        Assert.Equal("已录用的公文不可以修改或删除", item.EditRefusal);
        Assert.Equal("已录用的公文不可以修改或删除", Assert.Throws<DomainException>(item.EnsureEditable).Message);
        Assert.Equal("已录用的公文不可以修改或删除", Assert.Throws<DomainException>(() => item.Edit("t", "b", InfoCategory.General)).Message);
        Assert.Equal("标题", item.Title);
    }

    [Theory]
    [InlineData(ItemState.Draft, null)]
    [InlineData(ItemState.Reported, null)]
    [InlineData(ItemState.Rejected, null)]
    [InlineData(ItemState.Adopted, "已录用的公文不可以修改或删除")]
    public void TheLockOfAListRowFollowsTheSameRule(ItemState state, string? refusal)
    {
        Assert.Equal(refusal, InfoItem.EditRefusalFor(state));
    }

    [Fact]
    public void AnItemCarryingAnAdoptionIsLockedWhateverItsState()
    {
        Assert.Equal("已录用的公文不可以修改或删除", InfoItem.EditRefusalFor(ItemState.Reported, hasAdoptions: true));
        Assert.Equal("已被录用的公文不可以被驳回", InfoItem.RejectRefusalFor(ItemState.Reported, hasAdoptions: true));
    }

    [Fact]
    public void EditingAReportedItemKeepsItsStateAndBumpsTheVersion()
    {
        var item = Reported();
        item.Edit("新标题", "新正文", InfoCategory.General);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Equal("新标题", item.Title);
        Assert.Equal(2, item.Version);
    }

    [Fact]
    public void OnlyAReportedItemWithoutAdoptionsCanBeRejected()
    {
        Assert.Null(Reported().RejectRefusal);
        Assert.Equal("未上报的公文不可以被驳回", Draft().RejectRefusal);
        Assert.Equal("该公文已被驳回", Rejected().RejectRefusal);
        Assert.Equal("已被录用的公文不可以被驳回", Adopted().RejectRefusal);
    }

    [Fact]
    public void UndoingARejectionReportsTheItemAgainWithItsFirstReportedDate()
    {
        var item = Rejected();
        item.UndoReject();
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Equal(Now, item.ReportedAt);
        Assert.Null(item.RejectReason);
        Assert.Equal("该公文未被驳回，不能撤销驳回", Assert.Throws<DomainException>(item.UndoReject).Message);
    }

    // The app's date range and the end-before-start message.

    [Fact]
    public void DatesOutsideTwoThousandToTwentyOneHundredAreRefusedWithOneMessage()
    {
        Assert.True(DateRules.IsInRange(new DateOnly(2000, 1, 1)));
        Assert.True(DateRules.IsInRange(new DateOnly(2100, 12, 31)));
        Assert.False(DateRules.IsInRange(new DateOnly(1999, 12, 31)));
        Assert.False(DateRules.IsInRange(2101));
        Assert.Equal("日期超出范围（2000年至2100年）", DateRules.OutOfRangeMessage());
        Assert.Equal("扣分日期超出范围（2000年至2100年）", Assert.Throws<DomainException>(() => DateRules.EnsureInRange(1999, "扣分日期")).Message);
        Assert.Equal(2000, Adoption.MinYear);
        Assert.Equal(2100, Adoption.MaxYear);
    }

    [Fact]
    public void AnEndDateBeforeTheStartDateIsRefusedWithOneMessage()
    {
        var start = new DateOnly(2026, 5, 2);
        DateRules.EnsureOrdered(start, start);
        DateRules.EnsureOrdered(start, null);
        Assert.Equal("结束日期不能早于开始日期", Assert.Throws<DomainException>(() => DateRules.EnsureOrdered(start, start.AddDays(-1))).Message);
        Assert.Equal("报送结束日期不能早于报送开始日期", DateRules.EndBeforeStartMessage("报送"));
    }
}
