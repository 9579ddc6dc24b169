using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Data.Seeding;

/// <summary>
/// Demo 单位分组 (县市区总工会 with the district unions, 产业工会, 市级机关), a 月度报送任务数 of 3 for 县市区总工会 and the
/// 考核规则 (缺报一篇扣1分, 完成任务基础分每月10分 = 120 a year, 未回应约稿扣2分), from January of the current year. Only once.
/// </summary>
internal sealed class DemoQuotaSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly string[] GroupNames = ["县市区总工会", "产业工会", "市级机关"];
    public const int DistrictQuota = 3;

    public async Task SeedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.UnitGroups.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var january = new DateOnly(ChinaTime.Today(clock).Year, 1, 1);
        var groups = GroupNames.Select((name, i) => new UnitGroup { Name = name, SortOrder = i + 1 }).ToList();
        db.UnitGroups.AddRange(groups);
        await db.SaveChangesAsync(ct);
        foreach (var unit in await db.Units.Where(u => u.Level == 2).ToListAsync(ct)) unit.GroupId = groups[0].Id;
        db.QuotaVersions.Add(new QuotaVersion { GroupId = groups[0].Id, EffectiveFrom = january, Quota = DistrictQuota, CreatedById = "seed", CreatedAt = now });
        db.QuotaRuleSets.Add(new QuotaRuleSet
        {
            EffectiveFrom = january, PointsPerMissingItem = 1, MonthlyBasePoints = 10, PointsPerUnansweredCommission = 2,
            CreatedById = "seed", CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
