using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>The 公文信息 list: filters, sorting, paging, the publication columns and the number of SQL commands per page.</summary>
public class ItemListQueryTests : IAsyncLifetime
{
    private readonly CommandCounter counter = new();
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private Caller wuzhong = default!;
    private Caller reviewer = default!;
    private ItemService Items => t.Get<ItemService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync(configure: s => s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(counter)));
        gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        reviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    [Fact]
    public async Task OnePageTakesTheSameSmallNumberOfSqlCommandsWhateverThePageSize()
    {
        await SeedManyAsync(150);
        var counts = new List<int>();
        foreach (var size in new[] { 5, 20, 100 })
        {
            counter.Reset();
            var page = await Items.ListAsync(reviewer, new ItemListQuery { PageSize = size, UnitId = gusu.UnitId });
            Assert.Equal(size, page.Rows.Count);
            Assert.True(page.Rows.Count(r => r.Adoptions.Count > 0) > 0, "the page carries adoptions");
            counts.Add(counter.Count);
        }
        // The unit check, then one statement: the page's rows with their adoptions and the count.
        Assert.All(counts, c => Assert.Equal(2, c));

        counter.Reset();
        await Items.ListAsync(reviewer, new ItemListQuery { PageSize = 100 });
        Assert.Equal(1, counter.Count); // no unit filter: the one statement
    }

    [Fact]
    public async Task TurningPagesWithAKnownTotalSkipsTheCountAndKeepsTheRows()
    {
        await SeedManyAsync(30);
        var first = await Items.ListAsync(reviewer, new ItemListQuery { Page = 1 });

        counter.Reset();
        var turned = await Items.ListAsync(reviewer, new ItemListQuery { Page = 1, KnownTotal = 12345 });

        Assert.Equal(12345, turned.TotalCount); // the caller's figure, not a new count
        Assert.Equal(first.Rows.Select(r => r.Id), turned.Rows.Select(r => r.Id));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task APagePastTheEndStillReportsTheTotal()
    {
        await SeedManyAsync(5);
        var page = await Items.ListAsync(reviewer, new ItemListQuery { Page = 3 });

        Assert.Empty(page.Rows);
        Assert.Equal(5, page.TotalCount);
    }

    [Fact]
    public async Task ThePageSizeIsCappedAtOneHundred()
    {
        await SeedManyAsync(120);
        var page = await Items.ListAsync(reviewer, new ItemListQuery { PageSize = 5000 });
        Assert.Equal(100, page.Rows.Count);
        Assert.Equal(120, page.TotalCount);
    }

    [Fact]
    public async Task TheDefaultPageSizeIsTwenty()
    {
        await SeedManyAsync(25);
        var page = await Items.ListAsync(reviewer, new ItemListQuery());
        Assert.Equal(20, page.Rows.Count);
        var second = await Items.ListAsync(reviewer, new ItemListQuery { Page = 1 });
        Assert.Equal(5, second.Rows.Count);
        Assert.Empty(page.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
    }

    [Fact]
    public async Task RowsCarryEachAdoptionsPublicationAndDate()
    {
        var id = await t.ReportedAsync(gusu, "录用公文");
        var adoptedAt = new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);
        await t.AdoptAsync(id, "苏州工会网", reviewer, adoptedAt);
        await t.AdoptAsync(id, "江苏工会信息", reviewer, adoptedAt.AddDays(2));
        var publications = (await Items.GetPublicationColumnsAsync(reviewer)).SelectMany(g => g.Publications).ToDictionary(p => p.Name, p => p.Id);

        var row = Assert.Single((await t.ListAsync(reviewer)).Rows);
        Assert.Equal(ItemState.Adopted, row.State);
        Assert.Equal("姑苏区总", row.UnitName);
        Assert.Equal(adoptedAt, row.AdoptedAtFor(publications["苏州工会网"]));
        Assert.Equal(adoptedAt.AddDays(2), row.AdoptedAtFor(publications["江苏工会信息"]));
        Assert.Null(row.AdoptedAtFor(publications["《工会信息》"]));
    }

    [Fact]
    public async Task PublicationColumnsAreGroupedByLevelInSortOrder()
    {
        var groups = await Items.GetPublicationColumnsAsync(gusu);
        Assert.Equal(["市级", "省级", "国家级"], groups.Select(g => g.LevelName));
        Assert.Equal(["《苏州工会信息》", "苏州工会网", "市委《苏州信息》", "市总综合录用"], groups[0].Publications.Select(p => p.Name));
        Assert.Equal(["江苏工会信息", "江苏工会网", "《江苏工运》", "省总综合录用"], groups[1].Publications.Select(p => p.Name));
        Assert.Equal(["《工会信息》"], groups[2].Publications.Select(p => p.Name));
    }

    [Fact]
    public async Task AnInactivePublicationHasNoColumn()
    {
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.Publications.Where(p => p.Name == "苏州工会网").ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false));
        var names = (await Items.GetPublicationColumnsAsync(gusu)).SelectMany(g => g.Publications).Select(p => p.Name);
        Assert.DoesNotContain("苏州工会网", names);
    }

    [Theory]
    [InlineData(AdoptionFilter.All, new[] { "草稿", "已上报", "已录用", "已驳回" })]
    [InlineData(AdoptionFilter.NotReported, new[] { "草稿" })]
    [InlineData(AdoptionFilter.Reported, new[] { "已上报" })]
    [InlineData(AdoptionFilter.Adopted, new[] { "已录用" })]
    [InlineData(AdoptionFilter.NotAdopted, new[] { "已上报", "已驳回" })]
    [InlineData(AdoptionFilter.Rejected, new[] { "已驳回" })]
    public async Task TheAdoptionFilterSelectsByState(AdoptionFilter filter, string[] titles)
    {
        await t.DraftAsync(gusu, "草稿");
        await t.ReportedAsync(gusu, "已上报");
        var adopted = await t.ReportedAsync(gusu, "已录用");
        await t.AdoptAsync(adopted, "苏州工会网", reviewer);
        await t.RejectedAsync(gusu, reviewer, "已驳回");

        var page = await t.ListAsync(gusu, new ItemListQuery { Adoption = filter, PageSize = 100 });
        Assert.Equal(titles.Order(StringComparer.Ordinal), page.Rows.Select(r => r.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheCategoryFilterSelectsOneCategory()
    {
        await t.ReportedAsync(gusu, "一般", InfoCategory.General);
        await t.ReportedAsync(gusu, "调研", InfoCategory.Research);
        var page = await t.ListAsync(gusu, new ItemListQuery { Category = InfoCategory.Research });
        Assert.Equal(["调研"], page.Rows.Select(r => r.Title));
    }

    [Fact]
    public async Task TheDateFilterUsesChinaDatesWithAnInclusiveEnd()
    {
        // 2026-11-01 00:30 and 2026-11-30 23:30 China time are inside November; 2026-10-31 23:30 and 2026-12-01 00:10 are not.
        await ReportAtAsync("十月底", new DateTime(2026, 10, 31, 15, 30, 0, DateTimeKind.Utc));
        await ReportAtAsync("十一月初", new DateTime(2026, 10, 31, 16, 30, 0, DateTimeKind.Utc));
        await ReportAtAsync("十一月底", new DateTime(2026, 11, 30, 15, 30, 0, DateTimeKind.Utc));
        await ReportAtAsync("十二月初", new DateTime(2026, 11, 30, 16, 10, 0, DateTimeKind.Utc));
        await t.DraftAsync(gusu, "草稿");

        var page = await t.ListAsync(gusu, new ItemListQuery { ReportedFrom = new(2026, 11, 1), ReportedTo = new(2026, 11, 30) });
        Assert.Equal(["十一月初", "十一月底"], page.Rows.Select(r => r.Title).Order(StringComparer.Ordinal));

        var sameDay = await t.ListAsync(gusu, new ItemListQuery { ReportedFrom = new(2026, 11, 30), ReportedTo = new(2026, 11, 30) });
        Assert.Equal(["十一月底"], sameDay.Rows.Select(r => r.Title));
    }

    [Fact]
    public async Task AnEndDateBeforeTheStartDateIsRefusedInChinese()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Items.ListAsync(gusu, new ItemListQuery { ReportedFrom = new(2026, 11, 2), ReportedTo = new(2026, 11, 1) }));
        Assert.Equal("报送结束日期不能早于报送开始日期", ex.Message);
    }

    [Fact]
    public async Task AUnitOutsideTheCallersScopeIsRefused()
    {
        await t.ReportedAsync(wuzhong, "吴中公文");
        var ex = await Assert.ThrowsAsync<DomainException>(() => Items.ListAsync(gusu, new ItemListQuery { UnitId = wuzhong.UnitId }));
        Assert.Equal("所选报送工会不在您的查询范围内", ex.Message);
        await Assert.ThrowsAsync<DomainException>(() => Items.ListAsync(gusu, new ItemListQuery { UnitId = 987654 }));
        await Assert.ThrowsAsync<DomainException>(() => Items.ListAllForExportAsync(gusu, new ItemListQuery { UnitId = wuzhong.UnitId }).ToListAsync().AsTask());
    }

    [Fact]
    public async Task AReviewersUnitFilterListsThatUnitAndItsSubtree()
    {
        await t.AddUnitAsync("双塔街道工会", "姑苏区总");
        var street = await t.CreateUserAsync("street-r", "双塔街道工会", Roles.Reporter);
        await t.ReportedAsync(street, "街道");
        await t.ReportedAsync(gusu, "区总");
        await t.ReportedAsync(wuzhong, "吴中");

        var page = await t.ListAsync(reviewer, new ItemListQuery { UnitId = gusu.UnitId });
        Assert.Equal(["区总", "街道"], page.Rows.Select(r => r.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheUnitOptionsAreTheReportersOwnUnitOrTheReviewersSubtreeDepthFirst()
    {
        var own = Assert.Single(await Items.GetUnitOptionsAsync(gusu));
        Assert.Equal("姑苏区总", own.Name);

        await t.AddUnitAsync("双塔街道工会", "姑苏区总");
        var options = await Items.GetUnitOptionsAsync(reviewer);
        Assert.Equal(12, options.Count);
        Assert.Equal(("苏州市总工会", 0), (options[0].Name, options[0].Depth));
        Assert.Equal(("姑苏区总", 1), (options[1].Name, options[1].Depth));
        Assert.Equal(("双塔街道工会", 2), (options[2].Name, options[2].Depth));
    }

    [Fact]
    public async Task TheListScopeTellsWhichUnitsEventsConcernAnOpenList()
    {
        var street = await t.AddUnitAsync("双塔街道工会", "姑苏区总");
        var gusuReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        ChangeEvent Saved(int unitId) => new(ChangeKind.ItemSaved, 1, unitId);

        // A reporter: its own unit only, and no unit created later can join.
        var reporterScope = await Items.GetListScopeAsync(gusu);
        Assert.True(reporterScope.Concerns(Saved(gusu.UnitId)));
        Assert.False(reporterScope.Concerns(Saved(street)));
        Assert.False(reporterScope.Concerns(Saved(wuzhong.UnitId)));
        Assert.False(reporterScope.Concerns(Saved(int.MaxValue)));

        // A district reviewer: its subtree, an inactive unit in it too (its items stay in the list).
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.Units.Where(u => u.Id == street).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        var districtScope = await Items.GetListScopeAsync(gusuReviewer);
        Assert.True(districtScope.Concerns(Saved(gusu.UnitId)));
        Assert.True(districtScope.Concerns(Saved(street)));
        Assert.False(districtScope.Concerns(Saved(wuzhong.UnitId)));
        Assert.False(districtScope.Concerns(Saved(reviewer.UnitId)));
        // A unit created after the scope was taken may lie in the subtree; events without a unit always concern.
        var later = await t.AddUnitAsync("平江街道工会", "姑苏区总");
        Assert.True(districtScope.Concerns(Saved(later)));
        Assert.True(districtScope.Concerns(new ChangeEvent(ChangeKind.SettingsChanged)));

        // The city: every unit.
        var cityScope = await Items.GetListScopeAsync(reviewer);
        Assert.True(cityScope.Concerns(Saved(wuzhong.UnitId)));
        Assert.True(cityScope.Concerns(Saved(street)));
        Assert.True(cityScope.Concerns(Saved(later)));
    }

    [Fact]
    public async Task TheDefaultSortIsNewestReportedFirstWithDraftsOnTop()
    {
        await ReportAtAsync("旧", new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        await ReportAtAsync("新", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        await t.DraftAsync(gusu, "草稿");

        Assert.Equal(["草稿", "新", "旧"], (await t.ListAsync(gusu)).Rows.Select(r => r.Title));
        var ascending = await t.ListAsync(gusu, new ItemListQuery { Descending = false });
        Assert.Equal(["旧", "新", "草稿"], ascending.Rows.Select(r => r.Title));
    }

    [Fact]
    public async Task SortingByTitleAndByUnitIsDoneByTheDatabase()
    {
        await t.ReportedAsync(wuzhong, "乙");
        await t.ReportedAsync(gusu, "甲");
        await t.ReportedAsync(gusu, "丙");

        var byTitle = await t.ListAsync(reviewer, new ItemListQuery { SortBy = ItemSortField.Title, Descending = false });
        Assert.Equal(new[] { "乙", "甲", "丙" }.Order(StringComparer.Ordinal), byTitle.Rows.Select(r => r.Title));
        var byUnit = await t.ListAsync(reviewer, new ItemListQuery { SortBy = ItemSortField.Unit, Descending = false });
        Assert.Equal(["姑苏区总", "姑苏区总", "吴中区总"], byUnit.Rows.Select(r => r.UnitName));
    }

    [Fact]
    public async Task TheExportStreamsEveryMatchingRowBeyondOnePage()
    {
        await SeedManyAsync(130);
        counter.Reset();
        var rows = await Items.ListAllForExportAsync(reviewer, new ItemListQuery { Adoption = AdoptionFilter.Adopted }).ToListAsync();
        Assert.Equal(65, rows.Count);
        Assert.All(rows, r => Assert.NotEmpty(r.Adoptions));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task NothingMatchingGivesAnEmptyPage()
    {
        var page = await t.ListAsync(gusu, new ItemListQuery { Category = InfoCategory.WorkerThoughts });
        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Rows);
    }

    private async Task ReportAtAsync(string title, DateTime reportedAt)
    {
        var id = await t.DraftAsync(gusu, title);
        await using var db = await t.Factory.CreateDbContextAsync();
        var item = await db.Items.SingleAsync(i => i.Id == id);
        item.Report(reportedAt);
        await db.SaveChangesAsync();
    }

    /// <summary>Reported items of 姑苏区总, every second one adopted by two publications.</summary>
    private async Task SeedManyAsync(int count)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var forms = await db.AdoptionForms.OrderBy(f => f.Id).Take(2).ToListAsync();
        var now = t.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            var item = new InfoItem
            {
                Title = $"公文{i:D3}", Body = "正文", Category = InfoCategory.General, UnitId = gusu.UnitId, AuthorId = gusu.UserId,
                CreatedAt = now, UpdatedAt = now,
            }.ReportedOn(now.AddMinutes(-i));
            if (i % 2 == 0)
            {
                item.AdoptedBy(forms.Select(form => new Adoption
                {
                    UnitId = gusu.UnitId, PublicationId = form.PublicationId, AdoptionFormId = form.Id,
                    AdoptedAt = now, ReviewerId = reviewer.UserId, Points = form.Points,
                }));
            }
            db.Items.Add(item);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Counts the SQL commands EF Core sends (readers, scalars and non-queries).</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public void Reset() => Interlocked.Exchange(ref count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}
