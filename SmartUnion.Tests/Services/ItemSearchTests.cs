using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Services;

/// <summary>
/// 关键字 of the 公文信息 list (ItemSearch through ItemService.ListAsync): the same answers as a plain substring test,
/// the index in step with inserts, edits and deletes, the caller's scope never widened, every odd keyword answered
/// with rows or a Chinese message — and the 待审核 queue.
/// </summary>
public class ItemSearchTests : IAsyncLifetime
{
    private TestDatabase t = default!;
    private Caller gusu = default!;
    private ItemService Items => t.Get<ItemService>();

    public async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        gusu = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    private async Task<int> CreateAsync(Caller reporter, string title, string body) =>
        (await Items.CreateAsync(reporter, ItemTestData.Input(title, body))).Id;

    /// <summary>The ids the list finds for the keyword (every page), ascending.</summary>
    private async Task<List<int>> FindAsync(Caller caller, string? keyword)
    {
        var page = await Items.ListAsync(caller, new ItemListQuery { Keyword = keyword, PageSize = 100 });
        Assert.Equal(page.Rows.Count, page.TotalCount);
        var found = page.Rows.Select(r => r.Id).Order().ToList();
        // A small list is walked with the substring test: the index itself must give the same rows (a reporter's: its unit's).
        if (caller.IsReporter && !caller.IsReviewer && keyword?.Trim() is { Length: >= ItemSearch.IndexedMinLength } trimmed)
        {
            await using var db = await t.Factory.CreateDbContextAsync();
            var own = db.Items.Where(i => i.UnitId == caller.UnitId);
            foreach (var shape in new[] { ItemSearch.SearchShape.FromMatches, ItemSearch.SearchShape.MatchSet })
            {
                var indexed = await (await ItemSearch.ApplyAsync(db, own, trimmed, default, shape: shape)).Items.Select(i => i.Id).OrderBy(i => i).ToListAsync();
                Assert.True(found.SequenceEqual(indexed), $"«{trimmed}» {shape}: [{string.Join(",", indexed)}], the list [{string.Join(",", found)}]");
            }
        }
        return found;
    }

    /// <summary>Titles and bodies mixing Chinese, ASCII in both cases, emoji, LIKE and FTS5 metacharacters, spaces and lines.</summary>
    private static readonly (string Title, string Body)[] Corpus =
    [
        ("开展职工技能大赛活动", "为深入贯彻落实上级工会工作部署，区总工会开展职工技能大赛。\n共覆盖职工3200余人次。"),
        ("职工 技能 培训", "各基层工会组织职工技能培训，参与企业达45家。"),
        ("Hello World 工会", "hello world：ASCII 的大小写 AND 空格"),
        ("完成率100%", "受理职工诉求120件，办结率100%，满意度99.5%"),
        ("下划线a_b测试", "字段名user_name与username不同；ab与a_b"),
        ("“两节”送温暖", "他说：\"工会是职工的娘家人\"，'单引号'也在"),
        ("NEAR(技能 竞赛)", "运算符 AND OR NOT NEAR * ^ 都只是文字：x*y、a AND b"),
        ("表情😀工会😀", "职工点赞👍👍，😀😀😀三连"),
        ("反斜杠路径", @"文件在 C:\工会\资料 下，\%不是转义"),
        ("全角％和Ａ", "全角百分号％、全角字母Ａ与半角A不同"),
        ("困难职工帮扶", "落实“四个一批”帮扶措施，做到精准识别、精准帮扶"),
        ("安康杯竞赛", "安全生产月期间开展安康杯竞赛，吸纳新会员35名"),
        ("职工书屋建设", "新建服务站点12个\n第二段：职工书屋"),
        ("工资集体协商", "工资集体协商要约行动，覆盖企业86家"),
        ("短", "帮扶"),
        ("两个字", "技能"),
    ];

