using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Configurations;

public class InfoItemConfiguration : IEntityTypeConfiguration<InfoItem>
{
    public void Configure(EntityTypeBuilder<InfoItem> b)
    {
        // SQLite: the full-text index of 标题 and 正文 is kept by these triggers (Data/Sql/ItemSearchSql.cs); declared so
        // that EF Core's SQL for saves does not rely on RETURNING. PostgreSQL has none (its GIN indexes keep themselves).
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Items_ItemSearch_Insert");
            t.HasTrigger("TR_Items_ItemSearch_Delete");
            t.HasTrigger("TR_Items_ItemSearch_Update");
        });
        b.Property(i => i.Title).HasMaxLength(InfoItem.TitleMaxLength).IsRequired();
        b.Property(i => i.Body).HasMaxLength(InfoItem.BodyMaxLength).IsRequired();
        b.Property(i => i.RejectReason).HasMaxLength(InfoItem.RejectReasonMaxLength);
        b.Property(i => i.AuthorId).IsRequired();
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne(i => i.Unit).WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Author).WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Attachments).WithOne(a => a.InfoItem).HasForeignKey(a => a.InfoItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Adoptions).WithOne(a => a.InfoItem).HasForeignKey(a => a.InfoItemId).OnDelete(DeleteBehavior.Restrict);

        // The list filters by unit (subtree), state, category and 上报日期 and sorts by 上报日期. The trailing
        // columns make the indexes covering for the list's WHERE (the scope tests State and UnitId), so a count
        // or the ids of a page never read an item row (pinned by QueryPlanTests):
        // - per unit of the subtree, a range of category and date: the count of a filtered list;
        // PostgreSQL: a secondary index does not carry the row id as SQLite's do (the rowid), so each list index
        // INCLUDEs Id: the page's ids come from the index alone (index-only scan), not from thousands of item rows.
        b.HasIndex(i => new { i.UnitId, i.Category, i.ReportedAt, i.State }).IncludeProperties(i => i.Id);
        // - per unit, a date range (no category chosen);
        b.HasIndex(i => new { i.UnitId, i.ReportedAt, i.State }).IncludeProperties(i => i.Id);
        // - one category in 上报日期 order, unit and state checked in the index: a page stops after its last row.
        b.HasIndex(i => new { i.Category, i.ReportedAt, i.UnitId, i.State }).IncludeProperties(i => i.Id);
        // - the whole tree in 上报日期 order (a city reviewer's landing page), unit and state checked in the index.
        b.HasIndex(i => new { i.ReportedAt, i.UnitId, i.State }).IncludeProperties(i => i.Id);
        b.HasIndex(i => new { i.State, i.ReportedAt });
        // 约稿: the answers of a 约稿. A plain column without a foreign-key constraint on purpose: adding one to an existing
        // SQLite table makes EF Core rebuild it (every item copied, the full-text triggers dropped with the old table).
        // A 约稿 is closed, never deleted, and CommissionService checks the id an item is given.
        b.HasIndex(i => i.CommissionId);
    }
}
