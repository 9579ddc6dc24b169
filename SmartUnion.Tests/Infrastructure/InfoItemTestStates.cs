using SmartUnion.Domain.Entities;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>Puts a test item into a state through the entity's own transitions (its state has private setters).</summary>
public static class InfoItemTestStates
{
    /// <summary>上报 on the given date.</summary>
    public static InfoItem ReportedOn(this InfoItem item, DateTime at)
    {
        item.Report(at);
        return item;
    }

    /// <summary>采用 by the given adoptions (the item must be reported).</summary>
    public static InfoItem AdoptedBy(this InfoItem item, IEnumerable<Adoption> adoptions)
    {
        item.ChangeAdoptions(adoptions.ToList(), []);
        return item;
    }
}
