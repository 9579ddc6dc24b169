using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Data.Seeding;

/// <summary>
/// Seeds reference data (units, publications, roles) always, and demo accounts and items when
/// configured. Every step first looks for what it would create, so a second start adds nothing.
/// </summary>
public class DataSeeder(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceProvider services,
    IOptions<SmartUnionOptions> options,
    TimeProvider clock,
    ILogger<DataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedUnitsAsync(ct);
        await SeedPublicationsAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roleManager.RoleExistsAsync(role))
                await roleManager.CreateAsync(new IdentityRole(role));

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var seed = options.Value.Seed;
        if (seed.Demo)
        {
            await SeedDemoUsersAsync(userManager, ct);
            await new DemoItemSeeder(dbFactory, clock).SeedAsync(ct);
            await new DemoQuotaSeeder(dbFactory, clock).SeedAsync(ct);
        }
        else
        {
            await SeedFirstAdminAsync(userManager, seed, ct);
        }
    }

    private async Task SeedUnitsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var city = await db.Units.FirstOrDefaultAsync(u => u.Name == ReferenceData.CityUnitName, ct);
        if (city is null)
        {
            city = new Unit { Name = ReferenceData.CityUnitName, ShortName = ReferenceData.CityUnitName, Level = 1, SortOrder = 0 };
            db.Units.Add(city);
            await db.SaveChangesAsync(ct);
            city.Path = $"/{city.Id}/";
            await db.SaveChangesAsync(ct);
        }
        var existing = await db.Units.Select(u => u.Name).ToListAsync(ct);
        var order = 1;
        foreach (var (name, shortName) in ReferenceData.Districts)
        {
            var sort = order++;
            if (existing.Contains(name)) continue;
            var unit = new Unit { Name = name, ShortName = shortName, Level = 2, ParentId = city.Id, SortOrder = sort };
            db.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            unit.Path = $"{city.Path}{unit.Id}/";
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task SeedPublicationsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Publications.AnyAsync(ct)) return;
        var order = 1;
        foreach (var (name, level, kind, forms) in ReferenceData.Publications)
        {
            var formOrder = 1;
            db.Publications.Add(new Publication
            {
                Name = name,
                Level = level,
                Kind = kind,
                SortOrder = order++,
                IssuesPerYear = kind == PublicationKind.Periodical ? 24 : 0,
                Forms = forms.Select(f => new AdoptionForm
                {
                    Name = f.Form, Points = f.Points, SortOrder = formOrder++,
                    PointVersions = [new AdoptionFormPointVersion { EffectiveFrom = RuleVersions.Baseline, Points = f.Points }],
                }).ToList(),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedDemoUsersAsync(UserManager<AppUser> userManager, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.ToDictionaryAsync(u => u.ShortName, u => u.Id, ct);
        foreach (var (userName, displayName, role, unit) in ReferenceData.DemoUsers)
        {
            if (await userManager.FindByNameAsync(userName) is not null) continue;
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                UnitId = units[unit],
                EmailConfirmed = true,
            };
            await CreateAsync(userManager, user, ReferenceData.DemoPassword, role);
        }
    }

    private async Task SeedFirstAdminAsync(UserManager<AppUser> userManager, SeedOptions seed, CancellationToken ct)
    {
        if ((await userManager.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;
        if (string.IsNullOrWhiteSpace(seed.AdminUserName) || string.IsNullOrWhiteSpace(seed.AdminPassword))
        {
            logger.LogWarning("没有管理员账号：请在配置 SmartUnion:Seed:AdminUserName / AdminPassword 中设置首个管理员。");
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var city = await db.Units.FirstAsync(u => u.Name == ReferenceData.CityUnitName, ct);
        var user = new AppUser
        {
            UserName = seed.AdminUserName,
            DisplayName = seed.AdminDisplayName,
            UnitId = city.Id,
            EmailConfirmed = true,
        };
        await CreateAsync(userManager, user, seed.AdminPassword, Roles.Admin);
        logger.LogInformation("已创建首个管理员 {UserName}", seed.AdminUserName);
    }

    private static async Task CreateAsync(UserManager<AppUser> userManager, AppUser user, string password, string role)
    {
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"无法创建用户 {user.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await userManager.AddToRoleAsync(user, role);
    }
}
