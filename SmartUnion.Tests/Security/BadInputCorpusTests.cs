using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Bunit;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Http;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Dialogs;
using Xunit.Abstractions;

namespace SmartUnion.Tests.Security;

/// <summary>
/// The bad-input corpus: malformed input for every form's service. Each must end in a <see cref="DomainException"/>
/// with a Chinese message, and leave the database (every table, every row) and the attachment folder exactly as they were.
/// </summary>
public partial class BadInputCorpusTests(BadInputFixture fixture, ITestOutputHelper output) : IClassFixture<BadInputFixture>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Img = "<img src=x onerror=alert(1)>";
    private const string Sql = "'; DROP TABLE Items;--";
    private const string Emoji = "👍🏻工会职工之家📄";

    /// <summary>Bad single-line texts for a field of <paramref name="max"/> characters.</summary>
    private static IEnumerable<(string Name, string Value)> BadLine(int max) =>
    [
        ("empty", ""),
        ("whitespace-only", "   "),
        ("tabs and newlines only", "\t \r\n "),
        ("full-width spaces only", "\u3000\u3000"),
        ($"{max + 1} characters", new string('长', max + 1)),
        ("100,000 characters", new string('长', 100_000)),
        ("1 MB", new string('字', 1_048_576)),
        ("NUL", "名称\0结尾"),
        ("BEL and ESC", "名称\a\u001b[31m"),
        ("RTL override U+202E", "报告\u202Efdp.exe"),
        ("isolate U+2066", "名称\u2066隔离"),
        ("unpaired surrogate", "名称\uD800"),
    ];

    /// <summary>Bad multi-line texts (body, reasons): line breaks are fine, control characters are not.</summary>
    private static IEnumerable<(string Name, string Value)> BadText(int max) =>
    [
        ("empty", ""),
        ("whitespace-only", " \n\t\n "),
        ($"{max + 1} characters", new string('文', max + 1)),
        ("100,000 characters", new string('文', 100_000)),
        ("1 MB", new string('文', 1_048_576)),
        ("NUL", "第一行\n\0"),
        ("ESC sequence", "第一行\u001b[2J"),
        ("RTL override U+202E", "理由\u202E文字"),
        ("unpaired surrogate", "理由\uDC00"),
    ];

    private static readonly Dictionary<string, Func<BadInputFixture, Task>> Corpus = BuildCorpus();

    private static Dictionary<string, Func<BadInputFixture, Task>> BuildCorpus()
    {
        var c = new Dictionary<string, Func<BadInputFixture, Task>>();
        void Add(string name, Func<BadInputFixture, Task> act) => c.Add(name, act);
        static ItemInput Item(string title = "标题", string body = "正文", InfoCategory? category = InfoCategory.General) =>
            new() { Title = title, Body = body, Category = category };

        // 公文信息 form: 标题, 正文, 信息分类 (新增 and 修改).
        foreach (var (name, value) in BadLine(InfoItem.TitleMaxLength))
        {
            Add($"公文 新增 标题: {name}", f => f.Get<ItemService>().CreateAsync(f.Reporter, Item(title: value)));
            Add($"公文 修改 标题: {name}", f => f.Get<ItemService>().UpdateAsync(f.Reporter, f.DraftId, f.DraftVersion, Item(title: value)));
        }
        foreach (var (name, value) in BadText(InfoItem.BodyMaxLength))
        {
            Add($"公文 新增 正文: {name}", f => f.Get<ItemService>().CreateAsync(f.Reporter, Item(body: value)));
            Add($"公文 修改 正文: {name}", f => f.Get<ItemService>().UpdateAsync(f.Reporter, f.DraftId, f.DraftVersion, Item(body: value)));
        }
        Add("公文 新增 信息分类: none", f => f.Get<ItemService>().CreateAsync(f.Reporter, Item(category: null)));
        Add("公文 新增 信息分类: 99", f => f.Get<ItemService>().CreateAsync(f.Reporter, Item(category: (InfoCategory)99)));
        Add("公文 上报: no ids", f => f.Get<ItemService>().ReportAsync(f.Reporter, []));
        Add("公文 上报: 501 ids", f => f.Get<ItemService>().ReportAsync(f.Reporter, Enumerable.Range(1, 501).ToList()));
        Add("公文 上报: already reported", f => f.Get<ItemService>().ReportAsync(f.Reporter, [f.ReportedId]));
        Add("公文 删除: no ids", f => f.Get<ItemService>().DeleteAsync(f.Reporter, []));
        Add("公文 删除: id -1", f => f.Get<ItemService>().DeleteAsync(f.Reporter, [-1]));
        Add("公文 修改: id 0", f => f.Get<ItemService>().UpdateAsync(f.Reporter, 0, 1, Item()));
        Add("公文 修改: stale version", f => f.Get<ItemService>().UpdateAsync(f.Reporter, f.DraftId, f.DraftVersion - 1, Item(title: "过期")));

        // 公文信息 list filters.
        static ItemListQuery Q(DateOnly? from = null, DateOnly? to = null) => new() { ReportedFrom = from, ReportedTo = to };
        Add("公文列表: 报送结束日期 before 报送开始日期", f => f.Get<ItemService>().ListAsync(f.Reviewer, Q(new(2026, 5, 2), new(2026, 5, 1))));
        Add("公文列表: 报送开始日期 year 1", f => f.Get<ItemService>().ListAsync(f.Reviewer, Q(from: new(1, 1, 1))));
        Add("公文列表: 报送结束日期 9999-12-31", f => f.Get<ItemService>().ListAsync(f.Reviewer, Q(to: DateOnly.MaxValue)));
        Add("公文列表: 信息分类 99", f => f.Get<ItemService>().ListAsync(f.Reviewer, new ItemListQuery { Category = (InfoCategory)99 }));
        Add("公文列表: 录用情况 99", f => f.Get<ItemService>().ListAsync(f.Reviewer, new ItemListQuery { Adoption = (AdoptionFilter)99 }));
        Add("公文列表: 报送工会 -1", f => f.Get<ItemService>().ListAsync(f.Reporter, new ItemListQuery { UnitId = -1 }));

        // 驳回 (one item and the list's several).
        foreach (var (name, value) in BadText(InfoItem.RejectReasonMaxLength))
        {
            Add($"驳回 理由: {name}", f => f.Get<AdoptionService>().RejectAsync(f.Reviewer, f.ReportedId, null, value));
            Add($"驳回(批量) 理由: {name}", f => f.Get<AdoptionService>().RejectManyAsync(f.Reviewer, [f.ReportedId], value));
        }
        Add("驳回(批量): no ids", f => f.Get<AdoptionService>().RejectManyAsync(f.Reviewer, [], "理由"));
        Add("驳回: a draft id", f => f.Get<AdoptionService>().RejectAsync(f.Reviewer, f.DraftId, null, "理由"));

        // 采用: 采用年 and 采用期次 of a periodical (24 issues a year), a channel without either.
        foreach (var (name, year, issue) in new (string, int?, int?)[]
        {
            ("year 0", 0, 1), ("year -1", -1, 1), ("year 1999", 1999, 1), ("year 9999", 9999, 1), ("year int.MaxValue", int.MaxValue, 1),
            ("year missing", null, 1), ("issue 0", 2026, 0), ("issue -1", 2026, -1), ("issue 25 of 24", 2026, 25),
            ("issue int.MaxValue", 2026, int.MaxValue), ("issue missing", 2026, null),
        })
            Add($"采用 期刊: {name}", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null,
                [new AdoptionChoice(f.PeriodicalId, f.PeriodicalFormId, year, issue)]));
        Add("采用 综合录用 with a year and issue", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null,
            [new AdoptionChoice(f.ChannelId, f.ChannelFormId, 2026, 1)]));
        Add("采用: the same form twice", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null,
            [new AdoptionChoice(f.ChannelId, f.ChannelFormId), new AdoptionChoice(f.ChannelId, f.ChannelFormId)]));
        Add("采用: a form of another publication", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null,
            [new AdoptionChoice(f.PeriodicalId, f.ChannelFormId)]));
        Add("采用: form id -1", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null, [new AdoptionChoice(f.ChannelId, -1)]));
        Add("采用: nothing ticked", f => f.Get<AdoptionService>().SaveAdoptionsAsync(f.Reviewer, f.ReportedId, null, []));

        // 扣分 dialog: 扣分单位, 扣分分值, 扣分原因, 扣分日期 (新增 and 修改).
        static DeductionInput D(int? unit, int? points = 3, string? reason = "迟报", DateOnly? date = null) => new(unit, points, reason, date ?? new DateOnly(2026, 11, 2));
        foreach (var (name, value) in BadText(Deduction.ReasonMaxLength))
        {
            Add($"扣分 新增 原因: {name}", f => f.Get<DeductionService>().CreateAsync(f.Reviewer, D(f.UnitId, reason: value)));
            Add($"扣分 修改 原因: {name}", f => f.Get<DeductionService>().UpdateAsync(f.Reviewer, f.DeductionId, D(f.UnitId, reason: value)));
        }
        foreach (var (name, points) in new (string, int?)[] { ("0", 0), ("-5", -5), ("1e9", 1_000_000_000), ("1001", 1001), ("int.MinValue", int.MinValue), ("int.MaxValue", int.MaxValue), ("missing", null) })
        {
            Add($"扣分 新增 分值: {name}", f => f.Get<DeductionService>().CreateAsync(f.Reviewer, D(f.UnitId, points: points)));
            Add($"扣分 修改 分值: {name}", f => f.Get<DeductionService>().UpdateAsync(f.Reviewer, f.DeductionId, D(f.UnitId, points: points)));
        }
        foreach (var (name, date) in new (string, DateOnly)[] { ("year 1", new(1, 1, 1)), ("1999-12-31", new(1999, 12, 31)), ("2101-01-01", new(2101, 1, 1)), ("9999-12-31", DateOnly.MaxValue) })
        {
            Add($"扣分 新增 日期: {name}", f => f.Get<DeductionService>().CreateAsync(f.Reviewer, D(f.UnitId, date: date)));
            Add($"扣分 修改 日期: {name}", f => f.Get<DeductionService>().UpdateAsync(f.Reviewer, f.DeductionId, D(f.UnitId, date: date)));
        }
        foreach (var (name, unit) in new (string, int?)[] { ("missing", null), ("0", 0), ("-1", -1), ("int.MaxValue", int.MaxValue) })
            Add($"扣分 新增 单位: {name}", f => f.Get<DeductionService>().CreateAsync(f.Reviewer, D(unit)));
        Add("扣分 修改: id -1", f => f.Get<DeductionService>().UpdateAsync(f.Reviewer, -1, D(f.UnitId)));
        Add("扣分 删除: id 0", f => f.Get<DeductionService>().DeleteAsync(f.Reviewer, 0));

        // 积分排名 and 重新计算积分 periods.
        foreach (var (name, period) in new (string, Period)[]
        {
            ("end before start", new(new(2026, 5, 2), new(2026, 5, 1))), ("year 1", new(new(1, 1, 1), new(2026, 1, 1))),
            ("9999-12-31", new(new(2026, 1, 1), DateOnly.MaxValue)), ("year 2101", Period.Year(2101)),
        })
        {
            Add($"积分排名 期间: {name}", f => f.Get<RankingService>().GetRankingAsync(f.Reviewer, period));
            Add($"重新计算积分 预览 期间: {name}", f => f.Get<RecalculationService>().PreviewAsync(f.Admin, period));
            Add($"重新计算积分 执行 期间: {name}", f => f.Get<RecalculationService>().ExecuteAsync(f.Admin, period, "x"));
        }
        Add("重新计算积分 期间: 超过3年", f => f.Get<RecalculationService>().ExecuteAsync(f.Admin, new(new(2023, 1, 1), new(2026, 1, 1)), "x"));

        // 月度报表 month (the service's parser; the endpoint is in the HTTP corpus).
        foreach (var month in new[] { "abc", "0000-00", "2026-13", "2026-00", "", "   ", "1999-12", "2101-01", "2026/10", "10-2026", Script, "2026-10-01; DROP TABLE Items" })
            Add($"月度报表 月份: \"{month}\"", f => f.Get<MonthlyReportService>().GetSummaryAsync(f.Reviewer, MonthlyReportRequest.Parse(month, false)));
        Add("月度报表: year 0 month 5", f => f.Get<MonthlyReportService>().GetSummaryAsync(f.Reviewer, new MonthlyReportRequest(0, 5, false)));
        Add("月度报表: 2026 month 13", f => f.Get<MonthlyReportService>().GetSummaryAsync(f.Reviewer, new MonthlyReportRequest(2026, 13, true)));

        // 审计日志 filter dates.
        Add("审计日志: 结束日期 9999-12-31", f => f.Get<AuditService>().ListAsync(f.Admin, new AuditFilter(To: DateOnly.MaxValue), 0, 20));
        Add("审计日志: end before start", f => f.Get<AuditService>().ListAsync(f.Admin, new AuditFilter(From: new(2026, 5, 2), To: new(2026, 5, 1)), 0, 20));

        // 系统设置: units, users, publications, forms.
        foreach (var (name, value) in BadLine(SettingsService.UnitNameMaxLength))
        {
            Add($"单位 新增 名称: {name}", f => f.Get<SettingsService>().AddUnitAsync(f.Admin, f.UnitId, new UnitInput(value, "新单位", 1)));
            Add($"单位 修改 名称: {name}", f => f.Get<SettingsService>().UpdateUnitAsync(f.Admin, f.UnitId, new UnitInput(value, "姑苏区总", 1)));
        }
        foreach (var (name, value) in BadLine(SettingsService.UnitShortNameMaxLength).Where(v => v.Value.Length < 1000))
            Add($"单位 新增 简称: {name}", f => f.Get<SettingsService>().AddUnitAsync(f.Admin, f.UnitId, new UnitInput("新单位工会", value, 1)));
        Add("单位 新增: duplicate name", f => f.Get<SettingsService>().AddUnitAsync(f.Admin, f.UnitId, new UnitInput("新单位工会", "姑苏区总", 1)));
        Add("单位 新增: parent -1", f => f.Get<SettingsService>().AddUnitAsync(f.Admin, -1, new UnitInput("新单位工会", "新单位", 1)));
        Add("单位 移动: under itself", f => f.Get<SettingsService>().MoveUnitAsync(f.Admin, f.UnitId, f.UnitId));
        static NewUserInput U(string? user = "newuser", string? display = "新用户", int? unit = null, string? role = Roles.Reporter, string? password = "Test1234a") =>
            new(user, display, unit, role, password);
        foreach (var (name, value) in BadLine(SettingsService.UserNameMaxLength).Where(v => v.Value.Length < 1000))
            Add($"用户 新增 用户名: {name}", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(user: value, unit: f.UnitId)));
        foreach (var (name, value) in BadLine(SettingsService.DisplayNameMaxLength).Where(v => v.Value.Length < 1000))
            Add($"用户 新增 姓名: {name}", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(display: value, unit: f.UnitId)));
        foreach (var (name, value) in new (string, string?)[] { ("empty", ""), ("1 character", "1"), ("digits only", "12345678"), ("missing", null) })
            Add($"用户 新增 密码: {name}", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(password: value, unit: f.UnitId)));
        Add("用户 新增 角色: 超级管理员", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(role: "超级管理员", unit: f.UnitId)));
        Add("用户 新增 角色: missing", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(role: null, unit: f.UnitId)));
        Add("用户 新增 单位: missing", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(unit: null)));
        Add("用户 新增 单位: -1", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(unit: -1)));
        Add("用户 新增: existing user name", f => f.Get<SettingsService>().CreateUserAsync(f.Admin, U(user: f.Reporter.UserName, unit: f.UnitId)));
        Add("用户 重置密码: too short", f => f.Get<SettingsService>().ResetPasswordAsync(f.Admin, f.Reporter.UserId, "1"));
        foreach (var (name, value) in BadLine(SettingsService.PublicationNameMaxLength).Where(v => v.Value.Length < 1000))
            Add($"期刊 新增 名称: {name}", f => f.Get<SettingsService>().AddPublicationAsync(f.Admin, new PublicationInput(value, PublicationLevel.City, PublicationKind.Website, 0, 1)));
        foreach (var (name, issues) in new (string, int)[] { ("0", 0), ("-1", -1), ("367", 367), ("int.MaxValue", int.MaxValue) })
            Add($"期刊 新增 每年期数: {name}", f => f.Get<SettingsService>().AddPublicationAsync(f.Admin, new PublicationInput("新期刊", PublicationLevel.City, PublicationKind.Periodical, issues, 1)));
        Add("期刊 新增 所属市区: 99", f => f.Get<SettingsService>().AddPublicationAsync(f.Admin, new PublicationInput("新期刊", (PublicationLevel)99, PublicationKind.Website, 0, 1)));
        Add("期刊 新增 类型: 99", f => f.Get<SettingsService>().AddPublicationAsync(f.Admin, new PublicationInput("新期刊", PublicationLevel.City, (PublicationKind)99, 0, 1)));
        foreach (var (name, value) in BadLine(SettingsService.FormNameMaxLength).Where(v => v.Value.Length < 1000))
            Add($"采用形式 新增 名称: {name}", f => f.Get<SettingsService>().AddFormAsync(f.Admin, f.ChannelId, new FormInput(value, 1, 1)));
        foreach (var (name, points) in new (string, int?)[] { ("-5", -5), ("1e9", 1_000_000_000), ("1001", 1001), ("missing", null) })
        {
            Add($"采用形式 新增 分值: {name}", f => f.Get<SettingsService>().AddFormAsync(f.Admin, f.ChannelId, new FormInput("新形式", points, 1)));
            Add($"采用形式 修改 分值: {name}", f => f.Get<SettingsService>().UpdateFormAsync(f.Admin, f.ChannelFormId, new FormInput("录用", points, 1)));
        }
        // 分值 and 批示加分 versions: a 生效日期 after today or before 1 January of last year, bonuses out of range.
        static DateOnly Today(BadInputFixture f) => ChinaTime.Today(f.Get<TimeProvider>());
        Add("采用形式 修改 生效日期: 明天", f => f.Get<SettingsService>().UpdateFormAsync(f.Admin, f.ChannelFormId, new FormInput("录用", 9, 1), Today(f).AddDays(1)));
        Add("采用形式 修改 生效日期: 上一年年初之前", f => f.Get<SettingsService>().UpdateFormAsync(f.Admin, f.ChannelFormId, new FormInput("录用", 9, 1), new DateOnly(Today(f).Year - 2, 12, 31)));
        Add("批示加分 生效日期: 明天", f => f.Get<InstructionService>().SetRulesAsync(f.Admin, [new InstructionRuleRow(InstructionLevel.City, 41)], Today(f).AddDays(1)));
        Add("批示加分: -1", f => f.Get<InstructionService>().SetRulesAsync(f.Admin, [new InstructionRuleRow(InstructionLevel.City, -1)]));
        Add("批示加分: 1001", f => f.Get<InstructionService>().SetRulesAsync(f.Admin, [new InstructionRuleRow(InstructionLevel.City, 1001)]));

        // 附件信息: uploads to a draft (limit set to 64 KB for the test) — nothing may stay behind on disk.
        static Task Upload(BadInputFixture f, string name, Stream content, int? itemId = null) =>
            f.Get<AttachmentService>().UploadAsync(f.Reporter, itemId ?? f.DraftId, name, content);
        static Stream Bytes(int n) => new MemoryStream(new byte[n]);
        Add("附件: 0 bytes", f => Upload(f, "空.txt", Bytes(0)));
        Add("附件: one byte over the limit", f => Upload(f, "大.pdf", Bytes(BadInputFixture.MaxFileBytes + 1)));
        Add("附件: 1 MB", f => Upload(f, "大.docx", Bytes(1_048_576)));
        foreach (var name in new[]
        {
            "病毒.exe", "报告.pdf.exe", "../../x.txt", "..\\..\\x.txt", "/etc/../x.txt", "a\0.txt", "a\u0001b.txt", "", "   ",
            ".txt", "...", "无扩展名", "图.svg", "页.html", "页.htm", "脚本.js", "a.php", "报告\u202Etxt.exe", "报告\u202Efdp.txt",
            "x.txt:stream", "C:\\fakepath\\..\\病毒.bat",
        })
            Add($"附件 文件名: \"{name.Replace("\0", "\\0")}\"", f => Upload(f, name, new MemoryStream("内容"u8.ToArray())));
        Add("附件: the same name twice", f => Upload(f, BadInputFixture.ExistingAttachmentName, new MemoryStream("内容"u8.ToArray())));
        Add("附件: the 11th file of an item", f => Upload(f, "第十一个.txt", new MemoryStream("内容"u8.ToArray()), f.FullItemId));
        Add("附件: to an adopted item", f => Upload(f, "采用后.txt", new MemoryStream("内容"u8.ToArray()), f.AdoptedId));
        Add("附件 删除: id -1", f => f.Get<AttachmentService>().DeleteAsync(f.Reporter, -1));
        return c;
    }

    public static IEnumerable<object[]> Cases() => Corpus.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EndsInAChineseMessageAndChangesNothing(string name)
    {
        var before = await fixture.StateAsync();
        var ex = await Record.ExceptionAsync(() => Corpus[name](fixture));
        var after = await fixture.StateAsync();

        Assert.NotNull(ex);
        output.WriteLine($"{name} → {ex.GetType().Name}: {Truncate(ex.Message)}");
        Assert.IsAssignableFrom<DomainException>(ex);
        Assert.Matches(Cjk(), ex.Message);
        Assert.True(ex.Message.Length < 400, "the message must be short enough for a snackbar");
        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(before.Hash, after.Hash);
        Assert.Equal(before.Files, after.Files);
    }

    [Fact]
    public void TheCorpusIsPrintedAndLargeEnough()
    {
        output.WriteLine($"Bad-input corpus: {Corpus.Count} service cases, {BadInputHttpTests.EndpointCases().Count()} endpoint cases, " +
            $"{BadInputDialogTests.Inputs.Length} dialog parser cases; total {Corpus.Count + BadInputHttpTests.EndpointCases().Count() + BadInputDialogTests.Inputs.Length}.");
        foreach (var group in Corpus.Keys.GroupBy(k => k.Split(':')[0].Split(' ')[0]))
            output.WriteLine($"  {group.Key}: {group.Count()}");
        Assert.True(Corpus.Count >= 150, $"only {Corpus.Count}");
    }

    // ---- inputs that are legitimately accepted: kept verbatim, shown as text, written as text cells ----------------

    public static readonly string[] AcceptedTexts = [Script, Img, Sql, Emoji, "A & B \"引号\" <b>粗体</b>", "=HYPERLINK(\"http://x\",\"点我\")"];

    [Fact]
    public async Task ScriptHtmlSqlAndEmojiAreStoredVerbatimAndWrittenAsTextCells()
    {
        await using var t = await TestDatabase.CreateAsync();
        var reporter = await t.CreateUserAsync("acc-rep", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("acc-rev", "苏州市总工会", Roles.Reviewer);
        var items = t.Get<ItemService>();
        var form = await FirstChannelFormAsync(t);
        var ids = new List<int>();
        foreach (var text in AcceptedTexts)
        {
            var id = (await items.CreateAsync(reporter, new ItemInput { Title = text, Body = text + "\n第二行", Category = InfoCategory.General })).Id;
            await items.ReportAsync(reporter, [id]);
            await t.Get<AdoptionService>().SaveAdoptionsAsync(reviewer, id, null, [new AdoptionChoice(form.PublicationId, form.Id)]);
            await t.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(reporter.UnitId, 1, text, new DateOnly(2026, 11, 2)));
            ids.Add(id);
        }
        // A rejected one, for the reject reason.
        var rejected = (await items.CreateAsync(reporter, new ItemInput { Title = "驳回测试", Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(reporter, [rejected]);
        await t.Get<AdoptionService>().RejectAsync(reviewer, rejected, null, Script);

        await using (var db = await t.Factory.CreateDbContextAsync())
        {
            var stored = await db.Items.Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).Select(i => new { i.Title, i.Body }).ToListAsync();
            Assert.Equal(AcceptedTexts, stored.Select(s => s.Title));
            Assert.Equal(AcceptedTexts.Select(x => x + "\n第二行"), stored.Select(s => s.Body));
            Assert.Equal(Script, await db.Items.Where(i => i.Id == rejected).Select(i => i.RejectReason).SingleAsync());
            Assert.Equal(AcceptedTexts.Order(), (await db.Deductions.Select(d => d.Reason).ToListAsync()).Order());
            Assert.True(await db.Units.AnyAsync()); // "DROP TABLE" did nothing either
        }

        // 导出Excel of the list: the same builder and row source as the export endpoint.
        var export = new MemoryStream();
        var rows = items.ListAllForExportAsync(reviewer, new ItemListQuery());
        await ItemListExportBuilder.WriteAsync(export, [], Map(rows));
        using (var book = new XLWorkbook(new MemoryStream(export.ToArray())))
        {
            var cells = book.Worksheet(ItemListExportBuilder.SheetName).Column(1).CellsUsed().Skip(1).ToList();
            foreach (var text in AcceptedTexts)
            {
                var cell = Assert.Single(cells, x => x.GetString() == text);
                Assert.Equal(XLDataType.Text, cell.DataType);
                Assert.False(cell.HasFormula, $"{text} must not become a formula");
            }
        }

        // 月度报表: 录用明细 titles and 扣分明细 reasons.
        var report = new MemoryStream();
        await t.Get<MonthlyReportService>().WriteAsync(reviewer, new MonthlyReportRequest(2026, 11, false), report);
        using (var book = new XLWorkbook(new MemoryStream(report.ToArray())))
        {
            var all = book.Worksheets.SelectMany(ws => ws.CellsUsed()).ToList();
            foreach (var text in AcceptedTexts)
            {
                var matches = all.Where(x => x.GetString() == text).ToList();
                Assert.True(matches.Count >= 2, $"{text} appears in 录用明细 and 扣分明细");
                Assert.All(matches, m => Assert.Equal(XLDataType.Text, m.DataType));
                Assert.All(matches, m => Assert.False(m.HasFormula));
            }
        }

        static async IAsyncEnumerable<ItemListExportRow> Map(IAsyncEnumerable<ItemListRow> source)
        {
            await foreach (var r in source)
                yield return new ItemListExportRow(r.Title, r.Category, r.UnitName, r.ReportedAt, r.State, new Dictionary<int, DateTime>());
        }
    }

    [Fact]
    public async Task AThreeHundredCharacterFileNameIsShortenedKeepingItsExtension()
    {
        var longName = new string('附', 296) + ".txt";
        Assert.Equal(300, longName.Length);
        var draft = (await fixture.Get<ItemService>().CreateAsync(fixture.Reporter, new ItemInput { Title = "长文件名", Body = "正文", Category = InfoCategory.General })).Id;
        var saved = await fixture.Get<AttachmentService>().UploadAsync(fixture.Reporter, draft, longName, new MemoryStream("内容"u8.ToArray()));
        Assert.Equal(AttachmentService.FileNameMaxLength, saved.FileName.Length);
        Assert.EndsWith(".txt", saved.FileName, StringComparison.Ordinal);
        await fixture.Get<ItemService>().DeleteAsync(fixture.Reporter, [draft]);
    }

    private static async Task<AdoptionForm> FirstChannelFormAsync(TestDatabase t)
    {
        await using var db = await t.Factory.CreateDbContextAsync();
        return await db.AdoptionForms.Where(f => f.Publication!.Name == "市总综合录用").FirstAsync();
    }

    private static string Truncate(string s) => s.Length > 120 ? s[..120] + "…" : s;

    [GeneratedRegex("[\u4e00-\u9fff]")]
    internal static partial Regex Cjk();
}

/// <summary>
/// The corpus database: a reporter, a reviewer and an admin; a draft with one attachment, a reported item, an
/// adopted item, an item with the maximum number of attachments, a deduction. Attachments limited to 64 KB.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public const int MaxFileBytes = 64 * 1024;
    public const string ExistingAttachmentName = "已有附件.txt";

    public TestDatabase Db { get; private set; } = default!;
    public Caller Reporter { get; private set; } = default!;
    public Caller Reviewer { get; private set; } = default!;
    public Caller Admin { get; private set; } = default!;
    public int UnitId { get; private set; }
    public int DraftId { get; private set; }
    public int DraftVersion { get; private set; }
    public int ReportedId { get; private set; }
    public int AdoptedId { get; private set; }
    public int FullItemId { get; private set; }
    public int DeductionId { get; private set; }
    public int PeriodicalId { get; private set; }
    public int PeriodicalFormId { get; private set; }
    public int ChannelId { get; private set; }
    public int ChannelFormId { get; private set; }

    public T Get<T>() where T : notnull => Db.Get<T>();

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(settings: new() { ["SmartUnion:Attachments:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Reporter = await Db.CreateUserAsync("bad-rep", "姑苏区总", Roles.Reporter);
        Reviewer = await Db.CreateUserAsync("bad-rev", "苏州市总工会", Roles.Reviewer);
        Admin = await Db.CreateUserAsync("bad-admin", "苏州市总工会", Roles.Admin);
        UnitId = Reporter.UnitId;
        await using (var db = await Db.Factory.CreateDbContextAsync())
        {
            var periodical = await db.AdoptionForms.Where(f => f.Publication!.Name == "《苏州工会信息》").FirstAsync();
            (PeriodicalId, PeriodicalFormId) = (periodical.PublicationId, periodical.Id);
            var channel = await db.AdoptionForms.Where(f => f.Publication!.Name == "市总综合录用").FirstAsync();
            (ChannelId, ChannelFormId) = (channel.PublicationId, channel.Id);
        }
        var items = Get<ItemService>();
        var attachments = Get<AttachmentService>();
        DraftId = (await items.CreateAsync(Reporter, new ItemInput { Title = "草稿", Body = "正文", Category = InfoCategory.General })).Id;
        await attachments.UploadAsync(Reporter, DraftId, ExistingAttachmentName, new MemoryStream("内容"u8.ToArray()));
        DraftVersion = (await items.GetForEditAsync(Reporter, DraftId)).Version;
        ReportedId = (await items.CreateAsync(Reporter, new ItemInput { Title = "已上报", Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(Reporter, [ReportedId]);
        AdoptedId = (await items.CreateAsync(Reporter, new ItemInput { Title = "已录用", Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(Reporter, [AdoptedId]);
        await Get<AdoptionService>().SaveAdoptionsAsync(Reviewer, AdoptedId, null, [new AdoptionChoice(ChannelId, ChannelFormId)]);
        FullItemId = (await items.CreateAsync(Reporter, new ItemInput { Title = "附件已满", Body = "正文", Category = InfoCategory.General })).Id;
        for (var i = 0; i < attachments.MaxFilesPerItem; i++)
            await attachments.UploadAsync(Reporter, FullItemId, $"附件{i}.txt", new MemoryStream("内容"u8.ToArray()));
        DeductionId = await Get<DeductionService>().CreateAsync(Reviewer, new DeductionInput(UnitId, 2, "原因", new DateOnly(2026, 11, 1)));
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    /// <summary>Row counts of every table, a hash of every row of every table, and the files of the attachment folder.</summary>
    public async Task<DatabaseState> StateAsync() => await DatabaseState.CaptureAsync(Db.Factory, Db.DataFolder.Attachments);
}

/// <summary>A snapshot of the whole database and the attachment folder, to compare before and after.</summary>
public sealed record DatabaseState(string Counts, string Hash, string Files)
{
    public static async Task<DatabaseState> CaptureAsync(IDbContextFactory<AppDbContext> factory, string attachmentFolder)
    {
        await using var db = await factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            // Ordinary tables only: a full-text index (virtual table, its shadow tables) is derived from Items.
            cmd.CommandText = "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new StringBuilder();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await cmd.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                    hash.AppendData(Encoding.UTF8.GetBytes((reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
            }
            counts.Append(table).Append('=').Append(rows).Append(' ');
        }
        var files = Directory.Exists(attachmentFolder)
            ? Directory.GetFiles(attachmentFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        return new DatabaseState(counts.ToString().Trim(), Convert.ToHexString(hash.GetHashAndReset()), $"{files.Count}: {string.Join(",", files)}");
    }
}

/// <summary>
/// The endpoints' share of the corpus: malformed query strings and ids answer 400 with a Chinese message (the report)
/// or 404 (the download), never a 500, and change nothing. Files with HTML or SVG content are kept verbatim but
/// only ever served as downloads with nosniff; titles with markup render as text.
/// </summary>
public class BadInputHttpTests(HttpAppFixture fixture, ITestOutputHelper output) : IClassFixture<HttpAppFixture>
{
    public static IEnumerable<object[]> EndpointCases() =>
        new (string Url, int Status)[]
        {
            ("/reports/monthly?month=abc", 400),
            ("/reports/monthly?month=0000-00", 400),
            ("/reports/monthly?month=2026-13", 400),
            ("/reports/monthly?month=2026-00", 400),
            ("/reports/monthly?month=2026-10&ytd=maybe", 400),
            ("/reports/monthly?month=2026-10&ytd=2", 400),
            ("/reports/monthly", 400),
            ("/reports/monthly?month=", 400),
            ("/reports/monthly?month=%00", 400),
            ("/reports/monthly?month=2026-10%00", 400),
            ("/reports/monthly?month=%E2%80%AE2026-10", 400),
            ("/reports/monthly?month=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400),
            ("/reports/monthly?month=%27%3B%20DROP%20TABLE%20Items%3B--", 400),
            ("/reports/monthly?month=1999-12", 400),
            ("/reports/monthly?month=9999-12", 400),
            ("/reports/monthly?month=" + new string('9', 5000), 400),
            ("/attachments/abc", 404),
            ("/attachments/-1", 404),
            ("/attachments/0", 404),
            ("/attachments/99999999999", 404),
            ("/attachments/1.5", 404),
            ("/attachments/%2e%2e%2fappsettings.json", 404),
            ("/attachments/..%2f..%2fapp.db", 404),
        }.Select(c => new object[] { c.Url, c.Status });

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await HttpLogin.SignInAsync(client, user);
        return client;
    }

    private Task<DatabaseState> StateAsync() => DatabaseState.CaptureAsync(
        fixture.App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>(),
        fixture.App.Services.GetRequiredService<SmartUnion.Domain.DataFolder>().Attachments);

    [Theory]
    [MemberData(nameof(EndpointCases))]
    public async Task AMalformedRequestGetsAClearAnswerAndChangesNothing(string url, int status)
    {
        var client = await SignedInAsync("shenhe");
        var before = await StateAsync();
        var response = await client.GetAsync(url);
        var body = await HttpLogin.DecodedAsync(response);
        output.WriteLine($"{url[..Math.Min(url.Length, 80)]} → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 120)]}");

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
            Assert.Matches(BadInputCorpusTests.Cjk(), body);
            Assert.True(body.Length < 200);
        }
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("页面.txt", "<html><body><script>alert(document.cookie)</script></body></html>", "text/plain")]
    [InlineData("图片.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>", "image/png")]
    [InlineData("文档.pdf", "<!DOCTYPE html><html><img src=x onerror=alert(1)></html>", "application/pdf")]
    public async Task HtmlOrSvgContentIsStoredVerbatimAndOnlyEverServedAsADownload(string fileName, string content, string contentType)
    {
        var services = fixture.App.Services;
        var gusuId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "gusu").Select(u => u.Id).SingleAsync());
        var gusu = (await services.GetRequiredService<CallerService>().FindAsync(gusuId))!;
        var item = await services.GetRequiredService<ItemService>().CreateAsync(gusu, new ItemInput { Title = "HTML内容附件", Body = "正文", Category = InfoCategory.General });
        var attachment = await services.GetRequiredService<AttachmentService>()
            .UploadAsync(gusu, item.Id, fileName, new MemoryStream(Encoding.UTF8.GetBytes(content)));

        var response = await (await SignedInAsync("gusu")).GetAsync($"/attachments/{attachment.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task MarkupInATitleOrBodyRendersAsTextOnTheDetailPage()
    {
        var services = fixture.App.Services;
        var gusuId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "gusu").Select(u => u.Id).SingleAsync());
        var gusu = (await services.GetRequiredService<CallerService>().FindAsync(gusuId))!;
        var parser = new HtmlParser();
        var client = await SignedInAsync("gusu");
        foreach (var text in BadInputCorpusTests.AcceptedTexts)
        {
            var item = await services.GetRequiredService<ItemService>().CreateAsync(gusu, new ItemInput { Title = text, Body = text, Category = InfoCategory.General });
            var html = await client.GetStringAsync($"/items/{item.Id}");
            var document = await parser.ParseDocumentAsync(html);

            var title = document.QuerySelector("#item-title");
            Assert.NotNull(title);
            Assert.Equal(text, title.TextContent.Trim());
            Assert.Empty(title.Children); // text, not elements
            Assert.Empty(document.QuerySelectorAll("img[onerror], b"));
            Assert.DoesNotContain(document.Scripts, s => s.Text.Contains("alert", StringComparison.Ordinal));
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        }
    }
}

/// <summary>
/// The 扣分分值 field of the 扣分 dialog parses text (MudNumericField): non-numbers, overflow and fractions must not
/// be saved, and the dialog must say why in Chinese.
/// </summary>
public class BadInputDialogTests : BunitContext, IAsyncLifetime
{
    public static readonly string[] Inputs = ["NaN", "Infinity", "1e9", "99999999999", "-99999999999", "abc", "1.5", "3; DROP TABLE Deductions", "<script>", "-0", "0x10", "１２"];

    private TestDatabase db = default!;
    private Caller reviewer = default!;
    private IReadOnlyList<UnitOption> units = [];

    public BadInputDialogTests()
    {
        Services.AddSingleton(_ => db.Get<DeductionService>());
        Services.AddSingleton<TimeProvider>(_ => db.Clock);
        Services.AddMudServices();
        // As in the app (WebServiceExtensions): MudBlazor's own texts, conversion errors included, in Chinese.
        Services.AddTransient<MudLocalizer, SmartUnion.Web.Services.ChineseMudLocalizer>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        reviewer = await db.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        units = await db.Get<DeductionService>().UnitsAsync(reviewer, forEditing: true);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await db.DisposeAsync();
    }

    public static IEnumerable<object[]> Cases() => Inputs.Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TextThatIsNotAValidPointCountIsNotSaved(string typed)
    {
        var service = db.Get<DeductionService>();
        var gusu = await db.UnitIdAsync("姑苏区总");
        var id = await service.CreateAsync(reviewer, new DeductionInput(gusu, 2, "原因", new DateOnly(2026, 11, 2)));
        var before = await DatabaseState.CaptureAsync(db.Factory, db.DataFolder.Attachments);

        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var existing = await service.GetAsync(reviewer, id);
        _ = provider.InvokeAsync(() => DeductionDialog.ShowAsync(dialogs, reviewer, units, existing));
        provider.WaitForElement("#deduction-save");
        await provider.Find("#deduction-points").ChangeAsync(new() { Value = typed });
        await provider.Find("#deduction-save").ClickAsync(new());

        provider.WaitForAssertion(() =>
        {
            var errors = provider.FindAll(".mud-input-error").Select(e => e.TextContent).Where(t => t.Length > 0).ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.True(BadInputCorpusTests.Cjk().IsMatch(e), "not Chinese: " + e));
        });
        Assert.NotEmpty(provider.FindAll("#deduction-dialog"));
        Assert.Equal(before, await DatabaseState.CaptureAsync(db.Factory, db.DataFolder.Attachments));
    }
}
