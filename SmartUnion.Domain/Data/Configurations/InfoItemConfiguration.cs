using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class InfoItemConfiguration : IEntityTypeConfiguration<InfoItem>
{
    public void Configure(EntityTypeBuilder<InfoItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(InfoItem.TitleMaxLength).IsRequired();
        b.Property(i => i.Body).HasMaxLength(InfoItem.BodyMaxLength).IsRequired();
        b.Property(i => i.RejectReason).HasMaxLength(InfoItem.RejectReasonMaxLength);
        b.Property(i => i.AuthorId).IsRequired();
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne(i => i.Unit).WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Author).WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Attachments).WithOne(a => a.InfoItem).HasForeignKey(a => a.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Adoptions).WithOne(a => a.InfoItem).HasForeignKey(a => a.InfoItemId).OnDelete(DeleteBehavior.Restrict);

        // The list filters by unit (subtree), state, category and 上报日期 and sorts by 上报日期.
        b.HasIndex(i => new { i.UnitId, i.ReportedAt });
        b.HasIndex(i => new { i.State, i.ReportedAt });
        b.HasIndex(i => new { i.Category, i.ReportedAt });
        b.HasIndex(i => i.ReportedAt);
    }
}
