using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data;

/// <remarks>
/// <see cref="IDataProtectionKeyContext"/>: on PostgreSQL the data-protection keys live here, so a cookie issued by one
/// app instance is accepted by every other (SQLite keeps them in the data folder's keys/, see WebServiceExtensions).
/// </remarks>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<InfoItem> Items => Set<InfoItem>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<AdoptionForm> AdoptionForms => Set<AdoptionForm>();
    public DbSet<Adoption> Adoptions => Set<Adoption>();
    public DbSet<Deduction> Deductions => Set<Deduction>();
    public DbSet<Instruction> Instructions => Set<Instruction>();
    public DbSet<InstructionLevelRuleVersion> InstructionLevelRuleVersions => Set<InstructionLevelRuleVersion>();
    public DbSet<AdoptionFormPointVersion> AdoptionFormPointVersions => Set<AdoptionFormPointVersion>();
    public DbSet<ItemShare> ItemShares => Set<ItemShare>();
    public DbSet<ScoreShare> ScoreShares => Set<ScoreShare>();
    public DbSet<UnitDayScore> UnitDayScores => Set<UnitDayScore>();
    public DbSet<UnitMonthScore> UnitMonthScores => Set<UnitMonthScore>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<UnitGroup> UnitGroups => Set<UnitGroup>();
    public DbSet<QuotaVersion> QuotaVersions => Set<QuotaVersion>();
    public DbSet<QuotaRuleSet> QuotaRuleSets => Set<QuotaRuleSet>();
    public DbSet<QuotaEntry> QuotaEntries => Set<QuotaEntry>();
    public DbSet<Commission> Commissions => Set<Commission>();
    public DbSet<CommissionTarget> CommissionTargets => Set<CommissionTarget>();
    public DbSet<CommissionReminder> CommissionReminders => Set<CommissionReminder>();
    public DbSet<PublishedMonth> PublishedMonths => Set<PublishedMonth>();
    public DbSet<PublishedMonthScore> PublishedMonthScores => Set<PublishedMonthScore>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database; make that explicit when reading back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
