using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Data.Seeding;

/// <summary>A few months of demo items in every state, so each screen has content on first run.</summary>
internal sealed class DemoItemSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly string[] Topics =
    [
        "开展劳模工匠进企业宣讲活动", "举办职工技能大赛", "推进新就业形态劳动者入会", "开展送清凉慰问一线职工",
        "召开工会工作推进会", "组织职工疗休养活动", "开展困难职工帮扶走访", "建设职工之家示范点",
        "举办女职工权益保护专题培训", "推进集体协商要约行动", "开展安康杯竞赛", "举办职工读书月活动",
        "组织青年职工联谊活动", "开展冬送温暖专项行动", "推动户外劳动者服务站点建设", "开展法律援助进园区",
    ];

    private static readonly string[] Bodies =
    [
        "为深入贯彻落实上级工会工作部署，进一步激发广大职工的积极性和创造性，我区总工会结合实际，精心组织、周密部署。",
        "活动得到了辖区企业和职工的积极响应，共有数百名职工参与，取得了良好的社会效果。",
        "下一步，我们将继续围绕中心、服务大局，切实维护职工合法权益，为地方经济社会高质量发展贡献工会力量。",
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Items.AnyAsync(ct)) return;

        var reporters = await db.Users.Where(u => u.UserName != "shenhe" && u.UserName != "admin")
            .Select(u => new { u.Id, u.UnitId }).ToListAsync(ct);
        var reviewer = await db.Users.Where(u => u.UserName == "shenhe").Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (reporters.Count == 0 || reviewer is null) return;
        var forms = await db.AdoptionForms.Include(f => f.Publication).OrderBy(f => f.Publication!.SortOrder).ThenBy(f => f.SortOrder).ToListAsync(ct);

        var random = new Random(20261126);
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = Enum.GetValues<InfoCategory>();
        var items = new List<InfoItem>();
        for (var i = 0; i < 80; i++)
        {
            // Skewed: the first few units report more.
            var reporter = reporters[Math.Min(reporters.Count - 1, (int)(random.NextDouble() * random.NextDouble() * reporters.Count * 1.5))];
            var created = now.AddDays(-random.Next(1, 120)).AddMinutes(-random.Next(0, 600));
            var topic = Topics[random.Next(Topics.Length)];
            var item = InfoItem.NewDraft(reporter.UnitId, reporter.Id, $"{topic}（第{i + 1}期）", string.Join("\n", Bodies),
                categories[random.Next(categories.Length)]);
            item.CreatedAt = created; // demo history: dated in the past, not at the seeding
            item.UpdatedAt = created;
            var roll = random.Next(100);
            if (roll >= 12)
            {
                var reportedAt = created.AddHours(random.Next(1, 48));
                item.Report(reportedAt > now ? now.AddMinutes(-5) : reportedAt);
            }
            if (roll >= 30 && roll < 40)
                item.Reject("内容与报送要求不符，请补充具体数据后重新上报", reviewer,
                    item.ReportedAt!.Value.AddDays(1) < now ? item.ReportedAt.Value.AddDays(1) : now);
            if (roll >= 40)
            {
                var adoptedAt = item.ReportedAt!.Value.AddDays(random.Next(1, 10));
                if (adoptedAt > now) adoptedAt = now.AddMinutes(-1);
                var count = random.Next(1, 3);
                var adoptions = new List<Adoption>();
                foreach (var form in forms.OrderBy(_ => random.Next()).DistinctBy(f => f.PublicationId).Take(count))
                {
                    var local = ChinaTime.ToLocal(adoptedAt);
                    adoptions.Add(new Adoption
                    {
                        UnitId = item.UnitId,
                        PublicationId = form.PublicationId,
                        AdoptionFormId = form.Id,
                        Year = form.Publication!.HasIssues ? local.Year : null,
                        Issue = form.Publication.HasIssues ? Math.Max(1, local.Month * 2 - 1) : null,
                        AdoptedAt = adoptedAt,
                        ReviewerId = reviewer,
                        Points = form.Points,
                    });
                }
                item.ChangeAdoptions(adoptions, []);
            }
            items.Add(item);
        }
        db.Items.AddRange(items);

        var today = ChinaTime.Today(clock);
        db.Deductions.AddRange(
            new Deduction { UnitId = reporters[1 % reporters.Count].UnitId, Points = 2, Reason = "信息报送不及时", Date = today.AddDays(-20), CreatedById = reviewer },
            new Deduction { UnitId = reporters[3 % reporters.Count].UnitId, Points = 3, Reason = "报送内容与事实不符", Date = today.AddDays(-45), CreatedById = reviewer });
        await db.SaveChangesAsync(ct);
    }
}
