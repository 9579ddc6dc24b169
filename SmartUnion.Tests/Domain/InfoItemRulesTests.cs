using SmartUnion.Domain.Entities;

namespace SmartUnion.Tests.Domain;

public class InfoItemRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ReportingADraftSetsTheReportedDateAndState()
    {
        var item = new InfoItem { State = ItemState.Draft };
        item.Report(Now);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Equal(Now, item.ReportedAt);
        Assert.Equal(1, item.Version);
    }

    [Fact]
    public void ReportingARejectedItemClearsTheReason()
    {
        var item = new InfoItem { State = ItemState.Rejected, RejectReason = "补充数据" };
        item.Report(Now);
        Assert.Equal(ItemState.Reported, item.State);
        Assert.Null(item.RejectReason);
    }

    [Fact]
    public void RejectingAnAdoptedItemIsRefusedWithTheManualsMessage()
    {
        var item = new InfoItem { State = ItemState.Adopted, Adoptions = [new Adoption()] };
        var ex = Assert.Throws<DomainException>(() => item.Reject("理由", "r", Now));
        Assert.Equal("已被录用的公文不可以被驳回", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectingNeedsAReason(string reason)
    {
        var item = new InfoItem { State = ItemState.Reported };
        Assert.Throws<DomainException>(() => item.Reject(reason, "r", Now));
        Assert.Equal(ItemState.Reported, item.State);
    }

    [Fact]
    public void EditingAnAdoptedItemIsRefused()
    {
        var item = new InfoItem { State = ItemState.Adopted };
        Assert.Throws<DomainException>(() => item.Edit("t", "b", InfoCategory.General, Now));
    }

    [Fact]
    public void RemovingTheLastAdoptionReturnsTheItemToReported()
    {
        var item = new InfoItem { State = ItemState.Adopted };
        item.SyncAdoptionState(Now);
        Assert.Equal(ItemState.Reported, item.State);
    }
}
