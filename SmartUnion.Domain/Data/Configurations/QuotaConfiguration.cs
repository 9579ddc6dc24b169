using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class UnitGroupConfiguration : IEntityTypeConfiguration<UnitGroup>
{
    public void Configure(EntityTypeBuilder<UnitGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(UnitGroup.NameMaxLength).IsRequired();
        b.HasIndex(g => g.Name).IsUnique();
    }
}

public class QuotaVersionConfiguration : IEntityTypeConfiguration<QuotaVersion>
{
    public void Configure(EntityTypeBuilder<QuotaVersion> b)
    {
        b.Property(q => q.CreatedById).IsRequired();
        b.HasOne(q => q.Group).WithMany().HasForeignKey(q => q.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(q => q.Unit).WithMany().HasForeignKey(q => q.UnitId).OnDelete(DeleteBehavior.Cascade);
        // One version per owner and month (recording the same month again changes that version).
        b.HasIndex(q => new { q.GroupId, q.EffectiveFrom }).IsUnique();
        b.HasIndex(q => new { q.UnitId, q.EffectiveFrom }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("CK_QuotaVersions_Owner",
            "(\"GroupId\" IS NULL) <> (\"UnitId\" IS NULL)"));
    }
}

public class QuotaRuleSetConfiguration : IEntityTypeConfiguration<QuotaRuleSet>
{
    public void Configure(EntityTypeBuilder<QuotaRuleSet> b)
    {
        b.Property(r => r.CreatedById).IsRequired();
        b.HasIndex(r => r.EffectiveFrom).IsUnique();
    }
}

public class QuotaEntryConfiguration : IEntityTypeConfiguration<QuotaEntry>
{
    public void Configure(EntityTypeBuilder<QuotaEntry> b)
    {
        b.Property(e => e.ConfirmedById).IsRequired();
        b.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.RuleSet).WithMany().HasForeignKey(e => e.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        // Deleting the 扣分/加分 record in 扣分管理 removes the link: the month proposes that line again.
        b.HasOne(e => e.Deduction).WithMany().HasForeignKey(e => e.DeductionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.UnitId, e.Month, e.Kind }).IsUnique();
        b.HasIndex(e => e.DeductionId).IsUnique();
    }
}
