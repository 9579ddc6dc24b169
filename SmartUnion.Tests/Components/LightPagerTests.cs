using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web;
using SmartUnion.Web.Components.Light;
using SmartUnion.Web.Services;
using static SmartUnion.Tests.Components.LightMarkup;

namespace SmartUnion.Tests.Components;

/// <summary>LightPager, the pager of every list, renders MudTablePager's markup with its Chinese texts, and pages.</summary>
public class LightPagerTests : BunitTestBase
{
    public sealed record Row(int Id);

    public LightPagerTests() => Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();

    private static readonly string[] Parts =
    [
        ".mud-table-pagination", ".mud-table-pagination-toolbar", ".mud-table-pagination-spacer", ".mud-table-pagination-display",
        ".mud-table-pagination-caption", ".mud-table-page-number-information", ".mud-table-pagination-actions",
    ];

    [Fact]
    public void ItIsMudTablePagersMarkupWithTheSameChineseTexts()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = WebServiceExtensions.Culture;
        var mud = Render<MudTable<Row>>(p => p
            .Add(t => t.Items, Enumerable.Range(1, 25).Select(i => new Row(i)).ToList())
            .Add(t => t.RowsPerPage, 20)
            .Add(t => t.RowTemplate, r => b => b.AddContent(0, r.Id))
            .Add(t => t.PagerContent, (RenderFragment)(b => { b.OpenComponent<MudTablePager>(0); b.AddComponentParameter(1, "PageSizeOptions", new[] { 20, 50, 100 }); b.CloseComponent(); })));
        var light = Render<LightPager>(p => p.Add(x => x.Page, 0).Add(x => x.PageSize, 20).Add(x => x.TotalCount, 25).Add(x => x.PageSizes, [20, 50, 100]));

        foreach (var part in Parts)
            Assert.Equal(Classes(mud.Find(part)), Classes(light.Find(part)));
        Assert.Equal(mud.Find(".mud-table-pagination-toolbar").GetAttribute("role"), light.Find(".mud-table-pagination-toolbar").GetAttribute("role"));
        Assert.Equal(mud.Find(".mud-table-page-number-information").TextContent.Trim(), light.Find(".mud-table-page-number-information").TextContent.Trim());
        Assert.Equal(mud.Find(".mud-table-pagination-caption").TextContent.Trim(), light.Find(".mud-table-pagination-caption").TextContent.Trim());

        var mudButtons = mud.FindAll(".mud-table-pagination-actions button");
        var lightButtons = light.FindAll(".mud-table-pagination-actions button");
        Assert.Equal(["首页", "上一页", "下一页", "末页"], mudButtons.Select(b => b.GetAttribute("aria-label") ?? "").ToArray());
        Assert.Equal(mudButtons.Select(b => b.GetAttribute("aria-label")), lightButtons.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(mudButtons.Select(b => b.HasAttribute("disabled")), lightButtons.Select(b => b.HasAttribute("disabled")));
        for (var i = 0; i < 4; i++)
        {
            // MudTablePager adds classes of its own to MudIconButton's (mud-flip-x-rtl, for right-to-left pages): the light
            // buttons have MudIconButton's (LightButtonTests), and every one of them is on MudTablePager's.
            Assert.Equal(mudButtons[i].TagName, lightButtons[i].TagName);
            Assert.Equal(mudButtons[i].GetAttribute("type"), lightButtons[i].GetAttribute("type"));
            Assert.Empty(Classes(lightButtons[i]).Except(Classes(mudButtons[i])));
            Assert.Contains("mud-icon-button", Classes(lightButtons[i]));
            AssertSame(mudButtons[i].QuerySelector("svg")!, lightButtons[i].QuerySelector("svg")!, "viewBox");
            Assert.Equal(mudButtons[i].QuerySelector("svg")!.InnerHtml, lightButtons[i].QuerySelector("svg")!.InnerHtml);
        }
    }

    [Fact]
    public void ItAsksForTheClickedPageWithinTheRangeAndForAnOfferedPageSize()
    {
        var pages = new List<int>();
        var sizes = new List<int>();
        var cut = Render<LightPager>(p => p.Add(x => x.Page, 1).Add(x => x.PageSize, 10).Add(x => x.TotalCount, 45)
            .Add(x => x.PageChanged, (int page) => pages.Add(page)).Add(x => x.PageSizeChanged, (int size) => sizes.Add(size)));
        Assert.Equal("第 11-20 条，共 45 条", cut.Find("#page-info").TextContent);

        foreach (var label in new[] { "首页", "上一页", "下一页", "末页" })
            cut.Find($"button[aria-label='{label}']").Click();
        Assert.Equal([0, 0, 2, 4], pages);

        cut.Find("#page-size").Change("50");
        cut.Find("#page-size").Change("100000");
        Assert.Equal([50], sizes);
    }

    [Fact]
    public void ALowerBoundSaysSoAndOffersThePagesItCovers()
    {
        var pages = new List<int>();
        var cut = Render<LightPager>(p => p.Add(x => x.PageSize, 20).Add(x => x.TotalCount, 1000).Add(x => x.TotalIsLowerBound, true)
            .Add(x => x.PageChanged, (int page) => pages.Add(page)));
        Assert.Equal("第 1-20 条，共 1000+ 条（统计中）", cut.Find("#page-info").TextContent);
        cut.Find("button[aria-label='末页']").Click();
        Assert.Equal([49], pages);
    }

    [Fact]
    public void AnEmptyListOrALoadingOneDisablesThePager()
    {
        var empty = Render<LightPager>(p => p.Add(x => x.PageSize, 20).Add(x => x.TotalCount, 0));
        Assert.Equal("共 0 条", empty.Find("#page-info").TextContent);
        Assert.All(empty.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));

        var loading = Render<LightPager>(p => p.Add(x => x.Page, 1).Add(x => x.PageSize, 20).Add(x => x.TotalCount, 100).Add(x => x.Disabled, true));
        Assert.All(loading.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }
}
