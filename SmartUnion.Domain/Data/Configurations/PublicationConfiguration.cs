using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> b)
    {
        b.Property(p => p.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.HasMany(p => p.Forms).WithOne(f => f.Publication).HasForeignKey(f => f.PublicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class AdoptionFormConfiguration : IEntityTypeConfiguration<AdoptionForm>
{
    public void Configure(EntityTypeBuilder<AdoptionForm> b)
    {
        b.Property(f => f.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(f => new { f.PublicationId, f.Name }).IsUnique();
    }
}
