using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        b.Property(a => a.StoredName).HasMaxLength(100).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(150).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        b.HasIndex(a => a.InfoItemId);
        b.HasIndex(a => a.StoredName).IsUnique();
    }
}