    [Fact]
    public async Task EveryKeywordFindsExactlyTheItemsWhoseTitleOrBodyContainsItOnAMixedCorpus()
    {
        var wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        foreach (var (title, body) in Corpus) await CreateAsync(gusu, title, body);
        await CreateAsync(wuzhong, "吴中区职工技能大赛", "另一个区的职工技能大赛，帮扶措施"); // outside gusu's scope
        // One item reported, one edited: the index follows rows whatever their state.
        var page = await Items.ListAsync(gusu, new ItemListQuery { PageSize = 100 });
        await Items.ReportAsync(gusu, [page.Rows[0].Id]);
        List<(int Id, string Title, string Body)> stored;
        await using (var db = await t.Factory.CreateDbContextAsync())
            stored = (await db.Items.AsNoTracking().Where(i => i.UnitId == gusu.UnitId).Select(i => new { i.Id, i.Title, i.Body }).ToListAsync())
                .Select(i => (i.Id, i.Title, i.Body)).ToList();

        var keywords = new List<string>
        {
            "%", "_", "\"", "\"\"", "'", "\\", "\\%", "*", "^", "AND", "a AND b", "NEAR", "NEAR(技能", "OR NOT", "x*y",
            "😀", "👍", "😀😀", "😀工", "😀工会", "😀😀😀", "👍，😀", "100%", "%完成", "a_b", "a%b", "_name", "user_name",
            "Hello", "hello", "HELLO", "o W", "ASCII 的", "Ａ", "％", "职工 技能", "职工技能", "技能", "帮扶", "职", "帮扶措施",
            " 职工技能 ", "  帮扶", "书屋 ", "第二段", "人次。", "区总工会开展", "不存在的短语", "两节", "“两节”",
        };
        // Property-style: random substrings (1-8 characters, counted as the databases count them) of the stored texts.
        var random = new Random(20261201);
        var texts = stored.SelectMany(s => new[] { s.Title, s.Body }).ToList();
        while (keywords.Count < 160)
        {
            var runes = texts[random.Next(texts.Count)].EnumerateRunes().ToArray();
            var length = Math.Min(random.Next(1, 9), runes.Length);
            var start = random.Next(runes.Length - length + 1);
            var keyword = string.Concat(runes.Skip(start).Take(length).Select(r => r.ToString()));
            // A line break is a control character in a one-line keyword (refused with a message, see below).
            if (!keyword.Contains('\n')) keywords.Add(keyword);
        }

        foreach (var keyword in keywords)
        {
            var trimmed = keyword.Trim();
            var expected = stored.Where(s => trimmed.Length == 0 || ItemSearch.Matches(s.Title, s.Body, trimmed)).Select(s => s.Id).ToHashSet();
            var found = await FindAsync(gusu, keyword);
            Assert.True(expected.SetEquals(found) && expected.Count == found.Count,
                $"关键字 «{keyword}»: expected [{string.Join(",", expected.Order())}], found [{string.Join(",", found.Order())}]");
            if (trimmed.Length == 0) continue;

            // Every shape of the query (driven from the matches, the matches as a membership test, the substring test
            // of the rows) agrees.
            await using var db = await t.Factory.CreateDbContextAsync();
            var own = db.Items.Where(i => i.UnitId == gusu.UnitId);
            foreach (var shape in Enum.GetValues<ItemSearch.SearchShape>())
            {
                var shaped = await (await ItemSearch.ApplyAsync(db, own, trimmed, default, shape: shape)).Items.Select(i => i.Id).ToListAsync();
                Assert.True(expected.SetEquals(shaped) && expected.Count == shaped.Count, $"关键字 «{keyword}», shape {shape}");
            }
        }
    }

    [Fact]
    public void ADenseSampleIsWalkedAFewMatchesDriveTheQueryAndTheRestIsAMembershipTest()
    {
        Assert.True(ItemSearch.DenseSample(rows: 999, hits: 0)); // fewer rows than the sample: reading them is cheapest
        Assert.True(ItemSearch.DenseSample(rows: ItemSearch.SampleRows, hits: ItemSearch.SampleRows / 10));
        Assert.False(ItemSearch.DenseSample(rows: ItemSearch.SampleRows, hits: ItemSearch.SampleRows / 10 - 1));
        Assert.Equal(ItemSearch.SearchShape.FromMatches, ItemSearch.ShapeFor(16));
        Assert.Equal(ItemSearch.SearchShape.FromMatches, ItemSearch.ShapeFor(ItemSearch.DriveFromMatchesLimit));
        Assert.Equal(ItemSearch.SearchShape.MatchSet, ItemSearch.ShapeFor(ItemSearch.DriveFromMatchesLimit + 1));
    }

