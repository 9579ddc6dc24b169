using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// The one subtree rule (<see cref="UnitScope"/>) and the scopes built on it: a unit's subtree holds the unit and its
/// descendants, never a sibling whose path merely starts with the same digits ("/1/2/" and "/1/20/").
/// </summary>
public class UnitScopeTests
{
    [Theory]
    [InlineData("/1/2/", "/1/2/", true)]
    [InlineData("/1/2/7/", "/1/2/", true)]
    [InlineData("/1/2/7/31/", "/1/2/", true)]
    [InlineData("/1/22/", "/1/2/", false)]
    [InlineData("/1/20/5/", "/1/2/", false)]
    [InlineData("/1/", "/1/2/", false)]
    [InlineData("/1/3/", "/1/2/", false)]
    public void APathIsInASubtreeOnlyBelowTheWholeAncestorPath(string unitPath, string ancestorPath, bool expected) =>
        Assert.Equal(expected, UnitScope.IsInSubtree(unitPath, ancestorPath));

    [Fact]
    public async Task ASubtreeQueryHoldsTheUnitAndItsDescendantsButNotASiblingWhosePathSharesItsPrefix()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (unit, child, lookalike) = await PrefixSiblingsAsync(t);

        await using var db = await t.Factory.CreateDbContextAsync();
        var subtree = await db.Units.SubtreeIds(await PathOfAsync(t, unit)).ToListAsync();

