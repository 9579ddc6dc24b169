using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class DeductionServiceTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller reviewer = default!;
    private DeductionService Deductions => t.Get<DeductionService>();
    private static readonly DateOnly Day = new(2026, 11, 20);

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task AStaleEditOfADeductionIsRefusedInsteadOfOverwritingTheOtherReviewersChange()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 3, "原因", Day));
        var seenByBoth = (await Deductions.GetAsync(reviewer, id)).UpdatedAt;

        t.Clock.Advance(TimeSpan.FromSeconds(5));
        await Deductions.UpdateAsync(reviewer, id, new DeductionInput(gusu, 4, "第一位审核员修改", Day), seenByBoth);
        t.Clock.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Deductions.UpdateAsync(reviewer, id, new DeductionInput(gusu, 9, "第二位审核员修改", Day), seenByBoth));

        Assert.Equal("已被他人修改，请刷新", ex.Message);
        var row = await Deductions.GetAsync(reviewer, id);
        Assert.Equal((4, "第一位审核员修改"), (row.Points, row.Reason));
    }

    [Fact]
    public async Task AReviewerRecordsADeductionWithAnAuditLineAndAChangeEventAfterTheCommit()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 3, "  信息报送不及时  ", Day));

        var row = await Deductions.GetAsync(reviewer, id);
        Assert.Equal((gusu, "姑苏区总", 3, "信息报送不及时", Day, "rev"), (row.UnitId, row.UnitName, row.Points, row.Reason, row.Date, row.CreatedByName));
        await using var db = await t.Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.DeductionCreate);
        Assert.Equal(id.ToString(), audit.EntityId);
        var change = Assert.Single(t.Notifier.Published);
        Assert.Equal((ChangeKind.DeductionChanged, gusu), (change.Kind, change.UnitId));
        Assert.True(change.AffectsScores);
    }

    [Theory]
    [InlineData(0, "扣分分值必须大于0")]
    [InlineData(-2, "扣分分值不能为负数")]
    [InlineData(1001, "扣分分值不能超过1000分")]
    public async Task InvalidPointsAreRefusedWithAChineseMessageAndNothingIsSaved(int points, string message)
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var ex = await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(gusu, points, "原因", Day)));
        Assert.Equal(message, ex.Message);
        Assert.Equal(0, await t.CountAsync<Deduction>());
        Assert.Empty(t.Notifier.Published);
    }

    [Fact]
    public async Task MissingOrTooLongFieldsAreRefused()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        Assert.Equal("请选择扣分单位", (await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(null, 1, "原因", Day)))).Message);
        Assert.Equal("请填写扣分原因", (await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, "   ", Day)))).Message);
        Assert.Equal("扣分原因不能超过500个字", (await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, new string('字', 501), Day)))).Message);
        Assert.Equal("请选择扣分日期", (await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, "原因", null)))).Message);
        Assert.Equal("扣分日期超出范围（2000年至2100年）", (await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, "原因", new DateOnly(1999, 12, 31))))).Message);
        Assert.Equal(0, await t.CountAsync<Deduction>());
    }

    [Fact]
    public async Task ReportersAreRefusedEveryChangeButReadTheirOwnUnit()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var reporter = await t.CreateUserAsync("rep", "姑苏区总", Roles.Reporter);
        var own = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "本单位", Day));
        var other = await Deductions.CreateAsync(reviewer, new DeductionInput(await t.UnitIdAsync("吴中区总"), 2, "别的单位", Day));

        await Assert.ThrowsAsync<ForbiddenException>(() => Deductions.CreateAsync(reporter, new DeductionInput(gusu, 1, "x", Day)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Deductions.UpdateAsync(reporter, own, new DeductionInput(gusu, 1, "x", Day)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Deductions.DeleteAsync(reporter, own));
        await Assert.ThrowsAsync<ForbiddenException>(() => Deductions.UnitsAsync(reporter, forEditing: true));

        var visible = await Deductions.ListAsync(reporter, new DeductionFilter());
        Assert.Equal([own], visible.Select(d => d.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Deductions.GetAsync(reporter, other));
    }

    [Fact]
    public async Task AReviewerOfADistrictCannotTouchDeductionsOutsideItsSubtree()
    {
        var street = await t.AddUnitAsync("某街道", "吴中区总");
        var districtReviewer = await t.CreateUserAsync("wzrev", "吴中区总", Roles.Reviewer);
        var gusuDeduction = await Deductions.CreateAsync(reviewer, new DeductionInput(await t.UnitIdAsync("姑苏区总"), 2, "姑苏", Day));

        var gusu = await t.UnitIdAsync("姑苏区总");
        await Assert.ThrowsAsync<NotFoundException>(() => Deductions.CreateAsync(districtReviewer, new DeductionInput(gusu, 1, "x", Day)));
        await Assert.ThrowsAsync<NotFoundException>(() => Deductions.UpdateAsync(districtReviewer, gusuDeduction, new DeductionInput(street, 1, "x", Day)));
        await Assert.ThrowsAsync<NotFoundException>(() => Deductions.DeleteAsync(districtReviewer, gusuDeduction));
        await Assert.ThrowsAsync<NotFoundException>(() => Deductions.DeleteAsync(reviewer, 999_999));

        var streetDeduction = await Deductions.CreateAsync(districtReviewer, new DeductionInput(street, 1, "街道", Day));
        Assert.Equal([streetDeduction], (await Deductions.ListAsync(districtReviewer, new DeductionFilter())).Select(d => d.Id));
        Assert.Equal(["吴中区总", "某街道"], (await Deductions.UnitsAsync(districtReviewer, forEditing: true)).Select(u => u.Name));
    }

    [Fact]
    public async Task UpdateAndDeleteChangeTheRowAndAreAudited()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var wuzhong = await t.UnitIdAsync("吴中区总");
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", Day));

        await Deductions.UpdateAsync(reviewer, id, new DeductionInput(wuzhong, 5, "新的原因", Day.AddDays(1)));
        var row = await Deductions.GetAsync(reviewer, id);
        Assert.Equal((wuzhong, 5, "新的原因", Day.AddDays(1), "rev"), (row.UnitId, row.Points, row.Reason, row.Date, row.CreatedByName));

        await Deductions.DeleteAsync(reviewer, id);
        Assert.Equal(0, await t.CountAsync<Deduction>());
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal([AuditActions.DeductionCreate, AuditActions.DeductionUpdate, AuditActions.DeductionDelete],
            await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(3, t.Notifier.Published.Count(e => e.Kind == ChangeKind.DeductionChanged));
    }

    [Fact]
    public async Task TheListFiltersByUnitAndInclusiveDateRange()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var wuzhong = await t.UnitIdAsync("吴中区总");
        var a = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, "a", new DateOnly(2026, 10, 31)));
        var b = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 1, "b", new DateOnly(2026, 11, 1)));
        var c = await Deductions.CreateAsync(reviewer, new DeductionInput(wuzhong, 1, "c", new DateOnly(2026, 11, 30)));

        Assert.Equal([c, b, a], (await Deductions.ListAsync(reviewer, new DeductionFilter())).Select(d => d.Id));
        Assert.Equal([c, b], (await Deductions.ListAsync(reviewer, new DeductionFilter(null, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)))).Select(d => d.Id));
        Assert.Equal([b, a], (await Deductions.ListAsync(reviewer, new DeductionFilter(gusu))).Select(d => d.Id));
    }

    [Fact]
    public async Task ADeactivatedUnitCannotGetNewDeductions()
    {
        var admin = await t.CreateUserAsync("adm", "苏州市总工会", Roles.Admin);
        var unit = await t.AddUnitAsync("停用街道", "姑苏区总");
        await t.Get<SettingsService>().SetUnitActiveAsync(admin, unit, false);
        var ex = await Assert.ThrowsAsync<DomainException>(() => Deductions.CreateAsync(admin, new DeductionInput(unit, 1, "x", Day)));
        Assert.Equal("该单位已停用，不能扣分", ex.Message);
    }
}
