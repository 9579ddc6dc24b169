using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class InstructionConfiguration : IEntityTypeConfiguration<Instruction>
{
    public void Configure(EntityTypeBuilder<Instruction> b)
    {
        // Like Adoptions: AFTER triggers write the shares (Data/Sql/ScoringSql.cs).
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Instructions_ScoreShares_Insert");
            t.HasTrigger("TR_Instructions_ScoreShares_Delete");
            t.HasTrigger("TR_Instructions_ScoreShares_Update");
            t.UseSqlReturningClause(false);
        });
        b.Property(i => i.PointsHundredths).HasColumnName("Points");
        b.Ignore(i => i.Points);
        b.Property(i => i.LeaderTitle).HasMaxLength(Instruction.LeaderMaxLength).IsRequired();
        b.Property(i => i.LeaderName).HasMaxLength(Instruction.LeaderMaxLength).IsRequired();
        b.Property(i => i.Text).HasMaxLength(Instruction.TextMaxLength).IsRequired();
        b.Property(i => i.CreatedById).IsRequired();
        b.HasOne(i => i.InfoItem).WithMany(i => i.Instructions).HasForeignKey(i => i.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.InfoItemId, i.Date });
    }
}

public class ItemShareConfiguration : IEntityTypeConfiguration<ItemShare>
{
    public void Configure(EntityTypeBuilder<ItemShare> b)
    {
        b.HasKey(s => new { s.InfoItemId, s.UnitId });
        b.HasOne<InfoItem>().WithMany(i => i.Shares).HasForeignKey(s => s.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A co-reporter's list: the items it shares.
        b.HasIndex(s => new { s.UnitId, s.InfoItemId });
    }
}

public class ScoreShareConfiguration : IEntityTypeConfiguration<ScoreShare>
{
    public void Configure(EntityTypeBuilder<ScoreShare> b)
    {
        // Written by triggers only; its own triggers keep the summaries.
        b.ToTable(t =>
        {
            t.HasTrigger("TR_ScoreShares_UnitDayScores_Insert");
            t.HasTrigger("TR_ScoreShares_UnitDayScores_Delete");
            t.UseSqlReturningClause(false);
        });
        b.HasKey(s => s.Id);
        b.HasOne<InfoItem>().WithMany().HasForeignKey(s => s.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.AdoptionId);
        b.HasIndex(s => s.InstructionId);
    }
}
