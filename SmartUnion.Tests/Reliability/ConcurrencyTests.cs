using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Reliability;

/// <summary>
/// Races on a real SQLite file: parallel writers mixing 上报, 采用, 撤销采用, 驳回 and 扣分 through the real services.
/// Every operation's outcome is recorded; at the end the database, the trigger-maintained score summaries and the
/// ranking must agree exactly with the successful operations.
/// </summary>
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int OperationsPerWriter = 250;
    private const int ItemsPerReporter = 40;
    private static readonly string[] ReporterUnits = ["姑苏区总", "吴中区总", "相城区总", "吴江区总"];
    private static readonly string[] DeductionUnits = ["姑苏区总", "吴中区总", "相城区总", "吴江区总", "昆山市总", "太仓市总"];

    private sealed record DeductionState(int UnitId, Points Points, DateOnly Date, string Reason);

    /// <summary>What the writers saw: successes, refusals (allowed outcomes) and failures (anything else).</summary>
    private sealed class Ledger
    {
        /// <summary>Per (item, publication, form): successful adds minus successful removals; must end at 0 or 1.</summary>
        public ConcurrentDictionary<(int Item, int Publication, int Form), int> AdoptionNet { get; } = new();
        public ConcurrentDictionary<(int Item, int Publication, int Form), int> AdoptionPoints { get; } = new();
        public ConcurrentDictionary<int, DeductionState> Deductions { get; } = new();
        public ConcurrentDictionary<int, int> DeductionDeletes { get; } = new();
        public ConcurrentDictionary<string, int> Successes { get; } = new();
        public ConcurrentDictionary<string, int> Refusals { get; } = new();
        public ConcurrentQueue<string> Failures { get; } = new();
        /// <summary>Deductions any writer may delete (ids are AUTOINCREMENT, never reused).</summary>
        public ConcurrentDictionary<int, bool> LiveDeductions { get; } = new();

        public void Success(string kind) => Successes.AddOrUpdate(kind, 1, (_, n) => n + 1);
        public void Refusal(string kind, DomainException ex) => Refusals.AddOrUpdate($"{kind}: {ex.GetType().Name}", 1, (_, n) => n + 1);
        public int SuccessCount => Successes.Values.Sum();
        public int RefusalCount => Refusals.Values.Sum();
    }

    private sealed class World
    {
        public required TestDatabase Db { get; init; }
        public required Caller[] Reporters { get; init; }
        public required Caller[] Reviewers { get; init; }
        public required Dictionary<string, int> UnitIds { get; init; }
        public ItemService Items => Db.Get<ItemService>();
        public AdoptionService Adoptions => Db.Get<AdoptionService>();
        public DeductionService DeductionService => Db.Get<DeductionService>();
    }

    [Fact]
    public async Task ParallelWritersLoseNoWriteAndScoresEqualTheRecordedOperations()
    {
        await using var t = await TestDatabase.CreateAsync();
        var world = await CreateWorldAsync(t);
        var ledger = new Ledger();

        var watch = Stopwatch.StartNew();
        using var start = new Barrier(Writers);
        var writers = Enumerable.Range(0, Writers)
            .Select(w => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return RunWriterAsync(world, ledger, w);
            }, TaskCreationOptions.LongRunning).Unwrap())
            .ToArray();
        await Task.WhenAll(writers);
        watch.Stop();

        output.WriteLine($"{Writers} writers × {OperationsPerWriter} operations in {watch.Elapsed.TotalSeconds:0.0} s: " +
                         $"{ledger.SuccessCount} succeeded, {ledger.RefusalCount} refused, {ledger.Failures.Count} failed");
        foreach (var (kind, n) in ledger.Successes.OrderBy(p => p.Key)) output.WriteLine($"  ok      {kind}: {n}");
        foreach (var (kind, n) in ledger.Refusals.OrderBy(p => p.Key)) output.WriteLine($"  refused {kind}: {n}");

        // No unhandled exception, in particular no "database is locked".
        Assert.True(ledger.Failures.IsEmpty, string.Join("\n---\n", ledger.Failures.Take(5)));
        Assert.Equal(Writers * OperationsPerWriter, ledger.SuccessCount + ledger.RefusalCount);
        // The mix really raced: every kind succeeded many times.
        foreach (var kind in new[] { "report", "adopt", "unadopt", "reject", "deduction create", "deduction update", "deduction delete" })
            Assert.True(ledger.Successes.GetValueOrDefault(kind) >= 20, $"too few successful {kind}: {ledger.Successes.GetValueOrDefault(kind)}");

        await using var db = await t.Factory.CreateDbContextAsync();

        // No lost write: the adoptions in the database are exactly those added and not removed again.
        Assert.All(ledger.AdoptionNet, p => Assert.InRange(p.Value, 0, 1));
        var expectedAdoptions = ledger.AdoptionNet.Where(p => p.Value == 1).Select(p => p.Key).ToHashSet();
        var adoptions = await db.Adoptions.AsNoTracking().ToListAsync();
        var actualAdoptions = adoptions.Select(a => (a.InfoItemId, a.PublicationId, a.AdoptionFormId)).ToHashSet();
        Assert.Equal(expectedAdoptions.Count, adoptions.Count);
        Assert.True(expectedAdoptions.SetEquals(actualAdoptions),
            $"missing: {string.Join(",", expectedAdoptions.Except(actualAdoptions).Take(5))}; unexpected: {string.Join(",", actualAdoptions.Except(expectedAdoptions).Take(5))}");

        // The deductions are exactly those created and not deleted, with their last successful values.
        Assert.All(ledger.DeductionDeletes, p => Assert.Equal(1, p.Value));
        var expectedDeductions = ledger.Deductions.Where(p => !ledger.DeductionDeletes.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var deductions = await db.Deductions.AsNoTracking().ToDictionaryAsync(d => d.Id);
        Assert.Equal(expectedDeductions.Keys.Order(), deductions.Keys.Order());
        foreach (var (id, state) in expectedDeductions)
            Assert.Equal(state, new DeductionState(deductions[id].UnitId, deductions[id].Points, deductions[id].Date, deductions[id].Reason));

        // Items: never both rejected and adopted; the state follows the adoptions.
        var items = await db.Items.AsNoTracking().Select(i => new { i.Id, i.State, Count = i.Adoptions.Count }).ToListAsync();
        Assert.All(items, i => Assert.Equal(i.Count > 0, i.State == ItemState.Adopted));
        Assert.DoesNotContain(items, i => i.State == ItemState.Rejected && i.Count > 0);

        // Scores: the ranking equals the recorded operations, and equals a direct aggregate over the tables.
        var year = Period.Year(2026);
        var scores = (await t.Get<RankingService>().GetScoresAsync(world.Reviewers[0], year)).ToDictionary(s => s.UnitId);
        var itemUnits = await db.Items.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.UnitId);
        var expectedPoints = expectedAdoptions.GroupBy(k => itemUnits[k.Item]).ToDictionary(g => g.Key, g => g.Sum(k => ledger.AdoptionPoints[k]));
        var expectedCounts = expectedAdoptions.GroupBy(k => itemUnits[k.Item]).ToDictionary(g => g.Key, g => g.Count());
        var expectedDeducted = expectedDeductions.Values.Where(d => d.Date.Year == 2026).GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.SumPoints(d => d.Points));
        var units = expectedPoints.Keys.Union(expectedDeducted.Keys).ToHashSet();
        Assert.Equal(units.Order(), scores.Keys.Order());
        foreach (var unit in units)
        {
            Assert.Equal(expectedPoints.GetValueOrDefault(unit), scores[unit].AdoptionPoints);
            Assert.Equal(expectedCounts.GetValueOrDefault(unit), scores[unit].AdoptionCount);
            Assert.Equal(expectedDeducted.GetValueOrDefault(unit), scores[unit].DeductionPoints);
        }
        output.WriteLine($"ranking 2026: {string.Join("; ", scores.Values.OrderBy(s => s.UnitId).Select(s => $"{s.UnitName} {s.AdoptionPoints}-{s.DeductionPoints}={s.Total}"))}");

        // The summaries the triggers maintain equal the aggregate of Adoptions by China day and month.
        var byDay = adoptions.GroupBy(a => (a.UnitId, Day: DateOnly.FromDateTime(ChinaTime.ToLocal(a.AdoptedAt))))
            .ToDictionary(g => g.Key, g => (g.Count(), g.SumPoints(a => a.Points).Hundredths));
        var dayRows = await db.UnitDayScores.AsNoTracking().ToListAsync();
        Assert.Equal(byDay.OrderBy(p => p.Key), dayRows.ToDictionary(d => (d.UnitId, d.Day), d => (d.AdoptionCount, d.AdoptionPoints)).OrderBy(p => p.Key));
        var byMonth = byDay.GroupBy(p => (p.Key.UnitId, Month: new DateOnly(p.Key.Day.Year, p.Key.Day.Month, 1)))
            .ToDictionary(g => g.Key, g => (g.Sum(p => p.Value.Item1), g.Sum(p => p.Value.Item2)));
        var monthRows = await db.UnitMonthScores.AsNoTracking().ToListAsync();
        Assert.Equal(byMonth.OrderBy(p => p.Key), monthRows.ToDictionary(m => (m.UnitId, m.Month), m => (m.AdoptionCount, m.AdoptionPoints)).OrderBy(p => p.Key));
        Assert.True(byDay.Count > byMonth.Count, "the clock should have moved the adoptions over several days");

        // A period cut inside months (day summaries at both edges) agrees with a direct aggregate too.
        var partial = new Period(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 10));
        var partialScores = (await t.Get<RankingService>().GetScoresAsync(world.Reviewers[0], partial)).ToDictionary(s => s.UnitId, s => (s.AdoptionPoints, s.DeductionPoints));
        var direct = adoptions.Where(a => a.AdoptedAt >= partial.FromUtc && a.AdoptedAt < partial.ToUtcExclusive)
            .GroupBy(a => a.UnitId).Select(g => (Unit: g.Key, Points: g.SumPoints(a => a.Points), Deducted: Points.Zero))
            .Concat(deductions.Values.Where(d => d.Date >= partial.From && d.Date <= partial.To)
                .GroupBy(d => d.UnitId).Select(g => (Unit: g.Key, Points: Points.Zero, Deducted: g.SumPoints(d => d.Points))))
            .GroupBy(x => x.Unit)
            .ToDictionary(g => g.Key, g => (g.SumPoints(x => x.Points), g.SumPoints(x => x.Deducted)));
        Assert.Equal(direct.OrderBy(p => p.Key), partialScores.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task AdoptAndRejectRacingOnOneItemNeverBothSucceed()
    {
        const int iterations = 150;
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("race-reporter", "姑苏区总", Roles.Reporter);
        var adopter = await t.CreateUserAsync("race-adopter", ReferenceDataCity, Roles.Reviewer);
        var rejecter = await t.CreateUserAsync("race-rejecter", ReferenceDataCity, Roles.Reviewer);
        var (publicationId, formId) = await WebsiteFormAsync(t);
        var items = t.Get<ItemService>();
        var service = t.Get<AdoptionService>();

        int adoptWins = 0, rejectWins = 0;
        var random = new Random(7);
        for (var i = 0; i < iterations; i++)
        {
            // Left alone the adoption nearly always reaches BEGIN IMMEDIATE first; a small random head start for
            // either side makes both orders happen while the two calls still overlap.
            var adoptSpin = i % 2 == 0 ? random.Next(0, 4000) : 0;
            var rejectSpin = i % 2 == 1 ? random.Next(0, 4000) : 0;
            var id = (await items.CreateAsync(reporter, new ItemInput { Title = $"竞争{i}", Body = "正文", Category = InfoCategory.General })).Id;
            await items.ReportAsync(reporter, [id]);

            // No expected version on either side: the only guard is the state re-read inside each write transaction.
            using var gate = new Barrier(2);
            var adopt = Task.Run(async () =>
            {
                gate.SignalAndWait();
                Thread.SpinWait(adoptSpin);
                return await Outcome(() => service.SaveAdoptionsAsync(adopter, id, null, [new AdoptionChoice(publicationId, formId)]));
            });
            var reject = Task.Run(async () =>
            {
                gate.SignalAndWait();
                Thread.SpinWait(rejectSpin);
                return await Outcome(() => service.RejectAsync(rejecter, id, null, "并发驳回"));
            });
            var (adopted, rejected) = (await adopt, await reject);

            Assert.True(adopted ^ rejected, $"iteration {i}: adopt {(adopted ? "succeeded" : "refused")}, reject {(rejected ? "succeeded" : "refused")}");
            await using var db = await t.Factory.CreateDbContextAsync();
            var item = await db.Items.AsNoTracking().Include(x => x.Adoptions).SingleAsync(x => x.Id == id);
            Assert.Equal(adopted ? ItemState.Adopted : ItemState.Rejected, item.State);
            Assert.Equal(adopted ? 1 : 0, item.Adoptions.Count);
            if (adopted) adoptWins++; else rejectWins++;
        }
        output.WriteLine($"{iterations} races: adopt won {adoptWins}, reject won {rejectWins}");
        Assert.True(adoptWins > 0 && rejectWins > 0, "both orders should occur");
    }

    private const string ReferenceDataCity = SmartUnion.Domain.Data.Seeding.ReferenceData.CityUnitName;

    /// <summary>True when the operation succeeded, false when refused with a domain message; anything else propagates.</summary>
    private static async Task<bool> Outcome(Func<Task> operation)
    {
        try
        {
            await operation();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static async Task<(int PublicationId, int FormId)> WebsiteFormAsync(TestDatabase t)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        var forms = await db.AdoptionForms.AsNoTracking().Include(f => f.Publication).OrderBy(f => f.Id).ToListAsync();
        var form = forms.First(f => !f.Publication!.HasIssues && f.IsActive && f.Publication.IsActive);
        return (form.PublicationId, form.Id);
    }

    private async Task<World> CreateWorldAsync(TestDatabase t)
    {
        var reporters = new Caller[ReporterUnits.Length];
        for (var i = 0; i < reporters.Length; i++)
            reporters[i] = await t.CreateUserAsync($"reporter{i}", ReporterUnits[i], Roles.Reporter);
        var reviewers = new Caller[3];
        for (var i = 0; i < reviewers.Length; i++)
            reviewers[i] = await t.CreateUserAsync($"reviewer{i}", ReferenceDataCity, Roles.Reviewer);
        var unitIds = new Dictionary<string, int>();
        foreach (var u in DeductionUnits) unitIds[u] = await t.UnitIdAsync(u);

        var items = t.Get<ItemService>();
        foreach (var reporter in reporters)
        {
            var ids = new List<int>();
            for (var i = 0; i < ItemsPerReporter; i++)
                ids.Add((await items.CreateAsync(reporter, new ItemInput { Title = $"{reporter.UserName}公文{i}", Body = "正文", Category = InfoCategory.General })).Id);
            await items.ReportAsync(reporter, ids.Take(ItemsPerReporter * 3 / 4).ToList());
        }
        output.WriteLine($"world: {reporters.Length} reporters × {ItemsPerReporter} items, {reviewers.Length} reviewers");
        return new World { Db = t, Reporters = reporters, Reviewers = reviewers, UnitIds = unitIds };
    }

    private static async Task RunWriterAsync(World world, Ledger ledger, int writer)
    {
        var random = new Random(1000 + writer);
        var reporter = world.Reporters[writer % world.Reporters.Length];
        var reviewer = world.Reviewers[writer % world.Reviewers.Length];
        var ownDeductions = new List<int>();
        for (var op = 0; op < OperationsPerWriter; op++)
        {
            // One writer moves the clock, so that adoptions and removals spread over several China days.
            if (writer == 0 && op % 25 == 24) world.Db.Clock.Advance(TimeSpan.FromHours(3));
            var roll = random.Next(100);
            var kind = roll switch
            {
                < 15 => "report",
                < 45 => "adopt",
                < 58 => "unadopt",
                < 72 => "reject",
                < 84 => "deduction create",
                < 93 => "deduction update",
                _ => "deduction delete",
            };
            try
            {
                var done = kind switch
                {
                    "report" => await ReportAsync(world, reporter, random),
                    "adopt" => await AdoptAsync(world, ledger, reviewer, random),
                    "unadopt" => await UnadoptAsync(world, ledger, reviewer, random),
                    "reject" => await RejectAsync(world, reviewer, random),
                    "deduction create" => await CreateDeductionAsync(world, ledger, reviewer, random, writer, op, ownDeductions),
                    "deduction update" => await UpdateDeductionAsync(world, ledger, reviewer, random, writer, op, ownDeductions),
                    _ => await DeleteDeductionAsync(world, ledger, reviewer, random),
                };
                ledger.Success(done ? kind : "nothing to do");
            }
            catch (DomainException ex)
            {
                ledger.Refusal(kind, ex);
            }
            catch (Exception ex)
            {
                var locked = ex is SqliteException { SqliteErrorCode: 5 or 6 } || ex.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };
                ledger.Failures.Enqueue($"writer {writer} op {op} {kind}{(locked ? " (database is locked)" : "")}: {ex}");
            }
        }
    }

    private static async Task<List<(int Id, int Version)>> ItemsInStateAsync(World world, Func<IQueryable<InfoItem>, IQueryable<InfoItem>> filter)
    {
        await using var db = await world.Db.Factory.CreateDbContextAsync();
        return (await filter(db.Items.AsNoTracking()).Select(i => new { i.Id, i.Version }).ToListAsync()).Select(i => (i.Id, i.Version)).ToList();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    private static async Task<bool> ReportAsync(World world, Caller reporter, Random random)
    {
        var unitId = reporter.UnitId;
        var candidates = await ItemsInStateAsync(world, q => q.Where(i => i.UnitId == unitId && (i.State == ItemState.Draft || i.State == ItemState.Rejected)));
        if (candidates.Count == 0) return false;
        await world.Items.ReportAsync(reporter, [Pick(random, candidates).Id]);
        return true;
    }

    private static async Task<bool> AdoptAsync(World world, Ledger ledger, Caller reviewer, Random random)
    {
        var candidates = await ItemsInStateAsync(world, q => q.Where(i => i.State == ItemState.Reported || i.State == ItemState.Adopted));
        if (candidates.Count == 0) return false;
        var detail = await world.Adoptions.GetDetailAsync(reviewer, Pick(random, candidates).Id);
        var free = detail.Rows.Where(r => r.IsActive && !r.IsAdopted).ToList();
        if (free.Count == 0) return false;
        var row = Pick(random, free);
        var choice = new AdoptionChoice(row.PublicationId, row.AdoptionFormId,
            row.HasIssues ? 2026 : null, row.HasIssues ? random.Next(1, row.IssuesPerYear + 1) : null);
        var ticked = Kept(detail).Append(choice).ToList();
        // With the version read on the page, a stale grid is refused instead of silently undoing someone's adoption.
        var result = await world.Adoptions.SaveAdoptionsAsync(reviewer, detail.Id, detail.Version, ticked);
        Assert.Equal((1, 0, 0), (result.Added, result.Removed, result.Updated));
        var key = (detail.Id, row.PublicationId, row.AdoptionFormId);
        ledger.AdoptionPoints[key] = row.FormPoints;
        ledger.AdoptionNet.AddOrUpdate(key, 1, (_, n) => n + 1);
        return true;
    }

    private static async Task<bool> UnadoptAsync(World world, Ledger ledger, Caller reviewer, Random random)
    {
        var candidates = await ItemsInStateAsync(world, q => q.Where(i => i.State == ItemState.Adopted));
        if (candidates.Count == 0) return false;
        var detail = await world.Adoptions.GetDetailAsync(reviewer, Pick(random, candidates).Id);
        var adopted = detail.Rows.Where(r => r.IsAdopted).ToList();
        if (adopted.Count == 0) return false;
        var removed = Pick(random, adopted);
        var ticked = Kept(detail).Where(c => (c.PublicationId, c.AdoptionFormId) != (removed.PublicationId, removed.AdoptionFormId)).ToList();
        var result = await world.Adoptions.SaveAdoptionsAsync(reviewer, detail.Id, detail.Version, ticked);
        Assert.Equal((0, 1, 0), (result.Added, result.Removed, result.Updated));
        ledger.AdoptionNet.AddOrUpdate((detail.Id, removed.PublicationId, removed.AdoptionFormId), -1, (_, n) => n - 1);
        return true;
    }

    private static IEnumerable<AdoptionChoice> Kept(ItemDetailModel detail) =>
        detail.Rows.Where(r => r.IsAdopted).Select(r => new AdoptionChoice(r.PublicationId, r.AdoptionFormId, r.Adoption!.Year, r.Adoption.Issue));

    private static async Task<bool> RejectAsync(World world, Caller reviewer, Random random)
    {
        // Mostly reported items; sometimes any reported-or-adopted one, to race against adoptions.
        var candidates = await ItemsInStateAsync(world, random.Next(4) == 0
            ? q => q.Where(i => i.State != ItemState.Draft)
            : q => q.Where(i => i.State == ItemState.Reported));
        if (candidates.Count == 0) return false;
        var (id, version) = Pick(random, candidates);
        // Half the time without the version: then only the re-read inside the transaction guards the rule.
        await world.Adoptions.RejectAsync(reviewer, id, random.Next(2) == 0 ? version : null, "内容不符合要求");
        return true;
    }

    private static async Task<bool> CreateDeductionAsync(World world, Ledger ledger, Caller reviewer, Random random, int writer, int op, List<int> own)
    {
        var state = NewDeduction(world, random, $"w{writer}-op{op} 新增");
        var id = await world.DeductionService.CreateAsync(reviewer, new DeductionInput(state.UnitId, (int)state.Points, state.Reason, state.Date));
        ledger.Deductions[id] = state;
        ledger.LiveDeductions[id] = true;
        own.Add(id);
        return true;
    }

    /// <summary>A writer changes only deductions it created (sequentially), so their last successful values are known.</summary>
    private static async Task<bool> UpdateDeductionAsync(World world, Ledger ledger, Caller reviewer, Random random, int writer, int op, List<int> own)
    {
        var live = own.Where(ledger.LiveDeductions.ContainsKey).ToList();
        if (live.Count == 0) return false;
        var id = Pick(random, live);
        var state = NewDeduction(world, random, $"w{writer}-op{op} 修改");
        await world.DeductionService.UpdateAsync(reviewer, id, new DeductionInput(state.UnitId, (int)state.Points, state.Reason, state.Date));
        ledger.Deductions[id] = state;
        return true;
    }

    /// <summary>Any writer deletes any live deduction: two deletes (or an update and a delete) race; exactly one delete may succeed.</summary>
    private static async Task<bool> DeleteDeductionAsync(World world, Ledger ledger, Caller reviewer, Random random)
    {
        var live = ledger.LiveDeductions.Keys.ToList();
        if (live.Count == 0) return false;
        var id = Pick(random, live);
        await world.DeductionService.DeleteAsync(reviewer, id);
        ledger.DeductionDeletes.AddOrUpdate(id, 1, (_, n) => n + 1);
        ledger.LiveDeductions.TryRemove(id, out _);
        return true;
    }

    private static DeductionState NewDeduction(World world, Random random, string reason) => new(
        world.UnitIds[DeductionUnits[random.Next(DeductionUnits.Length)]],
        random.Next(1, 11),
        new DateOnly(2026, random.Next(1, 13), random.Next(1, 29)),
        reason);
}
