using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class UnitDayScoreConfiguration : IEntityTypeConfiguration<UnitDayScore>
{
    public void Configure(EntityTypeBuilder<UnitDayScore> b)
    {
        // The triggers upsert on (UnitId, Day).
        b.HasKey(s => new { s.UnitId, s.Day });
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The ranking sums a day range per unit: a covering index.
        b.HasIndex(s => new { s.Day, s.UnitId, s.AdoptionCount, s.AdoptionPoints, s.InstructionPoints });
    }
}

public class UnitMonthScoreConfiguration : IEntityTypeConfiguration<UnitMonthScore>
{
    public void Configure(EntityTypeBuilder<UnitMonthScore> b)
    {
        b.HasKey(s => new { s.UnitId, s.Month });
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Month, s.UnitId, s.AdoptionCount, s.AdoptionPoints, s.InstructionPoints });
    }
}
