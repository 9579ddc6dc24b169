using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Items;

/// <summary>The editable state of one row of the 录用情况 grid (<see cref="AdoptionGrid"/>): ticked, 采用年, 采用期次.</summary>
public sealed class AdoptionGridRow(AdoptionRow source)
{
    public AdoptionRow Source { get; } = source;
    public bool Ticked { get; set; }
    public int Year { get; set; }
    public int Issue { get; set; }

    /// <summary>Newly ticked, or an adopted periodical row whose 采用年 or 采用期次 was changed (a correction).</summary>
    public bool HasPendingChange => Ticked && (Source.Adoption is not { } a
        || (Source.HasIssues && (a.Year != Year || a.Issue != Issue)));

    /// <summary>The grid of an item: an adopted row shows its adoption; one not adopted yet starts at this year and
    /// the periodical's current issue.</summary>
    public static List<AdoptionGridRow> For(ItemDetailModel detail, CurrentIssues current) =>
        detail.Rows.Select(r => new AdoptionGridRow(r)
        {
            Ticked = r.IsAdopted,
            Year = r.Adoption?.Year ?? current.Year,
            Issue = r.Adoption?.Issue ?? current.IssueFor(r.PublicationId),
        }).ToList();

    /// <summary>What 采用 sends: every ticked row, with 采用年/采用期次 for periodicals only.</summary>
    public static List<AdoptionChoice> Choices(IEnumerable<AdoptionGridRow> rows) =>
        rows.Where(r => r.Ticked)
            .Select(r => new AdoptionChoice(r.Source.PublicationId, r.Source.AdoptionFormId,
                r.Source.HasIssues ? r.Year : null, r.Source.HasIssues ? r.Issue : null))
            .ToList();

    /// <summary>The year choices: next year back to the earliest allowed, plus a stored year outside that range.</summary>
    public IEnumerable<int> YearChoices(int thisYear)
    {
        var newest = thisYear + 1;
        var years = Enumerable.Range(Adoption.MinYear, newest - Adoption.MinYear + 1).Reverse();
        return Year > newest ? years.Prepend(Year) : years;
    }

    /// <summary>The issue choices: 1 up to the periodical's issues per year, or the stored issue if higher.</summary>
    public IEnumerable<int> IssueChoices() => Enumerable.Range(1, Math.Max(Source.IssuesPerYear, Issue));
}
