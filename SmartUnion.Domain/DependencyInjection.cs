using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the database (SmartUnion:Database:Provider, Sqlite by default: in the data folder unless
    /// ConnectionStrings:SmartUnion says otherwise; PostgreSQL: ConnectionStrings:SmartUnion is required),
    /// Identity stores and the domain services.
    /// </summary>
    public static IServiceCollection AddSmartUnionDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SmartUnionOptions.Section);
        services.Configure<SmartUnionOptions>(section);
        var options = section.Get<SmartUnionOptions>() ?? new SmartUnionOptions();
        var dataFolder = ResolveDataFolder(options.DataFolder, contentRoot);
        services.AddSingleton(new DataFolder(dataFolder,
            string.IsNullOrWhiteSpace(options.Attachments.Folder) ? null : ResolveDataFolder(options.Attachments.Folder.Trim(), contentRoot)));

        var provider = ParseProvider(options.Database.Provider);
        var connectionString = configuration.GetConnectionString("SmartUnion");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSQL)
                throw new DatabaseStartupException("数据库类型为 PostgreSQL 时必须配置连接字符串 ConnectionStrings:SmartUnion（例如 Host=127.0.0.1;Port=5432;Database=smartunion;Username=smartunion;Password=...）");
            Directory.CreateDirectory(dataFolder);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataFolder, "smartunion.db"),
                DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000),
            }.ToString();
        }
        DatabaseProviders.ValidateConnectionString(provider, connectionString);
        services.AddSingleton(new DatabaseConnection(provider, connectionString));
        services.AddDbContextFactory<AppDbContext>((sp, o) => o.UseSmartUnionDatabase(provider, connectionString, options.BusyTimeoutMs)
            .AddInterceptors(new TimestampInterceptor(sp.GetRequiredService<TimeProvider>())));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.AllowedUserNameCharacters = ""; // Chinese user names are allowed
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders();

        services.AddDataProtection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WriteFrame>();
        services.AddSingleton<CallerService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<RankingService>();
        services.AddSingleton<PublishedRankingService>();
        services.AddSingleton<InstructionService>();
        services.AddSingleton<ItemShareService>();
        services.AddSingleton<Reports.MonthlyReportService>();
        services.AddSingleton<DeductionService>();
        services.AddSingleton<QuotaService>();
        services.AddSingleton<TaskCompletionService>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<RecalculationService>();
        services.AddSingleton<AdoptionService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<WorkbenchService>();
        services.AddSingleton<CommissionService>();
        services.AddSingleton<Reports.MonthlyBulletinService>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<ItemService>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<DataSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>SmartUnion:Database:Provider: Sqlite (default, also when empty) or PostgreSQL, case-insensitive.</summary>
    public static DatabaseProvider ParseProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var p) && Enum.IsDefined(p) ? p
        : value.Trim().Equals("Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.PostgreSQL
        : throw new DatabaseStartupException($"不支持的数据库类型 SmartUnion:Database:Provider = “{value}”，可选 Sqlite 或 PostgreSQL");

    public static string ResolveDataFolder(string folder, string contentRoot) =>
        Path.IsPathRooted(folder) ? folder : Path.GetFullPath(Path.Combine(contentRoot, folder));
}

/// <summary>The configured database: its provider and connection string (for start-up checks and tools).</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);

/// <summary>
/// The app's data folder: the SQLite file and (unless SmartUnion:Attachments:Folder names a shared folder) the
/// attachments live here, never under wwwroot.
/// </summary>
public sealed record DataFolder(string Path, string? AttachmentsFolder = null)
{
    public string Attachments => AttachmentsFolder ?? System.IO.Path.Combine(Path, "attachments");
}
