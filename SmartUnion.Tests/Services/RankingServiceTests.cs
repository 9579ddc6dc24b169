using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

public class RankingServiceTests
{
    [Fact]
    public async Task AnAdoptionOnTheLastDayOfTheMonthCountsAndTheNextDayDoesNot()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("r1", "姑苏区总", Roles.Reporter);
        // 2026-10-31 23:30 and 2026-11-01 00:30 China time.
        await AddAdoptionAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 10, 31, 15, 30, 0, DateTimeKind.Utc), 5);
        await AddAdoptionAsync(t, reporter.UnitId, reporter.UserId, new DateTime(2026, 10, 31, 16, 30, 0, DateTimeKind.Utc), 3);

        var october = await t.Get<RankingService>().GetRankingAsync(reporter, Period.Month(2026, 10));
        var row = Assert.Single(october);
        Assert.Equal(5, row.Score.Total);
        var november = await t.Get<RankingService>().GetRankingAsync(reporter, Period.Month(2026, 11));
        Assert.Equal(3, Assert.Single(november).Score.Total);
    }

    [Fact]
    public void TiesShareARankAndFollowUnitOrderAndZeroScoresAreAbsent()
    {
        var rows = RankingService.Rank(
        [
            new UnitScore(1, "甲", 3, 1, 5, 0),
            new UnitScore(2, "乙", 1, 1, 5, 0),
            new UnitScore(3, "丙", 2, 0, 0, 0),
            new UnitScore(4, "丁", 4, 0, 0, 2),
            new UnitScore(5, "戊", 5, 2, 10, 1),
        ]);
        Assert.Equal(["戊", "乙", "甲", "丁"], rows.Select(r => r.Score.UnitName));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank));
        Assert.Equal(-2, rows[^1].Score.Total);
    }

    internal static async Task AddAdoptionAsync(TestDatabase t, int unitId, string authorId, DateTime adoptedAt, int points)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var form = db.AdoptionForms.OrderBy(f => f.Id).Skip(db.Adoptions.Count()).First();
        var item = new InfoItem
        {
            Title = "t", Body = "b", Category = InfoCategory.General, UnitId = unitId, AuthorId = authorId,
            CreatedAt = adoptedAt, UpdatedAt = adoptedAt, ReportedAt = adoptedAt, State = ItemState.Adopted,
        };
        item.Adoptions.Add(new Adoption
        {
            UnitId = unitId, PublicationId = form.PublicationId, AdoptionFormId = form.Id,
            AdoptedAt = adoptedAt, ReviewerId = authorId, Points = points,
        });
        db.Items.Add(item);
        await db.SaveChangesAsync();
    }
}
