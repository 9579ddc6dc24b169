using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class CommissionConfiguration : IEntityTypeConfiguration<Commission>
{
    public void Configure(EntityTypeBuilder<Commission> b)
    {
        b.Property(c => c.Topic).HasMaxLength(Commission.TopicMaxLength).IsRequired();
        b.Property(c => c.Requirements).HasMaxLength(Commission.RequirementsMaxLength).IsRequired();
        b.Property(c => c.CreatedById).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Targets).WithOne(t => t.Commission).HasForeignKey(t => t.CommissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Reminders).WithOne(r => r.Commission).HasForeignKey(r => r.CommissionId).OnDelete(DeleteBehavior.Cascade);
        // Open 约稿 past their deadline (逾期单位), and the month's unanswered count by 截止日期.
        b.HasIndex(c => new { c.ClosedAt, c.DueAt });
        b.HasIndex(c => c.DueDate);
    }
}

public class CommissionTargetConfiguration : IEntityTypeConfiguration<CommissionTarget>
{
    public void Configure(EntityTypeBuilder<CommissionTarget> b)
    {
        b.HasKey(t => new { t.CommissionId, t.UnitId });
        b.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        // A reporter's 约稿: those targeting its unit.
        b.HasIndex(t => t.UnitId);
    }
}

public class CommissionReminderConfiguration : IEntityTypeConfiguration<CommissionReminder>
{
    public void Configure(EntityTypeBuilder<CommissionReminder> b)
    {
        b.Property(r => r.SentById).IsRequired();
        b.HasIndex(r => r.CommissionId);
    }
}