        Assert.Contains(unit, subtree);
        Assert.Contains(child, subtree);
        Assert.DoesNotContain(lookalike, subtree);
        Assert.Equal(2, subtree.Count);
    }

    [Fact]
    public async Task AReviewerSeesTheUnitsOfItsSubtreeAndAReporterOnlyItsOwnUnit()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (unit, child, lookalike) = await PrefixSiblingsAsync(t);
        var reviewer = await t.CreateUserAsync("scope-reviewer", "范围单位", Roles.Reviewer);
        var reporter = await t.CreateUserAsync("scope-reporter", "范围单位", Roles.Reporter);

        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Equal([unit, child], (await db.Units.VisibleTo(reviewer).Select(u => u.Id).ToListAsync()).Order());
        Assert.Equal([unit], await db.Units.VisibleTo(reporter).Select(u => u.Id).ToListAsync());
        Assert.Equal([unit, child], (await db.Units.ReportUnitIds(reviewer).ToListAsync()).Order());
        Assert.True(reviewer.SeesUnit(child, await PathOfAsync(t, child)));
        Assert.False(reviewer.SeesUnit(lookalike, await PathOfAsync(t, lookalike)));
        Assert.False(reporter.SeesUnit(child, await PathOfAsync(t, child)));
    }

    [Fact]
    public async Task AReviewerSeesTheReportedItemsOfItsSubtreeButNotThoseOfASiblingWhosePathSharesItsPrefix()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (_, child, lookalike) = await PrefixSiblingsAsync(t);
        var reviewer = await t.CreateUserAsync("scope-reviewer", "范围单位", Roles.Reviewer);
        var childItem = await ReportedItemAsync(t, "scope-child", "范围下级", "下级公文");
        var lookalikeItem = await ReportedItemAsync(t, "scope-lookalike", "相似单位", "相似公文");
        var items = t.Get<ItemService>();

        var page = await items.ListAsync(reviewer, new ItemListQuery { Page = 0, PageSize = 20 });

        Assert.Equal(["下级公文"], page.Rows.Select(r => r.Title));
        var scope = await items.GetListScopeAsync(reviewer);
        Assert.True(scope.Concerns(new ChangeEvent(ChangeKind.ItemReported, UnitId: child)));
        Assert.False(scope.Concerns(new ChangeEvent(ChangeKind.ItemReported, UnitId: lookalike)));
        await Assert.ThrowsAsync<DomainException>(() => items.ListAsync(reviewer, new ItemListQuery { Page = 0, PageSize = 20, UnitId = lookalike }));
        await t.Get<AdoptionService>().GetDetailAsync(reviewer, childItem);
        await Assert.ThrowsAsync<NotFoundException>(() => t.Get<AdoptionService>().GetDetailAsync(reviewer, lookalikeItem));
    }

    [Fact]
    public async Task AReviewerManagesTheDeductionsOfItsSubtreeButNotThoseOfASiblingWhosePathSharesItsPrefix()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (_, child, lookalike) = await PrefixSiblingsAsync(t);
        var reviewer = await t.CreateUserAsync("scope-reviewer", "范围单位", Roles.Reviewer);
        var city = await t.CreateUserAsync("scope-city", "苏州市总工会", Roles.Reviewer);
        var deductions = t.Get<DeductionService>();
        var today = ChinaTime.Today(t.Clock);
        await deductions.CreateAsync(reviewer, new DeductionInput(child, 1, "迟报", today));
        var other = await deductions.CreateAsync(city, new DeductionInput(lookalike, 2, "漏报", today));

        Assert.Equal([child], (await deductions.ListAsync(reviewer, new DeductionFilter())).Select(d => d.UnitId));
        await Assert.ThrowsAsync<NotFoundException>(() => deductions.CreateAsync(reviewer, new DeductionInput(lookalike, 1, "迟报", today)));
        await Assert.ThrowsAsync<NotFoundException>(() => deductions.DeleteAsync(reviewer, other));
        Assert.Equal(2, await t.CountAsync<Deduction>());
    }

    [Fact]
    public async Task AMonthlyReportCoversTheSubtreeButNotASiblingWhosePathSharesItsPrefix()
    {
        await using var t = await TestDatabase.CreateAsync();
        var (_, _, _) = await PrefixSiblingsAsync(t);
        var reviewer = await t.CreateUserAsync("scope-reviewer", "范围单位", Roles.Reviewer);
        var today = ChinaTime.Today(t.Clock);

        var summary = await t.Get<MonthlyReportService>().GetSummaryAsync(reviewer, new MonthlyReportRequest(today.Year, today.Month, false));

        var names = summary.Units.Select(r => r.UnitName).ToList();
        Assert.Contains("范围下级", names);
        Assert.DoesNotContain("相似单位", names);
    }

    /// <summary>
    /// 范围单位 under the city union, its child 范围下级, and 相似单位: a sibling whose id starts with 范围单位's id, so that its
    /// path ("/1/20/") starts with the same characters as 范围单位's ("/1/2") without lying in its subtree.
    /// </summary>
    private static async Task<(int Unit, int Child, int Lookalike)> PrefixSiblingsAsync(TestDatabase t)
    {
        var unit = await t.AddUnitAsync("范围单位", "苏州市总工会");
        var child = await t.AddUnitAsync("范围下级", "范围单位");
        for (var n = 0; n < 1000; n++)
        {
            var id = await t.AddUnitAsync($"填充{n}", "苏州市总工会");
            if (id.ToString(System.Globalization.CultureInfo.InvariantCulture).StartsWith(unit.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                await using var db = await t.Factory.CreateDbContextAsync();
                var lookalike = await db.Units.SingleAsync(u => u.Id == id);
                lookalike.ShortName = "相似单位";
                await db.SaveChangesAsync();
                Assert.StartsWith((await PathOfAsync(t, unit)).TrimEnd('/'), lookalike.Path, StringComparison.Ordinal);
                return (unit, child, id);
            }
        }
        throw new InvalidOperationException("no unit id with the prefix");
    }

    private static async Task<string> PathOfAsync(TestDatabase t, int unitId)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync();
    }

    private static async Task<int> ReportedItemAsync(TestDatabase t, string userName, string unit, string title)
    {
        var reporter = await t.CreateUserAsync(userName, unit, Roles.Reporter);
        var items = t.Get<ItemService>();
        var id = (await items.CreateAsync(reporter, new ItemInput { Title = title, Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(reporter, [id]);
        return id;
    }
}
