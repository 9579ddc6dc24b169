using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class AdoptionConfiguration : IEntityTypeConfiguration<Adoption>
{
    public void Configure(EntityTypeBuilder<Adoption> b)
    {
        // AFTER triggers write each unit's share into ScoreShares, whose triggers keep UnitDayScores equal to the
        // aggregate (Data/Sql/ScoringSql.cs); SQLite refuses RETURNING on a table with AFTER triggers.
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Adoptions_ScoreShares_Insert");
            t.HasTrigger("TR_Adoptions_ScoreShares_Delete");
            t.HasTrigger("TR_Adoptions_ScoreShares_Update");
            t.UseSqlReturningClause(false);
        });
        b.Property(a => a.PointsHundredths).HasColumnName("Points");
        b.Ignore(a => a.Points);
        b.Property(a => a.ReviewerId).IsRequired();
        b.HasOne(a => a.Publication).WithMany().HasForeignKey(a => a.PublicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.AdoptionForm).WithMany().HasForeignKey(a => a.AdoptionFormId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);

        // The same (item, publication, form) at most once.
        b.HasIndex(a => new { a.InfoItemId, a.PublicationId, a.AdoptionFormId }).IsUnique();
        // The ranking sums points per unit over a 录用日期 range: a covering index.
        b.HasIndex(a => new { a.AdoptedAt, a.UnitId, a.PointsHundredths, a.InfoItemId });
        b.HasIndex(a => new { a.UnitId, a.AdoptedAt });
    }
}
