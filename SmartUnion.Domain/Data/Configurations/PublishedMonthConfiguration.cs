using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class PublishedMonthConfiguration : IEntityTypeConfiguration<PublishedMonth>
{
    public void Configure(EntityTypeBuilder<PublishedMonth> b)
    {
        b.ToTable("PublishedMonths");
        b.Property(p => p.PublishedById).IsRequired();
        b.Property(p => p.PublishedByName).HasMaxLength(256).IsRequired();
        b.Property(p => p.Reason).HasMaxLength(PublishedMonth.ReasonMaxLength);
        b.Property(p => p.RulesText).IsRequired();
        // One row per version; two publishers racing for the same version cannot both win.
        b.HasIndex(p => new { p.Month, p.Version }).IsUnique();
        b.HasMany(p => p.Scores).WithOne(s => s.PublishedMonth).HasForeignKey(s => s.PublishedMonthId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class PublishedMonthScoreConfiguration : IEntityTypeConfiguration<PublishedMonthScore>
{
    public void Configure(EntityTypeBuilder<PublishedMonthScore> b)
    {
        b.ToTable("PublishedMonthScores");
        b.Property(s => s.UnitName).HasMaxLength(100).IsRequired();
        // The unit may be renamed or disabled later; the frozen line keeps its own name, so no constraint to Units.
        b.HasIndex(s => new { s.PublishedMonthId, s.UnitId }).IsUnique();
    }
}
