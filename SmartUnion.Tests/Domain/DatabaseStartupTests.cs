using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Entities;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Domain;

public class DatabaseStartupTests
{
    [Fact]
    [Trait("Database", "SqliteOnly")]
    public async Task StartUpAppliesEveryMigrationAndSwitchesToWal()
    {
        await using var t = await TestDatabase.CreateAsync();
        await using var db = await t.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        cmd.CommandText = "PRAGMA busy_timeout;";
        Assert.True(Convert.ToInt64(await cmd.ExecuteScalarAsync()) >= 1000);
        cmd.CommandText = "PRAGMA foreign_keys;";
        Assert.Equal(1L, Convert.ToInt64(await cmd.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task ReferenceDataHasTheSuzhouUnitsAndThePublicationTable()
    {
        await using var t = await TestDatabase.CreateAsync();
        await using var db = await t.Factory.CreateDbContextAsync();
        var units = await db.Units.OrderBy(u => u.SortOrder).ToListAsync();
        Assert.Equal(11, units.Count);
        var city = units.Single(u => u.ParentId == null);
        Assert.Equal("苏州市总工会", city.Name);
        Assert.All(units.Where(u => u != city), u => Assert.StartsWith(city.Path, u.Path));
        Assert.Contains(units, u => u.ShortName == "姑苏区总");
        Assert.Contains(units, u => u.ShortName == "昆山市总");

        var pubs = await db.Publications.Include(p => p.Forms).OrderBy(p => p.SortOrder).ToListAsync();
        Assert.Equal(9, pubs.Count);
        var szxx = pubs[0];
        Assert.Equal("《苏州工会信息》", szxx.Name);
        Assert.Equal(PublicationKind.Periodical, szxx.Kind);
        Assert.Equal([("正文", 5), ("简讯", 3), ("专刊", 5), ("图片", 2)],
            szxx.Forms.OrderBy(f => f.SortOrder).Select(f => (f.Name, f.Points)).ToArray());
        Assert.Equal(20, pubs.Single(p => p.Name == "《工会信息》").Forms.Single(f => f.Name == "正文").Points);
        Assert.Equal(PublicationLevel.National, pubs.Last().Level);
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    [Fact]
    public async Task RestartingSeedsNothingTwiceAndKeepsData()
    {
        await using var t = await TestDatabase.CreateAsync(demo: true);
        async Task<int[]> Counts()
        {
            await using var db = await t.Factory.CreateDbContextAsync();
            return [await db.Units.CountAsync(), await db.Publications.CountAsync(), await db.AdoptionForms.CountAsync(),
                await db.Users.CountAsync(), await db.Roles.CountAsync(), await db.UserRoles.CountAsync(),
                await db.Items.CountAsync(), await db.Adoptions.CountAsync(), await db.Deductions.CountAsync()];
        }
        var before = await Counts();
        Assert.True(before[6] > 0, "demo items were seeded");
        Assert.True(before[7] > 0, "demo adoptions were seeded");

        await t.Get<DatabaseInitializer>().InitializeAsync();
        await t.Get<DatabaseInitializer>().InitializeAsync();

        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task DemoSeedingCoversEveryItemState()
    {
        await using var t = await TestDatabase.CreateAsync(demo: true);
        await using var db = await t.Factory.CreateDbContextAsync();
        var states = await db.Items.Select(i => i.State).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<ItemState>().Order(), states.Order());
        // Adopted items and only those carry adoptions; the snapshot equals the form's points.
        Assert.False(await db.Items.AnyAsync(i => i.State == ItemState.Adopted && !i.Adoptions.Any()));
        Assert.False(await db.Items.AnyAsync(i => i.State != ItemState.Adopted && i.Adoptions.Any()));
        Assert.False(await db.Adoptions.AnyAsync(a => a.PointsHundredths != a.AdoptionForm!.Points * 100L));
        Assert.False(await db.Adoptions.AnyAsync(a => a.UnitId != a.InfoItem!.UnitId));
    }

    [Fact]
    public async Task WithoutDemoSeedingTheFirstAdminComesFromConfiguration()
    {
        await using var t = await TestDatabase.CreateAsync(settings: new()
        {
            ["SmartUnion:Seed:AdminUserName"] = "首席管理员",
            ["SmartUnion:Seed:AdminPassword"] = "Prod0ction-secret",
        });
        await using var scope = t.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Null(await users.FindByNameAsync("admin"));
        Assert.Null(await users.FindByNameAsync("gusu"));
        var admin = await users.FindByNameAsync("首席管理员");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "Prod0ction-secret"));
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    [Fact]
    public async Task WithoutDemoSeedingOrAdminSettingsNoAccountExists()
    {
        await using var t = await TestDatabase.CreateAsync();
        Assert.Equal(0, await t.CountAsync<AppUser>());
        Assert.Equal(11, await t.CountAsync<Unit>());
    }

    [Fact]
    public async Task DemoAccountsHaveTheirRolesAndUnits()
    {
        await using var t = await TestDatabase.CreateAsync(demo: true);
        var gusu = await t.CallerAsync("gusu");
        Assert.True(gusu.IsReporter);
        Assert.Equal("姑苏区总", gusu.UnitName);
        var kunshan = await t.CallerAsync("kunshan");
        Assert.Equal("昆山市总", kunshan.UnitName);
        var reviewer = await t.CallerAsync("shenhe");
        Assert.True(reviewer.IsReviewer);
        Assert.False(reviewer.IsReporter);
        Assert.Equal(ReferenceData.CityUnitName, reviewer.UnitName);
        var admin = await t.CallerAsync("admin");
        Assert.True(admin.IsAdmin);
    }
}
