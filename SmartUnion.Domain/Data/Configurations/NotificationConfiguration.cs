using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.RecipientId).IsRequired();
        b.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // A deleted item takes its notifications with it (a deleted draft never had any; a reported one may).
        b.HasOne(n => n.InfoItem).WithMany().HasForeignKey(n => n.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        // CommissionId: no foreign-key constraint, for the reason given in InfoItemConfiguration (a 约稿 is never deleted).
        // The bell: a user's unread count and latest notifications.
        b.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });
        b.HasIndex(n => new { n.RecipientId, n.CreatedAt });
    }
}
