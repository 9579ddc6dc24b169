using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class DeductionConfiguration : IEntityTypeConfiguration<Deduction>
{
    public void Configure(EntityTypeBuilder<Deduction> b)
    {
        b.Property(d => d.Reason).HasMaxLength(Deduction.ReasonMaxLength).IsRequired();
        b.Property(d => d.CreatedById).IsRequired();
        b.HasOne(d => d.Unit).WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.PointsHundredths).HasColumnName("Points");
        b.Ignore(d => d.Points);
        // Covers the ranking's sums of 扣分 and 加分 per unit over a date range.
        b.HasIndex(d => new { d.Date, d.UnitId, d.Kind, d.PointsHundredths });
        b.HasIndex(d => new { d.UnitId, d.Date });
    }
}