    [Fact]
    public async Task ACommonPhraseCountsUpToTheCapOnAPageAndCountAsyncGivesTheExactFigure()
    {
        // More matches than the drive limit, so that neither provider takes the exact shape for the page.
        const int common = ItemSearch.DriveFromMatchesLimit + 150;
        await t.AddReportedInBulkAsync(gusu, common + 40, n => n < common ? $"区总工会落实帮扶措施第{n}项" : $"开展劳动竞赛第{n}项");
        var query = new ItemListQuery { Keyword = "帮扶措施", PageSize = 20 };

        var first = await Items.ListAsync(gusu, query);
        Assert.Equal((ItemSearch.CountCap, true), (first.TotalCount, first.TotalIsLowerBound));
        // The newest twenty matches, as the exact query gives them.
        Assert.Equal(Enumerable.Range(common - 20, 20).Reverse().Select(n => $"第{n}条信息"), first.Rows.Select(r => r.Title));
        Assert.All(first.Rows, r => Assert.Contains("帮扶措施", r.BodySnippet));
        Assert.Equal(common, await Items.CountAsync(gusu, query));

        // A page past the cap (once the exact count is known) holds the right rows.
        var deep = await Items.ListAsync(gusu, query with { Page = 60, KnownTotal = common });
        Assert.Equal(Enumerable.Range(common - 1220, 20).Reverse().Select(n => $"第{n}条信息"), deep.Rows.Select(r => r.Title));

        // Fewer matches than the cap: the exact count, not a lower bound; CountAsync agrees.
        var few = await Items.ListAsync(gusu, query with { Keyword = "劳动竞赛" });
        Assert.Equal((40, false), (few.TotalCount, few.TotalIsLowerBound));
        Assert.Equal(40, await Items.CountAsync(gusu, query with { Keyword = "劳动竞赛" }));
        // Without a keyword there is no cap.
        var all = await Items.ListAsync(gusu, query with { Keyword = null });
        Assert.Equal((common + 40, false), (all.TotalCount, all.TotalIsLowerBound));
        // CountAsync checks the caller's scope like the list: another district's reporter counts none of them.
        var wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        Assert.Equal(0, await Items.CountAsync(wuzhong, query));
        await Assert.ThrowsAsync<DomainException>(() => Items.CountAsync(wuzhong, query with { UnitId = gusu.UnitId }));
    }

