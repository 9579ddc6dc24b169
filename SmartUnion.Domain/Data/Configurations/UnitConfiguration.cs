using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Name).HasMaxLength(100).IsRequired();
        b.Property(u => u.ShortName).HasMaxLength(50).IsRequired();
        b.Property(u => u.Path).HasMaxLength(400).IsRequired();
        b.HasIndex(u => u.Path);
        // Units that existed before creation times were recorded count as created long ago.
        b.Property(u => u.CreatedAt).HasDefaultValue(Unit.LongAgo);
        b.HasIndex(u => u.Name).IsUnique();
        b.HasIndex(u => u.GroupId);
        b.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
