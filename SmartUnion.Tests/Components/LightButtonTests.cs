using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;
using static SmartUnion.Tests.Components.LightMarkup;

namespace SmartUnion.Tests.Components;

/// <summary>LightButton and LightIcon render what MudButton, MudIconButton and MudIcon render (MudBlazor upgrades fail here).</summary>
public class LightButtonTests : BunitTestBase
{
    [Theory]
    [InlineData(Variant.Filled, Color.Primary)]
    [InlineData(Variant.Outlined, Color.Primary)]
    [InlineData(Variant.Outlined, Color.Error)]
    [InlineData(Variant.Outlined, Color.Success)]
    [InlineData(Variant.Outlined, Color.Warning)]
    [InlineData(Variant.Text, Color.Inherit)]
    public void AButtonIsMudButtonsMarkup(Variant variant, Color color)
    {
        var mud = Render<MudButton>(p => p.Add(b => b.Variant, variant).Add(b => b.Color, color)
            .Add(b => b.StartIcon, Icons.Material.Filled.Search).AddChildContent("搜索"));
        var clicks = 0;
        var light = Render(LightButton.Button(new object(), "search-button", "搜索", Icons.Material.Filled.Search, variant, color,
            () => { clicks++; return Task.CompletedTask; }));

        AssertSameButton(mud.Find("button"), light.Find("button"));
        Assert.Equal("搜索", light.Find("button").TextContent);
        light.Find("button").Click();
        Assert.Equal(1, clicks);
    }

    [Fact]
    public void ADisabledButtonIsDisabledAsMudButtonIs()
    {
        var mud = Render<MudButton>(p => p.Add(b => b.Disabled, true).Add(b => b.StartIcon, Icons.Material.Filled.Send).AddChildContent("上报"));
        var light = Render(LightButton.Button(new object(), "report", "上报", Icons.Material.Filled.Send, Variant.Text, Color.Default,
            () => Task.CompletedTask, disabled: true));
        Assert.True(mud.Find("button").HasAttribute("disabled"));
        Assert.True(light.Find("button").HasAttribute("disabled"));
    }

    [Fact]
    public void ALinkButtonIsMudButtonsMarkupWithAnHref()
    {
        var mud = Render<MudButton>(p => p.Add(b => b.Href, "items/new").Add(b => b.Variant, Variant.Filled).Add(b => b.Color, Color.Primary)
            .Add(b => b.StartIcon, Icons.Material.Filled.Add).AddChildContent("新增"));
        var light = Render(LightButton.Link("items/new", "add-item", "新增", Icons.Material.Filled.Add, Variant.Filled, Color.Primary));
        AssertSameButton(mud.Find("a"), light.Find("a"));
        AssertSame(mud.Find("a"), light.Find("a"), "href");
    }

    [Theory]
    [InlineData(Color.Default, Edge.False)]
    [InlineData(Color.Inherit, Edge.False)]
    [InlineData(Color.Inherit, Edge.Start)]
    public void AnIconButtonIsMudIconButtonsMarkup(Color color, Edge edge)
    {
        var mud = Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.Menu).Add(b => b.Color, color).Add(b => b.Edge, edge));
        Assert.Equal(Classes(mud.Find("button")), LightButton.IconButtonClass(color, edge).Split(' ').Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void AnIconButtonFragmentIsMudIconButtonsMarkup()
    {
        var mud = Render<MudIconButton>(p => p.Add(b => b.Icon, Icons.Material.Filled.FirstPage).AddUnmatched("aria-label", "首页"));
        var light = Render(LightButton.IconButton(new object(), "首页", Icons.Material.Filled.FirstPage, () => Task.CompletedTask));
        AssertSame(mud.Find("button"), light.Find("button"), "type", "aria-label");
        AssertSame(mud.Find("button > span"), light.Find("button > span"));
        AssertSame(mud.Find("svg"), light.Find("svg"), "viewBox", "focusable", "aria-hidden", "role");
    }

    [Fact]
    public void AnIconIsMudIconsMarkup()
    {
        var mud = Render<MudIcon>(p => p.Add(i => i.Icon, Icons.Material.Filled.Add));
        var light = Render((RenderFragment)(b => b.AddContent(0, LightIcon.Svg(Icons.Material.Filled.Add))));
        AssertSame(mud.Find("svg"), light.Find("svg"), "viewBox", "focusable", "aria-hidden", "role");
        Assert.Equal(mud.Find("svg").InnerHtml, light.Find("svg").InnerHtml);
    }

    private static void AssertSameButton(AngleSharp.Dom.IElement mud, AngleSharp.Dom.IElement light)
    {
        AssertSame(mud, light, mud.TagName == "BUTTON" ? ["type"] : []);
        AssertSame(mud.QuerySelector(".mud-button-label")!, light.QuerySelector(".mud-button-label")!);
        AssertSame(mud.QuerySelector(".mud-button-icon-start")!, light.QuerySelector(".mud-button-icon-start")!);
        AssertSame(mud.QuerySelector("svg")!, light.QuerySelector("svg")!, "viewBox", "focusable", "aria-hidden", "role");
    }
}
