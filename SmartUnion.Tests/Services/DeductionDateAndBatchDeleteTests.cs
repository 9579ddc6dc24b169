using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>扣分日期 far from today is refused; 删除 of several ticked deductions is all or nothing.</summary>
public class DeductionDateAndBatchDeleteTests : IAsyncLifetime
{
    // The test clock stands at 2026-11-26 (China): the window is 2025-01-01 … 2026-12-31.
    private static readonly DateOnly Day = new(2026, 11, 20);
    private TestDatabase t = default!;
    private Caller reviewer = default!;
    private DeductionService Deductions => t.Get<DeductionService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Theory]
    [InlineData("2099-01-01", "扣分日期不能晚于2026-12-31（下月月底），请检查年份")]
    [InlineData("2027-01-01", "扣分日期不能晚于2026-12-31（下月月底），请检查年份")]
    [InlineData("2024-12-31", "扣分日期不能早于2025-01-01（上一年年初），请检查年份")]
    [InlineData("1999-12-31", "扣分日期超出范围（2000年至2100年）")]
    public async Task ADateFarFromTodayIsRefusedWithAChineseMessageAndNothingIsSaved(string date, string message)
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", DateOnly.Parse(date))));
        Assert.Equal(message, ex.Message);
        Assert.Equal(0, await t.CountAsync<Deduction>());
        Assert.Empty(t.Notifier.Published);
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2026-11-26")]
    [InlineData("2026-12-31")]
    public async Task DatesFromLastYearsStartToTheEndOfNextMonthAreAccepted(string date)
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", DateOnly.Parse(date)));
        Assert.Equal(DateOnly.Parse(date), (await Deductions.GetAsync(reviewer, id)).Date);
    }

    [Fact]
    public async Task ChangingToAFarDateIsRefusedButAnOldDeductionKeepsItsOwnDateWhenItsReasonIsCorrected()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", Day));
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Deductions.UpdateAsync(reviewer, id, new DeductionInput(gusu, 2, "原因", new DateOnly(2099, 1, 1))));
        Assert.Contains("不能晚于", ex.Message);
        Assert.Equal(Day, (await Deductions.GetAsync(reviewer, id)).Date);

        // Two years on, the same deduction's reason can still be corrected without touching its date.
        t.Clock.Advance(TimeSpan.FromDays(800));
        await Deductions.UpdateAsync(reviewer, id, new DeductionInput(gusu, 2, "更正的原因", Day));
        Assert.Equal("更正的原因", (await Deductions.GetAsync(reviewer, id)).Reason);
    }

    [Fact]
    public async Task DeletingSeveralTickedDeductionsRemovesAllInOneTransactionWithOneAuditLineEachAndOneChangeEvent()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var wuzhong = await t.UnitIdAsync("吴中区总");
        var a = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "甲", Day));
        var b = await Deductions.CreateAsync(reviewer, new DeductionInput(wuzhong, 3, "乙", Day));
        var keep = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 4, "留下", Day));
        var seen = await Deductions.ListAsync(reviewer, new DeductionFilter());
        t.Notifier.Published.Clear();

        await Deductions.DeleteAsync(reviewer, seen.Where(r => r.Id != keep).Select(r => new DeductionVersion(r.Id, r.UpdatedAt)).ToList());

        Assert.Equal([keep], (await Deductions.ListAsync(reviewer, new DeductionFilter())).Select(r => r.Id));
        await using var db = await t.Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(e => e.Action == AuditActions.DeductionDelete).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([a.ToString(), b.ToString()], audit.Select(e => e.EntityId));
        Assert.Equal("姑苏区总 扣2分，日期 2026-11-20，原因：甲", audit[0].Details);
        Assert.Equal("吴中区总 扣3分，日期 2026-11-20，原因：乙", audit[1].Details);
        var change = Assert.Single(t.Notifier.Published);
        Assert.Equal(ChangeKind.DeductionChanged, change.Kind);
        Assert.True(change.AffectsScores);
    }

    [Fact]
    public async Task WhenOneTickedDeductionIsOutsideTheCallersSubtreeNothingIsDeleted()
    {
        var district = await t.CreateUserAsync("wzrev", "吴中区总", Roles.Reviewer);
        var own = await Deductions.CreateAsync(reviewer, new DeductionInput(await t.UnitIdAsync("吴中区总"), 2, "吴中", Day));
        var foreign = await Deductions.CreateAsync(reviewer, new DeductionInput(await t.UnitIdAsync("姑苏区总"), 2, "姑苏", Day));
        t.Notifier.Published.Clear();

        var ex = await Assert.ThrowsAsync<NotFoundException>(() =>
            Deductions.DeleteAsync(district, [new DeductionVersion(own, null), new DeductionVersion(foreign, null)]));

        Assert.Contains("未删除任何记录", ex.Message);
        Assert.Equal(2, await t.CountAsync<Deduction>());
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.DeductionDelete));
        Assert.Empty(t.Notifier.Published);
    }

    [Fact]
    public async Task WhenOneTickedDeductionWasChangedSinceTheListReadItNothingIsDeleted()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var a = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "甲", Day));
        var b = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 3, "乙", Day));
        var seen = await Deductions.ListAsync(reviewer, new DeductionFilter());
        t.Clock.Advance(TimeSpan.FromSeconds(5));
        await Deductions.UpdateAsync(reviewer, b, new DeductionInput(gusu, 5, "乙（他人修改）", Day));
        t.Notifier.Published.Clear();

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() =>
            Deductions.DeleteAsync(reviewer, seen.Select(r => new DeductionVersion(r.Id, r.UpdatedAt)).ToList()));

        Assert.Contains("未删除任何记录", ex.Message);
        Assert.Equal([b, a], (await Deductions.ListAsync(reviewer, new DeductionFilter())).Select(r => r.Id));
        Assert.Empty(t.Notifier.Published);
    }

    [Fact]
    public async Task ReportersAndEmptySelectionsAreRefused()
    {
        var gusu = await t.UnitIdAsync("姑苏区总");
        var reporter = await t.CreateUserAsync("rep", "姑苏区总", Roles.Reporter);
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(gusu, 2, "甲", Day));
        await Assert.ThrowsAsync<ForbiddenException>(() => Deductions.DeleteAsync(reporter, [new DeductionVersion(id, null)]));
        Assert.Equal("请勾选需要删除的扣分记录",
            (await Assert.ThrowsAsync<DomainException>(() => Deductions.DeleteAsync(reviewer, Array.Empty<DeductionVersion>()))).Message);
        Assert.Equal(1, await t.CountAsync<Deduction>());
    }

    [Fact]
    public async Task TheAuditLineOfAChangeNamesTheUnitsBeforeAndAfter()
    {
        var id = await Deductions.CreateAsync(reviewer, new DeductionInput(await t.UnitIdAsync("姑苏区总"), 2, "原因", Day));
        await Deductions.UpdateAsync(reviewer, id, new DeductionInput(await t.UnitIdAsync("吴中区总"), 5, "新的原因", Day.AddDays(1)));
        await using var db = await t.Factory.CreateDbContextAsync();
        var line = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.DeductionUpdate);
        Assert.Equal("修改前 姑苏区总 扣2分，日期 2026-11-20，原因：原因；修改后 吴中区总 扣5分，日期 2026-11-21，原因：新的原因", line.Details);
    }
}
