using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Pages.Items;

namespace SmartUnion.Tests.Components;

/// <summary>One row of the 录用情况 grid: what counts as a change for 采用, what 采用 sends, the year and issue choices.</summary>
public class AdoptionGridRowTests
{
    private static AdoptionRow Row(bool periodical = true, AdoptionInfo? adoption = null, int issuesPerYear = 12) =>
        new(PublicationLevel.City, 7, "苏州工会", 3, "正文", periodical, periodical ? issuesPerYear : 0, 5, true, adoption);

    [Fact]
    public void ANewRowStartsAtThisYearAndTheCurrentIssueAndAnAdoptedOneAtItsAdoption()
    {
        var adopted = Row(adoption: new AdoptionInfo(1, 2025, 9, DateTime.UtcNow, 5)) with { PublicationId = 8 };
        var current = new CurrentIssues(2026, new Dictionary<int, int> { [7] = 4 });

        var rows = AdoptionGridRow.For(DetailWith(Row(), adopted), current);

        Assert.Equal((false, 2026, 4), (rows[0].Ticked, rows[0].Year, rows[0].Issue));
        Assert.Equal((true, 2025, 9), (rows[1].Ticked, rows[1].Year, rows[1].Issue));
    }

    [Fact]
    public void ANewlyTickedRowOrAChangedIssueOfAnAdoptedPeriodicalIsAPendingChange()
    {
        var fresh = new AdoptionGridRow(Row()) { Ticked = true, Year = 2026, Issue = 1 };
        var adopted = new AdoptionGridRow(Row(adoption: new AdoptionInfo(1, 2026, 3, DateTime.UtcNow, 5))) { Ticked = true, Year = 2026, Issue = 3 };

        Assert.True(fresh.HasPendingChange);
        Assert.False(adopted.HasPendingChange);
        adopted.Issue = 4;
        Assert.True(adopted.HasPendingChange);
        Assert.False(new AdoptionGridRow(Row()) { Ticked = false }.HasPendingChange);
    }

    [Fact]
    public void AdoptionSendsTheTickedRowsWithYearAndIssueForPeriodicalsOnly()
    {
        var rows = new[]
        {
            new AdoptionGridRow(Row()) { Ticked = true, Year = 2026, Issue = 2 },
            new AdoptionGridRow(Row(periodical: false)) { Ticked = true, Year = 2026, Issue = 1 },
            new AdoptionGridRow(Row()) { Ticked = false, Year = 2026, Issue = 5 },
        };

        Assert.Equal(new[] { new AdoptionChoice(7, 3, 2026, 2), new AdoptionChoice(7, 3) }, AdoptionGridRow.Choices(rows));
    }

    [Fact]
    public void TheYearsRunFromNextYearBackToTheEarliestAndKeepAStoredLaterYear()
    {
        var years = new AdoptionGridRow(Row()) { Year = 2026 }.YearChoices(2026).ToList();
        Assert.Equal(2027, years[0]);
        Assert.Equal(Adoption.MinYear, years[^1]);

        Assert.Equal(2030, new AdoptionGridRow(Row()) { Year = 2030 }.YearChoices(2026).First());
    }

    [Fact]
    public void TheIssuesRunToTheIssuesPerYearOrAStoredHigherIssue()
    {
        Assert.Equal(Enumerable.Range(1, 12), new AdoptionGridRow(Row()) { Issue = 3 }.IssueChoices());
        Assert.Equal(14, new AdoptionGridRow(Row()) { Issue = 14 }.IssueChoices().Last());
    }

    private static ItemDetailModel DetailWith(params AdoptionRow[] rows) =>
        new(1, "标题", "正文", InfoCategory.General, 1, "姑苏区总", ItemState.Reported, DateTime.UtcNow, null, null, 1, [], rows.ToList(), true, false);
}
