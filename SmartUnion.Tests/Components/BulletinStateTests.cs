using Bunit;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Pages.Bulletin;

namespace SmartUnion.Tests.Components;

/// <summary>月度通报's state without a renderer (month, texts, preview, refusals), and its preview rendered by bunit.</summary>
public class BulletinStateTests : BunitTestBase
{
    private TestDatabase t = default!;
    private Caller reviewer = default!;

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync(); // today: 2026-11-26
        reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private BulletinState New() => new(t.Get<MonthlyBulletinService>(), reviewer, ChinaTime.Today(t.Clock));

    [Fact]
    public async Task ItOpensOnLastMonthAndThePreviewFollowsTheTextsUntilTheDownloadIsAllowed()
    {
        var state = New();
        Assert.Equal((2026, 10), (state.Year, state.Month));
        Assert.Empty(state.Preview);
        Assert.Equal("请先生成预览", await state.WriteAsync(Stream.Null, default));

        await state.LoadAsync();
        Assert.Null(state.Error);
        Assert.Equal("现将2026年10月全市工会信息报送、录用及积分情况通报如下。", state.Opening);
        Assert.False(state.CanDownload); // 下月报送要点 is required
        Assert.Equal(BulletinText.Sections, state.Preview.Where(b => b.Kind == BulletinBlockKind.Heading).Select(b => b.Text));

        state.NextMonthPoints = "第一点\n\n第二点";
        state.Opening = "本月开头";
        Assert.True(state.CanDownload);
        Assert.Equal(["第一点", "第二点"], state.Preview.SkipWhile(b => b.Text != BulletinText.Sections[4]).Skip(1).Select(b => b.Text));
        Assert.Contains(state.Preview, b => b.Text == "本月开头");

        // Another month keeps an edited opening; a default one follows the month.
        state.Month = 9;
        await state.LoadAsync();
        Assert.Equal("本月开头", state.Opening);
        state.Opening = "";
        await state.LoadAsync();
        Assert.StartsWith("现将2026年9月", state.Opening);

        using var output = new MemoryStream();
        Assert.Null(await state.WriteAsync(output, default));
        Assert.True(output.Length > 0);
    }

    [Fact]
    public async Task AFutureMonthShowsTheChineseMessageAndTooLongATextIsRefusedWithoutAFile()
    {
        var state = New();
        state.Month = 12;
        await state.LoadAsync();
        Assert.Equal(BulletinRequest.FutureMonthMessage, state.Error);
        Assert.Null(state.Data);

        state.Month = 10;
        await state.LoadAsync();
        state.NextMonthPoints = new string('要', BulletinEdits.PointsMaxLength + 1);
        using var output = new MemoryStream();
        Assert.Equal($"下月报送要点不能超过{BulletinEdits.PointsMaxLength}个字", await state.WriteAsync(output, default));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void ThePreviewRendersTheBlocksAsTheDocumentLaysThemOut()
    {
        BulletinBlock[] blocks =
        [
            new(BulletinBlockKind.Title, "苏州市总工会信息工作月度通报"),
            new(BulletinBlockKind.Masthead, "2026年第10期"),
            new(BulletinBlockKind.Heading, "一、总体情况"),
            new(BulletinBlockKind.SubHeading, "（一）县市区总工会"),
            new(BulletinBlockKind.Table, "县市区总工会", ["名次", "单位"], [["1", "姑苏区总"], ["2", "吴中区总"]]),
            new(BulletinBlockKind.Paragraph, "正文<b>不是标记</b>"),
        ];
        var cut = Render<BulletinPreview>(p => p.Add(x => x.Blocks, blocks));
        Assert.Equal("苏州市总工会信息工作月度通报", cut.Find("h2.su-bulletin-title").TextContent);
        Assert.Equal("一、总体情况", cut.Find("h3.su-bulletin-heading").TextContent);
        Assert.Equal(["名次", "单位"], cut.FindAll("table th").Select(th => th.TextContent));
        Assert.Equal(["1", "姑苏区总", "2", "吴中区总"], cut.FindAll("table td").Select(td => td.TextContent));
        Assert.Equal("县市区总工会", cut.Find("table").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("p.su-bulletin-paragraph b")); // text, never markup
    }
}
