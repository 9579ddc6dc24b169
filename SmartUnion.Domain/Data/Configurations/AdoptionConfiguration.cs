using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class AdoptionConfiguration : IEntityTypeConfiguration<Adoption>
{
    public void Configure(EntityTypeBuilder<Adoption> b)
    {
        // AFTER triggers keep UnitDayScores equal to the aggregate of this table (migration AddUnitDayScores);
        // SQLite refuses RETURNING on a table with AFTER triggers.
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Adoptions_UnitDayScores_Insert");
            t.HasTrigger("TR_Adoptions_UnitDayScores_Delete");
            t.HasTrigger("TR_Adoptions_UnitDayScores_Update");
            t.UseSqlReturningClause(false);
        });
        b.Property(a => a.ReviewerId).IsRequired();
        b.HasOne(a => a.Publication).WithMany().HasForeignKey(a => a.PublicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.AdoptionForm).WithMany().HasForeignKey(a => a.AdoptionFormId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);

        // The same (item, publication, form) at most once.
        b.HasIndex(a => new { a.InfoItemId, a.PublicationId, a.AdoptionFormId }).IsUnique();
        // The ranking sums points per unit over a 录用日期 range: a covering index.
        b.HasIndex(a => new { a.AdoptedAt, a.UnitId, a.Points });
        b.HasIndex(a => new { a.UnitId, a.AdoptedAt });
    }
}
