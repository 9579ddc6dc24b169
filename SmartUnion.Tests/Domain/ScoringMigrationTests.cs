using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;

namespace SmartUnion.Tests.Domain;

/// <summary>The migration ScoringSharesAndInstructions turns existing whole points into hundredths, on both providers.</summary>
public class ScoringMigrationTests
{
    [Fact]
    public async Task UpgradingConvertsExistingPointsToHundredthsAndRebuildsTheSummaries()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("mig-r", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("mig-v", "苏州市总工会", Roles.Reviewer);
        var id = await t.ReportedAsync(reporter);
        await t.AdoptAsync(id, "《苏州工会信息》", reviewer);
        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            db.Deductions.Add(new Deduction { UnitId = reporter.UnitId, Points = 2, Reason = "迟报", Date = new DateOnly(2026, 11, 2), CreatedById = reviewer.UserId });
            await db.SaveChangesAsync();
        }

        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var mine = migrations.FindIndex(m => m.EndsWith("_ScoringSharesAndInstructions", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[mine - 1]);
            // Before the migration the points were whole numbers.
            Assert.Equal(5L, await db.Database.SqlQueryRaw<long>("""SELECT "Points" AS "Value" FROM "Adoptions" """).SingleAsync());
            await migrator.MigrateAsync(migrations[^1]);
        }

        await using var check = await t.Factory.CreateDbContextAsync();
        Assert.Equal(500, (await check.Adoptions.SingleAsync()).PointsHundredths);
        Assert.Equal(Points.Whole(2), (await check.Deductions.SingleAsync()).Points);
        var day = await check.UnitDayScores.SingleAsync();
        Assert.Equal((reporter.UnitId, 1, 500L), (day.UnitId, day.AdoptionCount, day.AdoptionPoints));
        Assert.Equal(500L, (await check.UnitMonthScores.SingleAsync()).AdoptionPoints);
        // RuleVersions: each 批示 level and each form has its first version, 从最早, with the points it had.
        Assert.Equal([(InstructionLevel.District, 20), (InstructionLevel.City, 40), (InstructionLevel.Province, 80), (InstructionLevel.National, 160)],
            (await check.InstructionLevelRuleVersions.OrderBy(v => v.Level).ToListAsync()).Select(v => (v.Level, v.Points)));
        Assert.All(await check.InstructionLevelRuleVersions.ToListAsync(), v => Assert.Equal(RuleVersions.Baseline, v.EffectiveFrom));
        Assert.Equal(await check.AdoptionForms.OrderBy(f => f.Id).Select(f => f.Points).ToListAsync(),
            await check.AdoptionFormPointVersions.Where(v => v.EffectiveFrom == RuleVersions.Baseline).OrderBy(v => v.AdoptionFormId).Select(v => v.Points).ToListAsync());
    }
}
