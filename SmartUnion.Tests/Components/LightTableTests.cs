using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;
using static SmartUnion.Tests.Components.LightMarkup;

namespace SmartUnion.Tests.Components;

/// <summary>LightTable's classes are MudTable's, MudTh's, MudTd's, MudTableSortLabel's, MudLink's and MudText's.</summary>
public class LightTableTests : BunitTestBase
{
    public sealed record Row(int Id, string Name);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheTablesClassesAreMudTables(bool bordered)
    {
        var mud = Render<MudTable<Row>>(p => p
            .Add(t => t.Items, [new Row(1, "姑苏区总")])
            .Add(t => t.Dense, true).Add(t => t.Hover, true).Add(t => t.Bordered, bordered)
            .Add(t => t.HeaderContent, (RenderFragment)(b => { b.OpenComponent<MudTh>(0); b.AddComponentParameter(1, "ChildContent", (RenderFragment)(c => c.AddContent(0, "单位"))); b.CloseComponent(); }))
            .Add(t => t.RowTemplate, r => b => { b.OpenComponent<MudTd>(0); b.AddComponentParameter(1, "ChildContent", (RenderFragment)(c => c.AddContent(0, r.Name))); b.CloseComponent(); }));

        Assert.Equal(Classes(mud.Find("div.mud-table")), Sorted(LightTable.RootClass(bordered)));
        Assert.Equal(Classes(mud.Find(".mud-table > div")), Sorted(LightTable.Container));
        Assert.Equal(Classes(mud.Find("table")), Sorted(LightTable.Table));
        Assert.Equal(Classes(mud.Find("thead")), Sorted(LightTable.Head));
        Assert.Equal(Classes(mud.Find("tbody")), Sorted(LightTable.Body));
        Assert.Equal(Classes(mud.Find("tbody tr")), Sorted(LightTable.Row));
        Assert.Equal(Classes(mud.Find("thead tr")), Sorted(LightTable.Row));
        Assert.Equal(Classes(mud.Find("th")), Sorted(LightTable.Cell));
        Assert.Equal(Classes(mud.Find("td")), Sorted(LightTable.Cell));
        Assert.Equal("单位", mud.Find("td").GetAttribute("data-label") ?? "单位");
    }

    [Theory]
    [InlineData(SortDirection.None, "none")]
    [InlineData(SortDirection.Ascending, "asc")]
    [InlineData(SortDirection.Descending, "desc")]
    public void TheSortLabelIsMudTableSortLabels(SortDirection direction, string name)
    {
        var mud = Render<MudTable<Row>>(p => p
            .Add(t => t.Items, [new Row(1, "姑苏区总")])
            .Add(t => t.HeaderContent, (RenderFragment)(b =>
            {
                b.OpenComponent<MudTh>(0);
                b.AddComponentParameter(1, "ChildContent", (RenderFragment)(c =>
                {
                    c.OpenComponent<MudTableSortLabel<Row>>(0);
                    c.AddComponentParameter(1, "SortBy", (Func<Row, object>)(r => r.Name));
                    c.AddComponentParameter(2, "InitialDirection", direction);
                    c.AddComponentParameter(3, "ChildContent", (RenderFragment)(d => d.AddContent(0, "公文标题")));
                    c.CloseComponent();
                }));
                b.CloseComponent();
            }))
            .Add(t => t.RowTemplate, r => b => b.AddContent(0, r.Name)));

        Assert.Equal(Classes(mud.Find(".mud-table-sort-label")), Sorted(LightTable.SortLabel));
        Assert.Equal(Classes(mud.Find(".mud-table-sort-label svg")), Sorted(LightIcon.Class + " " + LightTable.SortIconClass(name)));
    }

    [Fact]
    public void TheLinkAndTextClassesAreMudLinksAndMudTexts()
    {
        var link = Render<MudLink>(p => p.Add(l => l.Href, "items/1").Add(l => l.Color, Color.Info).Add(l => l.Underline, Underline.Hover).AddChildContent("标题"));
        Assert.Equal(Classes(link.Find("a")), Sorted(LightTable.LinkClass(Color.Info)));
        foreach (var typo in new[] { Typo.h6, Typo.body2 })
        {
            var text = Render<MudText>(p => p.Add(t => t.Typo, typo).AddChildContent("苏州"));
            Assert.Equal(Classes(text.Find(".mud-typography")), Sorted(LightTable.TextClass(typo)));
        }
        var secondary = Render<MudText>(p => p.Add(t => t.Typo, Typo.body2).Add(t => t.Color, Color.Secondary).AddChildContent("没有"));
        Assert.Equal(Classes(secondary.Find("p")), Sorted(LightTable.TextClass(Typo.body2) + " mud-secondary-text"));
    }

    private static string[] Sorted(string classes) => classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
}
