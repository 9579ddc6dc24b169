using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Security;

/// <summary>What a service call must end in.</summary>
public enum Outcome
{
    /// <summary>The call succeeds (for lists and reports: the object is included).</summary>
    Allowed,
    /// <summary><see cref="NotFoundException"/> (for lists and reports: the object is absent) — existence is not revealed.</summary>
    NotFound,
    /// <summary><see cref="ForbiddenException"/>: the role may not do this at all.</summary>
    Forbidden,
    /// <summary>No caller (anonymous): <see cref="ArgumentNullException"/> or <see cref="ForbiddenException"/>.</summary>
    NoCaller,
}

/// <summary>
/// The authorization matrix: every service operation × every role × every position of the object relative to the
/// caller's unit, with the expected outcome declared in <see cref="Table"/>. The unit tree is deeper than the seed:
/// 苏州市总工会 (City) → 姑苏区总 (A) → 矩阵街道 (St), and 吴中区总 (B) as A's sibling.
/// </summary>
public class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture, ITestOutputHelper output)
    : IClassFixture<AuthorizationMatrixFixture>
{
    // ---- the declared table -------------------------------------------------------------------------------------

    /// <summary>The callers: reporters of A and of St, reviewers of A (subtree A) and of the city, an admin, anonymous.</summary>
    public static readonly string[] Actors = ["repA", "repSt", "revA", "revCity", "admin", "anon"];

    /// <summary>Item positions: reported item / draft of each unit, and an id that does not exist.</summary>
    public static readonly string[] ItemTargets = ["A", "A-draft", "St", "St-draft", "B", "B-draft", "City", "missing"];

    /// <summary>Unit positions (deductions, report rows), and an id that does not exist.</summary>
    public static readonly string[] UnitTargets = ["A", "St", "B", "City", "missing"];

    /// <summary>Operations without an object (the caller's own unit or the whole system).</summary>
    public static readonly string[] NoTarget = ["-"];

    // A = Allowed, N = NotFound, F = Forbidden, Z = refused for lack of a caller; one letter per target, in order.
    private const string SeeItems = "repA:AANNNNNN repSt:NNAANNNN revA:ANANNNNN revCity:ANANANAN admin:ANANANAN anon:ZZZZZZZZ";
    private const string ChangeItems = "repA:AANNNNNN repSt:NNAANNNN revA:FFFFFFFF revCity:FFFFFFFF admin:FFFFFFFF anon:ZZZZZZZZ";
    private const string ReviewItems = "repA:FFFFFFFF repSt:FFFFFFFF revA:ANANNNNN revCity:ANANANAN admin:FFFFFFFF anon:ZZZZZZZZ";
    private const string SeeUnits = "repA:ANNNN repSt:NANNN revA:AANNN revCity:AAAAN admin:AAAAN anon:ZZZZZ";
    private const string ManageUnits = "repA:FFFFF repSt:FFFFF revA:AANNN revCity:AAAAN admin:AAAAN anon:ZZZZZ";
    private const string Everyone = "repA:A repSt:A revA:A revCity:A admin:A anon:Z";
    private const string ReportersOnly = "repA:A repSt:A revA:F revCity:F admin:F anon:Z";
    private const string AdminOnly = "repA:F repSt:F revA:F revCity:F admin:A anon:Z";
    private const string WholeFederation = "repA:F repSt:F revA:F revCity:A admin:A anon:Z";

    /// <summary>Operation → (targets, expected outcomes per actor).</summary>
    public static readonly IReadOnlyList<(string Operation, string[] Targets, string Expected)> Table =
    [
        ("公文 list (paged)", ItemTargets, SeeItems),
        ("公文 list (all rows, export source)", ItemTargets, SeeItems),
        ("公文 view detail", ItemTargets, SeeItems),
        ("附件 list", ItemTargets, SeeItems),
        ("附件 download", ItemTargets, SeeItems),
        ("公文 create", NoTarget, ReportersOnly),
        ("公文 open for edit", ItemTargets, ChangeItems),
        ("公文 edit", ItemTargets, ChangeItems),
        ("公文 delete", ItemTargets, ChangeItems),
        ("公文 report (上报)", ItemTargets, ChangeItems),
        ("附件 upload", ItemTargets, ChangeItems),
        ("附件 delete", ItemTargets, ChangeItems),
        ("公文 adopt (采用)", ItemTargets, ReviewItems),
        ("公文 un-adopt (correction)", ItemTargets, ReviewItems),
        ("公文 reject (驳回)", ItemTargets, ReviewItems),
        ("公文 reject several (驳回, list)", ItemTargets, ReviewItems),
        ("公文 un-adopt one (撤销采用)", ItemTargets, ReviewItems),
        ("公文 undo reject (撤销驳回)", ItemTargets, ReviewItems),
        ("扣分 list", UnitTargets, SeeUnits),
        ("扣分 view", UnitTargets, SeeUnits),
        ("扣分 create", UnitTargets, ManageUnits),
        ("扣分 update", UnitTargets, ManageUnits),
        ("扣分 delete", UnitTargets, ManageUnits),
        ("月度报表 unit row", UnitTargets, SeeUnits),
        ("积分排名", NoTarget, Everyone),
        ("积分排名 with published months, history", NoTarget, Everyone),
        ("积分排名 发布 / 重新发布", NoTarget, WholeFederation),
        ("审计日志 list", NoTarget, AdminOnly),
        ("系统设置 units list", NoTarget, AdminOnly),
        ("系统设置 unit add", NoTarget, AdminOnly),
        ("系统设置 users list", NoTarget, AdminOnly),
        ("系统设置 user create", NoTarget, AdminOnly),
        ("系统设置 publications list", NoTarget, AdminOnly),
        ("系统设置 form add", NoTarget, AdminOnly),
        ("系统设置 recalculate points", NoTarget, AdminOnly),
    ];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var (operation, targets, expected) in Table)
        {
            var perActor = expected.Split(' ').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
            foreach (var actor in Actors)
            {
                var letters = perActor[actor];
                if (letters.Length != targets.Length) throw new InvalidOperationException($"{operation}/{actor}: {letters.Length} outcomes for {targets.Length} targets");
                for (var i = 0; i < targets.Length; i++)
                    yield return [operation, actor, targets[i], Position(actor, targets[i]), Parse(letters[i])];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheOutcomeIsTheDeclaredOne(string operation, string actor, string target, string position, Outcome expected)
    {
        output.WriteLine($"{operation} by {actor} on {target} ({position}) → expected {expected}");
        var actual = await fixture.RunAsync(operation, actor, target);
        output.WriteLine($"actual {actual}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void TheMatrixCoversEveryOperationRoleAndPosition()
    {
        var cases = Cases().ToList();
        foreach (var group in cases.GroupBy(c => (string)c[0]))
            output.WriteLine($"{group.Key}: {group.Count()} cases");
        output.WriteLine($"Authorization matrix: {Table.Count} operations × {Actors.Length} roles, {cases.Count} cases in total.");
        Assert.True(cases.Count >= 800, $"only {cases.Count} cases");
        Assert.Equal(Table.Count * Actors.Length, cases.Select(c => ((string)c[0], (string)c[1])).Distinct().Count());
        foreach (var position in new[] { "own unit", "child unit", "parent unit", "sibling unit", "draft of another unit", "non-existent id" })
            Assert.Contains(cases, c => ((string)c[3]).Contains(position, StringComparison.Ordinal));
    }

    private static Outcome Parse(char c) => c switch
    {
        'A' => Outcome.Allowed,
        'N' => Outcome.NotFound,
        'F' => Outcome.Forbidden,
        'Z' => Outcome.NoCaller,
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    // ---- positions, from the static tree -------------------------------------------------------------------------

    private static readonly Dictionary<string, string?> ParentOf = new() { ["City"] = null, ["A"] = "City", ["St"] = "A", ["B"] = "City" };
    private static readonly Dictionary<string, string?> UnitOfActor = new()
    {
        ["repA"] = "A", ["repSt"] = "St", ["revA"] = "A", ["revCity"] = "City", ["admin"] = "City", ["anon"] = null,
    };

    /// <summary>Where the object lies relative to the caller's unit, e.g. "draft of child unit".</summary>
    public static string Position(string actor, string target)
    {
        if (target == "missing") return "non-existent id";
        var callerUnit = UnitOfActor[actor];
        if (target == "-") return callerUnit is null ? "no caller" : "own unit";
        var draft = target.EndsWith("-draft", StringComparison.Ordinal);
        var unit = draft ? target[..^"-draft".Length] : target;
        if (callerUnit is null) return draft ? "draft (no caller)" : "object (no caller)";
        string relation;
        if (unit == callerUnit) relation = "own unit";
        else if (IsAncestor(callerUnit, unit)) relation = "child unit";
        else if (IsAncestor(unit, callerUnit)) relation = "parent unit";
        else relation = "sibling unit";
        return draft ? (unit == callerUnit ? "draft of own unit" : $"draft of another unit ({relation})") : relation;
    }

    private static bool IsAncestor(string ancestor, string unit)
    {
        for (var u = ParentOf[unit]; u is not null; u = ParentOf[u])
            if (u == ancestor) return true;
        return false;
    }
}

/// <summary>
/// The database of the matrix: the deeper tree, the six callers, shared objects for the read operations
/// (one reported item and one draft per unit, each with an attachment, one deduction per unit), and
/// fresh objects for every case of a changing operation, so each case starts from the same state.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    private const int MissingId = 987_654_321;
    private readonly Dictionary<string, Caller?> actors = [];
    private readonly Dictionary<string, Caller> creators = [];
    private readonly Dictionary<string, int> unitIds = [];
    private readonly Dictionary<string, (int ItemId, int AttachmentId)> shared = [];
    private readonly Dictionary<string, int> sharedDeductions = [];
    private int channelPublicationId, channelFormId, nationalPublicationId;
    private int counter;

    public TestDatabase Db { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        Db.Clock.SetUtcNow(TestDatabase.DefaultNow);
        unitIds["City"] = await Db.UnitIdAsync("苏州市总工会");
        unitIds["A"] = await Db.UnitIdAsync("姑苏区总");
        unitIds["B"] = await Db.UnitIdAsync("吴中区总");
        unitIds["St"] = await Db.AddUnitAsync("矩阵街道", "姑苏区总");

        actors["repA"] = await Db.CreateUserAsync("m-rep-a", "姑苏区总", Roles.Reporter);
        actors["repSt"] = await Db.CreateUserAsync("m-rep-st", "矩阵街道", Roles.Reporter);
        actors["revA"] = await Db.CreateUserAsync("m-rev-a", "姑苏区总", Roles.Reviewer);
        actors["revCity"] = await Db.CreateUserAsync("m-rev-city", "苏州市总工会", Roles.Reviewer);
        actors["admin"] = await Db.CreateUserAsync("m-admin", "苏州市总工会", Roles.Admin);
        actors["anon"] = null;
        creators["A"] = actors["repA"]!;
        creators["St"] = actors["repSt"]!;
        creators["B"] = await Db.CreateUserAsync("m-rep-b", "吴中区总", Roles.Reporter);
        creators["City"] = await Db.CreateUserAsync("m-rep-city", "苏州市总工会", Roles.Reporter);

        await using (var db = await Db.Factory.CreateDbContextAsync())
        {
            var channel = await db.AdoptionForms.Where(f => f.Publication!.Name == "市总综合录用").Select(f => new { f.Id, f.PublicationId }).FirstAsync();
            channelFormId = channel.Id;
            channelPublicationId = channel.PublicationId;
            nationalPublicationId = await db.Publications.Where(p => p.Name == "《工会信息》").Select(p => p.Id).SingleAsync();
        }

        foreach (var unit in new[] { "A", "St", "B", "City" })
        {
            shared[unit] = await NewItemAsync(unit, ItemState.Reported, "0-共享");
            if (unit != "City") shared[unit + "-draft"] = await NewItemAsync(unit, ItemState.Draft, "0-共享");
            sharedDeductions[unit] = await NewDeductionAsync(unit);
        }
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    private Caller RevCity => actors["revCity"]!;

    /// <summary>Runs one case and classifies what happened.</summary>
    public async Task<Outcome> RunAsync(string operation, string actor, string target)
    {
        var caller = actors[actor];
        try
        {
            return await ExecuteAsync(operation, caller!, target);
        }
        catch (ArgumentNullException) when (caller is null) { return Outcome.NoCaller; }
        catch (ForbiddenException) when (caller is null) { return Outcome.NoCaller; }
        catch (NotFoundException) { return Outcome.NotFound; }
        catch (ForbiddenException) { return Outcome.Forbidden; }
    }

    private async Task<Outcome> ExecuteAsync(string operation, Caller caller, string target)
    {
        var items = Db.Get<ItemService>();
        var attachments = Db.Get<AttachmentService>();
        var adoption = Db.Get<AdoptionService>();
        var deductions = Db.Get<DeductionService>();
        var settings = Db.Get<SettingsService>();
        var n = Interlocked.Increment(ref counter);
        switch (operation)
        {
            case "公文 list (paged)":
            {
                // Shared items' titles start with "0-", so they sort before every other title on the first page.
                var page = await items.ListAsync(caller, new ItemListQuery { SortBy = ItemSortField.Title, Descending = false, PageSize = 100 });
                return Included(page.Rows.Select(r => r.Id), SharedItem(target));
            }
            case "公文 list (all rows, export source)":
            {
                var ids = new List<int>();
                await foreach (var row in items.ListAllForExportAsync(caller, new ItemListQuery())) ids.Add(row.Id);
                return Included(ids, SharedItem(target));
            }
            case "公文 view detail":
            {
                var detail = await adoption.GetDetailAsync(caller, SharedItem(target));
                Assert.Equal(SharedItem(target), detail.Id);
                return Outcome.Allowed;
            }
            case "附件 list":
                Assert.Single(await attachments.ListAsync(caller, SharedItem(target)));
                return Outcome.Allowed;
            case "附件 download":
            {
                var file = await attachments.GetDownloadAsync(caller, SharedAttachment(target));
                Assert.True(File.Exists(file.PhysicalPath));
                return Outcome.Allowed;
            }
            case "公文 create":
            {
                var saved = await items.CreateAsync(caller, Input($"矩阵新增{n}"));
                Assert.Equal(caller.UnitId, (await Db.FindItemAsync(saved.Id))!.UnitId);
                return Outcome.Allowed;
            }
            case "公文 open for edit":
                Assert.Equal(SharedItem(target), (await items.GetForEditAsync(caller, SharedItem(target))).Id);
                return Outcome.Allowed;
            case "公文 edit":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, version) =>
                    await items.UpdateAsync(caller, id, version, Input($"矩阵修改{n}")));
            case "公文 delete":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) => await items.DeleteAsync(caller, [id]));
            case "公文 report (上报)":
                // The "reported" positions hold a rejected item: it can be reported again.
                return await ChangeItemAsync(target, ItemState.Rejected, async (id, _) => await items.ReportAsync(caller, [id]));
            case "附件 upload":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) =>
                    await attachments.UploadAsync(caller, id, "矩阵附件.txt", new MemoryStream(Encoding.UTF8.GetBytes("附件内容"))));
            case "附件 delete":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) =>
                {
                    var attachmentId = await AttachmentOfAsync(id);
                    await attachments.DeleteAsync(caller, attachmentId ?? MissingId);
                });
            case "公文 adopt (采用)":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) =>
                    await adoption.SaveAdoptionsAsync(caller, id, null, [new AdoptionChoice(channelPublicationId, channelFormId)]));
            case "公文 un-adopt (correction)":
                return await ChangeItemAsync(target, ItemState.Adopted, async (id, _) =>
                    await adoption.SaveAdoptionsAsync(caller, id, null, []));
            case "公文 reject (驳回)":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) =>
                    await adoption.RejectAsync(caller, id, null, "矩阵驳回理由"));
            case "公文 reject several (驳回, list)":
                return await ChangeItemAsync(target, ItemState.Reported, async (id, _) =>
                    await adoption.RejectManyAsync(caller, [id], "矩阵驳回理由"));
            case "公文 un-adopt one (撤销采用)":
                return await ChangeItemAsync(target, ItemState.Adopted, async (id, version) =>
                    await adoption.UnadoptAsync(caller, id, await AdoptionOfAsync(id) ?? MissingId, version));
            case "公文 undo reject (撤销驳回)":
                return await ChangeItemAsync(target, ItemState.Rejected, async (id, version) =>
                    await adoption.UndoRejectAsync(caller, id, version));
            case "扣分 list":
            {
                var rows = await deductions.ListAsync(caller, new DeductionFilter());
                return Included(rows.Select(r => r.Id), target == "missing" ? MissingId : sharedDeductions[target]);
            }
            case "扣分 view":
                Assert.Equal(sharedDeductions.GetValueOrDefault(target, MissingId),
                    (await deductions.GetAsync(caller, sharedDeductions.GetValueOrDefault(target, MissingId))).Id);
                return Outcome.Allowed;
            case "扣分 create":
            {
                var before = await Db.CountAsync<Deduction>();
                try
                {
                    await deductions.CreateAsync(caller, new DeductionInput(unitIds.GetValueOrDefault(target, MissingId), 1, "矩阵扣分", new DateOnly(2026, 11, 2)));
                }
                catch (DomainException)
                {
                    Assert.Equal(before, await Db.CountAsync<Deduction>());
                    throw;
                }
                Assert.Equal(before + 1, await Db.CountAsync<Deduction>());
                return Outcome.Allowed;
            }
            case "扣分 update":
                return await ChangeDeductionAsync(target, async id =>
                    await deductions.UpdateAsync(caller, id, new DeductionInput(unitIds.GetValueOrDefault(target, unitIds["A"]), 7, "矩阵修改", new DateOnly(2026, 11, 3))));
            case "扣分 delete":
                return await ChangeDeductionAsync(target, async id => await deductions.DeleteAsync(caller, id));
            case "月度报表 unit row":
            {
                var summary = await Db.Get<MonthlyReportService>().GetSummaryAsync(caller, new MonthlyReportRequest(2026, 11, false));
                return Included(summary.Units.Select(u => u.UnitId), unitIds.GetValueOrDefault(target, MissingId));
            }
            case "积分排名":
                await Db.Get<RankingService>().GetRankingAsync(caller, Period.Year(2026));
                return Outcome.Allowed;
            case "积分排名 with published months, history":
                await Db.Get<PublishedRankingService>().GetRankingAsync(caller, Period.Year(2026));
                await Db.Get<PublishedRankingService>().GetHistoryAsync(caller, 2026, 10);
                return Outcome.Allowed;
            case "积分排名 发布 / 重新发布":
            {
                var before = await Db.CountAsync<PublishedMonth>();
                try
                {
                    await Db.Get<PublishedRankingService>().PublishAsync(caller, 2026, 10, "矩阵发布");
                }
                catch (DomainException)
                {
                    Assert.Equal(before, await Db.CountAsync<PublishedMonth>());
                    throw;
                }
                Assert.Equal(before + 1, await Db.CountAsync<PublishedMonth>());
                return Outcome.Allowed;
            }
            case "审计日志 list":
                await Db.Get<AuditService>().ListAsync(caller, new AuditFilter(), 0, 20);
                return Outcome.Allowed;
            case "系统设置 units list":
                await settings.GetUnitsAsync(caller);
                return Outcome.Allowed;
            case "系统设置 unit add":
                await settings.AddUnitAsync(caller, unitIds["B"], new UnitInput($"矩阵新增单位{n}", $"矩阵单位{n}", 0));
                return Outcome.Allowed;
            case "系统设置 users list":
                await settings.GetUsersAsync(caller);
                return Outcome.Allowed;
            case "系统设置 user create":
                await settings.CreateUserAsync(caller, new NewUserInput($"m-new-{n}", "矩阵新用户", unitIds["B"], Roles.Reporter, "Test1234a"));
                return Outcome.Allowed;
            case "系统设置 publications list":
                await settings.GetPublicationsAsync(caller);
                return Outcome.Allowed;
            case "系统设置 form add":
                await settings.AddFormAsync(caller, nationalPublicationId, new FormInput($"矩阵形式{n}", 1, 99));
                return Outcome.Allowed;
            case "系统设置 recalculate points":
                var recalculation = Db.Get<RecalculationService>();
                var preview = await recalculation.PreviewAsync(caller, Period.Year(2026));
                if (!preview.IsEmpty) await recalculation.ExecuteAsync(caller, preview.Period, preview.Fingerprint);
                return Outcome.Allowed;
            default:
                throw new InvalidOperationException($"unknown operation {operation}");
        }
    }

    private static Outcome Included(IEnumerable<int> ids, int id) => ids.Contains(id) ? Outcome.Allowed : Outcome.NotFound;

    private int SharedItem(string target) => target == "missing" ? MissingId : shared[target].ItemId;
    private int SharedAttachment(string target) => target == "missing" ? MissingId : shared[target].AttachmentId;

    private static ItemInput Input(string title) => new() { Title = title, Body = "矩阵正文", Category = InfoCategory.General };

    /// <summary>
    /// A fresh item at the target (drafts for "-draft" positions, otherwise <paramref name="state"/>), the change
    /// applied, then: allowed changes must have changed the item, refused ones must have left it exactly as it was.
    /// </summary>
    private async Task<Outcome> ChangeItemAsync(string target, ItemState state, Func<int, int, Task> change)
    {
        if (target == "missing")
        {
            await change(MissingId, 1);
            return Outcome.Allowed;
        }
        var draft = target.EndsWith("-draft", StringComparison.Ordinal);
        var unit = draft ? target[..^"-draft".Length] : target;
        var (id, _) = await NewItemAsync(unit, draft ? ItemState.Draft : state, "矩阵");
        var before = await SnapshotAsync(id);
        try
        {
            await change(id, before!.Value.Version);
        }
        catch (DomainException)
        {
            Assert.Equal(before, await SnapshotAsync(id));
            throw;
        }
        Assert.NotEqual(before, await SnapshotAsync(id));
        return Outcome.Allowed;
    }

    private async Task<Outcome> ChangeDeductionAsync(string target, Func<int, Task> change)
    {
        if (target == "missing")
        {
            await change(MissingId);
            return Outcome.Allowed;
        }
        var id = await NewDeductionAsync(target);
        var before = await DeductionSnapshotAsync(id);
        try
        {
            await change(id);
        }
        catch (DomainException)
        {
            Assert.Equal(before, await DeductionSnapshotAsync(id));
            throw;
        }
        Assert.NotEqual(before, await DeductionSnapshotAsync(id));
        return Outcome.Allowed;
    }

    private async Task<(ItemState State, int Version, string Title, int Attachments, int Adoptions)?> SnapshotAsync(int id)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        var s = await db.Items.Where(i => i.Id == id)
            .Select(i => new { i.State, i.Version, i.Title, Attachments = i.Attachments.Count, Adoptions = i.Adoptions.Count })
            .SingleOrDefaultAsync();
        return s is null ? null : (s.State, s.Version, s.Title, s.Attachments, s.Adoptions);
    }

    private async Task<string?> DeductionSnapshotAsync(int id)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Deductions.Where(d => d.Id == id).Select(d => d.UnitId + "/" + d.Points + "/" + d.Reason).SingleOrDefaultAsync();
    }

    private async Task<int?> AttachmentOfAsync(int itemId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Attachments.Where(a => a.InfoItemId == itemId).Select(a => (int?)a.Id).FirstOrDefaultAsync();
    }

    private async Task<int?> AdoptionOfAsync(int itemId)
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Adoptions.Where(a => a.InfoItemId == itemId).Select(a => (int?)a.Id).FirstOrDefaultAsync();
    }

    /// <summary>An item of the unit with one attachment, brought to the state through the real services.</summary>
    private async Task<(int ItemId, int AttachmentId)> NewItemAsync(string unit, ItemState state, string titlePrefix)
    {
        var reporter = creators[unit];
        var n = Interlocked.Increment(ref counter);
        var items = Db.Get<ItemService>();
        var id = (await items.CreateAsync(reporter, Input($"{titlePrefix}{unit}{n}"))).Id;
        var attachment = await Db.Get<AttachmentService>().UploadAsync(reporter, id, $"附件{n}.txt", new MemoryStream(Encoding.UTF8.GetBytes("内容")));
        if (state != ItemState.Draft) await items.ReportAsync(reporter, [id]);
        if (state == ItemState.Rejected) await Db.Get<AdoptionService>().RejectAsync(RevCity, id, null, "准备");
        if (state == ItemState.Adopted)
            await Db.Get<AdoptionService>().SaveAdoptionsAsync(RevCity, id, null, [new AdoptionChoice(channelPublicationId, channelFormId)]);
        return (id, attachment.Id);
    }

    private async Task<int> NewDeductionAsync(string unit) =>
        await Db.Get<DeductionService>().CreateAsync(RevCity, new DeductionInput(unitIds[unit], 2, "准备扣分", new DateOnly(2026, 11, 1)));
}
