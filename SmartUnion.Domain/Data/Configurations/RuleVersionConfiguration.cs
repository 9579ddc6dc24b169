using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class AdoptionFormPointVersionConfiguration : IEntityTypeConfiguration<AdoptionFormPointVersion>
{
    public void Configure(EntityTypeBuilder<AdoptionFormPointVersion> b)
    {
        // One version per form and 生效日期; the first ones are copied from AdoptionForms.Points (Data/Sql/RuleVersionsSql.cs).
        b.HasOne(v => v.AdoptionForm).WithMany(f => f.PointVersions).HasForeignKey(v => v.AdoptionFormId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.AdoptionFormId, v.EffectiveFrom }).IsUnique();
    }
}

public class InstructionLevelRuleVersionConfiguration : IEntityTypeConfiguration<InstructionLevelRuleVersion>
{
    public void Configure(EntityTypeBuilder<InstructionLevelRuleVersion> b)
    {
        // One version per level and 生效日期; the first ones are moved from InstructionLevelRules (Data/Sql/RuleVersionsSql.cs).
        b.HasIndex(v => new { v.Level, v.EffectiveFrom }).IsUnique();
    }
}