    [Fact]
    public async Task TheIndexFollowsInsertsEditsAndDeletes()
    {
        var id = await CreateAsync(gusu, "户外劳动者服务站点建设", "夏季送清凉慰问一线职工");
        var other = await CreateAsync(gusu, "职工疗休养", "组织劳模疗休养");
        Assert.Equal([id], await FindAsync(gusu, "送清凉"));
        Assert.Equal([id], await FindAsync(gusu, "劳动者服务"));

        // 修改: the old words leave the index, the new ones come in; the other item is untouched.
        var version = (await Items.GetForEditAsync(gusu, id)).Version;
        await Items.UpdateAsync(gusu, id, version, ItemTestData.Input("户外职工驿站建设", "冬季送温暖慰问一线职工"));
        Assert.Empty(await FindAsync(gusu, "送清凉"));
        Assert.Empty(await FindAsync(gusu, "劳动者服务"));
        Assert.Equal([id], await FindAsync(gusu, "送温暖"));
        Assert.Equal([id], await FindAsync(gusu, "职工驿站"));
        Assert.Equal([other], await FindAsync(gusu, "劳模疗休养"));

        // 上报 changes neither 标题 nor 正文: still found.
        await Items.ReportAsync(gusu, [id]);
        Assert.Equal([id], await FindAsync(gusu, "送温暖"));

        // 删除.
        await Items.DeleteAsync(gusu, [other]);
        Assert.Empty(await FindAsync(gusu, "劳模疗休养"));
        Assert.Equal([id], await FindAsync(gusu, "送温暖"));
        if (!t.IsPostgreSql)
        {
            // The FTS5 table holds exactly the items' rows (no stale entry of the deleted or edited item).
            await using var db = await t.Factory.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "ItemSearch"("ItemSearch", rank) VALUES ('integrity-check', 1);""");
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "ItemSearch" WHERE "ItemSearch" MATCH '"送温暖"'""").SingleAsync());
        }
    }

    [Fact]
    public async Task AKeywordNeverWidensTheCallersScope()
    {
        var wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        var gusuReviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var cityReviewer = await t.CreateUserAsync("city-rev", "苏州市总工会", Roles.Reviewer);
        var gusuReported = await t.ReportedAsync(gusu, "姑苏区职工书屋");
        var gusuDraft = await CreateAsync(gusu, "姑苏区草稿", "职工书屋草稿");
        var wuzhongReported = await t.ReportedAsync(wuzhong, "吴中区职工书屋");

        Assert.Equal([gusuReported, gusuDraft], await FindAsync(gusu, "职工书屋"));
        Assert.Equal([wuzhongReported], await FindAsync(wuzhong, "职工书屋"));
        Assert.Equal([gusuReported], await FindAsync(gusuReviewer, "职工书屋")); // no draft, no other district
        Assert.Equal([gusuReported, wuzhongReported], await FindAsync(cityReviewer, "职工书屋"));
        Assert.Equal([gusuReported], await FindAsync(gusuReviewer, "书屋")); // the short fallback as well
        Assert.Equal([gusuReported, wuzhongReported], await FindAsync(cityReviewer, "书屋"));
        // With the 报送工会 filter of another district: refused as before, whatever the keyword.
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Items.ListAsync(gusuReviewer, new ItemListQuery { UnitId = wuzhong.UnitId, Keyword = "职工书屋" }));
        Assert.Equal("所选报送工会不在您的查询范围内", refused.Message);
    }

    [Fact]
    public async Task AKeywordCombinesWithTheOtherFiltersThePagingAndTheCount()
    {
        for (var i = 0; i < 25; i++)
            await t.ReportedAsync(gusu, $"职工技能竞赛{i:00}", i % 2 == 0 ? InfoCategory.General : InfoCategory.Research);
        await t.ReportedAsync(gusu, "其他标题");
        var query = new ItemListQuery { Keyword = "技能竞赛", Category = InfoCategory.General, PageSize = 5, Page = 1, Adoption = AdoptionFilter.Reported };

        var page = await Items.ListAsync(gusu, query);

        Assert.Equal(13, page.TotalCount);
        // Same 上报日期 (the test clock stands still): newest id first.
        Assert.Equal(["职工技能竞赛14", "职工技能竞赛12", "职工技能竞赛10", "职工技能竞赛08", "职工技能竞赛06"], page.Rows.Select(r => r.Title));
        var turned = await Items.ListAsync(gusu, query with { Page = 2, KnownTotal = 13 });
        Assert.Equal(["职工技能竞赛04", "职工技能竞赛02", "职工技能竞赛00"], turned.Rows.Select(r => r.Title));
        var export = new List<ItemListRow>();
        await foreach (var row in Items.ListAllForExportAsync(gusu, query)) export.Add(row);
        Assert.Equal(13, export.Count);
        Assert.All(export, r => Assert.Contains("技能竞赛", r.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OddKeywordsGiveRowsOrAChineseMessageNeverAnError()
    {
        var id = await CreateAsync(gusu, "关键字边界", "正文含有 100% 与 a_b 以及 \"引号\" 和 😀");
        Assert.Equal([id], await FindAsync(gusu, ""));
        Assert.Equal([id], await FindAsync(gusu, "   "));
        Assert.Equal([id], await FindAsync(gusu, null));
        Assert.Equal([id], await FindAsync(gusu, "边"));
        Assert.Equal([id], await FindAsync(gusu, " 100% "));
        Assert.Equal([id], await FindAsync(gusu, "\"引号\""));
        Assert.Equal([id], await FindAsync(gusu, "😀"));
        Assert.Empty(await FindAsync(gusu, "AND"));
        Assert.Empty(await FindAsync(gusu, "NEAR(a b)"));
        Assert.Empty(await FindAsync(gusu, "* OR *"));
        Assert.Empty(await FindAsync(gusu, new string('工', ItemSearch.MaxKeywordLength)));

        var tooLong = await Assert.ThrowsAsync<DomainException>(() => FindAsync(gusu, new string('工', 200)));
        Assert.Equal($"关键字不能超过{ItemSearch.MaxKeywordLength}个字，请缩短后重试", tooLong.Message);
        var control = await Assert.ThrowsAsync<DomainException>(() => FindAsync(gusu, "工会\u0000"));
        Assert.Equal("关键字包含不可见的控制字符，请删除后重试", control.Message);
        var surrogate = await Assert.ThrowsAsync<DomainException>(() => FindAsync(gusu, "工会\ud83d"));
        Assert.Equal("关键字包含无效字符，请删除后重试", surrogate.Message);
    }

    [Fact]
    public async Task APageWithAKeywordCarriesASnippetOfTheBodyAroundTheFirstMatch()
    {
        var body = new StringBuilder("近日，").Append(new string('甲', 30)).Append("精准帮扶").Append(new string('乙', 40)).Append("精准帮扶。").ToString();
        var inBody = await t.ReportedAsync(gusu, "正文命中");
        await using (var db = await t.Factory.CreateDbContextAsync())
            await db.Items.Where(i => i.Id == inBody).ExecuteUpdateAsync(s => s.SetProperty(i => i.Body, body));
        var inTitle = await CreateAsync(gusu, "精准帮扶在标题", "正文没有");
        var short1 = await CreateAsync(gusu, "短正文", "精准帮扶");

        var rows = (await Items.ListAsync(gusu, new ItemListQuery { Keyword = "精准帮扶" })).Rows.ToDictionary(r => r.Id);

        Assert.Equal("…" + new string('甲', ItemSearch.SnippetLead) + "精准帮扶" + new string('乙', ItemSearch.SnippetTail) + "…", rows[inBody].BodySnippet);
        Assert.Null(rows[inTitle].BodySnippet);
        Assert.Equal("精准帮扶", rows[short1].BodySnippet);
        Assert.All((await Items.ListAsync(gusu, new ItemListQuery())).Rows, r => Assert.Null(r.BodySnippet));
    }

    [Fact]
    public async Task TheAwaitingReviewQueueHoldsReportedItemsWithoutDecisionOldestFirst()
    {
        var reviewer = await t.CreateUserAsync("gusu-rev", "姑苏区总", Roles.Reviewer);
        var wuzhong = await t.CreateUserAsync("wuzhong-r", "吴中区总", Roles.Reporter);
        var older = await t.ReportedAsync(gusu, "较早上报");
        t.Clock.Advance(TimeSpan.FromHours(3));
        var newer = await t.ReportedAsync(gusu, "较晚上报");
        t.Clock.Advance(TimeSpan.FromHours(3));
        var reportedAgain = await t.RejectedAsync(gusu, reviewer, "驳回后再上报");
        await Items.ReportAsync(gusu, [reportedAgain]);
        var adopted = await t.ReportedAsync(gusu, "已采用");
        await t.AdoptAsync(adopted, "《苏州工会信息》", reviewer);
        await t.RejectedAsync(gusu, reviewer, "已驳回");
        await t.DraftAsync(gusu, "草稿");
        await t.ReportedAsync(wuzhong, "另一区已上报"); // outside the reviewer's subtree

        var queue = await Items.ListAsync(reviewer, new ItemListQuery { Adoption = AdoptionFilter.AwaitingReview, Descending = false });

        Assert.Equal([older, newer, reportedAgain], queue.Rows.Select(r => r.Id));
        Assert.Equal(3, queue.TotalCount);
        Assert.True(AdoptionFilter.AwaitingReview.OldestFirst());
        Assert.Equal("待审核", AdoptionFilter.AwaitingReview.Text());
        // A reporter asking for it gets its own unit's reported items, nothing more.
        var own = await Items.ListAsync(wuzhong, new ItemListQuery { Adoption = AdoptionFilter.AwaitingReview });
        Assert.Equal(["另一区已上报"], own.Rows.Select(r => r.Title));
    }
}
