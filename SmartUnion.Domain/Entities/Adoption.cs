namespace SmartUnion.Domain.Entities;

/// <summary>录用: one publication and form adopted an item; the points are a snapshot taken at that moment.</summary>
public class Adoption
{
    /// <summary>采用年: the app's year range (<see cref="Services.DateRules"/>).</summary>
    public const int MinYear = Services.DateRules.MinYear;
    public const int MaxYear = Services.DateRules.MaxYear;

    public int Id { get; set; }
    public int InfoItemId { get; set; }
    public InfoItem? InfoItem { get; set; }
    /// <summary>The unit that reported the item, copied so that scores aggregate over one table.</summary>
    public int UnitId { get; set; }
    public int PublicationId { get; set; }
    public Publication? Publication { get; set; }
    public int AdoptionFormId { get; set; }
    public AdoptionForm? AdoptionForm { get; set; }
    public int? Year { get; set; }
    public int? Issue { get; set; }
    /// <summary>录用日期 (UTC).</summary>
    public DateTime AdoptedAt { get; set; }
    public string ReviewerId { get; set; } = "";
    /// <summary>The form's points at adoption, in hundredths (column "Points"; split among a joint item's units by <see cref="ItemShare"/>).</summary>
    public long PointsHundredths { get; set; }
    public Points Points { get => new(PointsHundredths); set => PointsHundredths = value.Hundredths; }
}
