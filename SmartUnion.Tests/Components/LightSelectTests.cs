using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;
using static SmartUnion.Tests.Components.LightMarkup;

namespace SmartUnion.Tests.Components;

/// <summary>LightSelect, the filter select: MudSelect's markup over the browser's own select, its choice reaching the caller.</summary>
public class LightSelectTests : BunitTestBase
{
    private static readonly string[] Units = ["全部", "姑苏区总", "吴中区总", "<新>单位 & \"A\""];

    private sealed class Host : ComponentBase
    {
        [Parameter] public string? Value { get; set; }
        public List<string?> Chosen { get; } = [];

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, LightSelect.Select<string?>(this, "filter-unit", "报送工会", Units, Value, u => u ?? "", u =>
            {
                Chosen.Add(u);
                Value = u;
                return Task.CompletedTask;
            }, "min-width: 160px"));
    }

    [Fact]
    public void ItIsMudSelectsMarkupWithTheBrowsersSelectAsTheInput()
    {
        var mud = Render<MudSelect<string>>(p => p.Add(f => f.Label, "报送工会").Add(f => f.Value, "吴中区总")
            .AddUnmatched("id", "filter-unit").AddUnmatched("style", "min-width: 160px"));
        var light = Render<Host>(p => p.Add(h => h.Value, "吴中区总"));

        AssertSame(mud.Find("div.mud-select"), light.Find("div.mud-select"));
        AssertSame(mud.Find(".mud-input-control"), light.Find(".mud-input-control"), "style");
        AssertSame(mud.Find(".mud-input-control-input-container"), light.Find(".mud-input-control-input-container"));
        AssertSame(mud.Find(".mud-input-control-input-container > .mud-input"), light.Find(".mud-input-control-input-container > .mud-input"));
        // MudSelect's read-only text input and the native select carry the same input-slot classes (and su-select-native).
        Assert.Equal(Classes(mud.Find("input#filter-unit")), Classes(light.Find("select#filter-unit")));
        Assert.Contains("su-select-native", light.Find("select#filter-unit").ClassList);
        AssertSame(mud.Find(".mud-input-adornment"), light.Find(".mud-input-adornment"));
        AssertSame(mud.Find(".mud-input-adornment svg"), light.Find(".mud-input-adornment svg"), "viewBox", "aria-hidden", "tabindex");
        Assert.Equal(mud.Find(".mud-input-adornment svg").InnerHtml, light.Find(".mud-input-adornment svg").InnerHtml);
        AssertSame(mud.Find("label"), light.Find("label"), "for");
        Assert.Equal("报送工会", light.Find("label").TextContent);
    }

    [Fact]
    public void TheOptionsAreTheChoicesInOrderWithTheValueSelectedAndTheirTextEncoded()
    {
        var cut = Render<Host>(p => p.Add(h => h.Value, "吴中区总"));

        var select = cut.Find("select");
        Assert.Equal("2", select.GetAttribute("value"));
        Assert.Equal<string>(Units, cut.FindAll("option").Select(o => o.TextContent).ToArray());
        Assert.Equal(["0", "1", "2", "3"], cut.FindAll("option").Select(o => o.GetAttribute("value") ?? "").ToArray());
        // Chinese as it is, markup characters encoded: a unit name never becomes markup.
        var markup = LightSelect.OptionsMarkup(Units, u => u);
        Assert.Contains(">姑苏区总<", markup);
        Assert.Contains("&lt;新&gt;单位 &amp; &quot;A&quot;", markup);
    }

    [Fact]
    public void ChoosingAnOptionGivesItsValueToTheCaller()
    {
        var cut = Render<Host>(p => p.Add(h => h.Value, null));

        cut.Find("select").Change("1");
        cut.Find("select").Change("3");

        Assert.Equal<string?>(["姑苏区总", "<新>单位 & \"A\""], cut.Instance.Chosen);
        Assert.Equal("3", cut.Find("select").GetAttribute("value"));
    }

    [Fact]
    public void AValueThatIsNotAnOptionIndexChangesNothing()
    {
        var cut = Render<Host>(p => p.Add(h => h.Value, "姑苏区总"));

        cut.Find("select").Change("9");
        cut.Find("select").Change("-1");
        cut.Find("select").Change("x");

        Assert.Empty(cut.Instance.Chosen);
    }

    [Fact]
    public void PagesWithTheSameChoicesShareOneOptionsString()
    {
        var first = LightSelect.OptionsMarkup(new List<string>(Units), u => u);
        var second = LightSelect.OptionsMarkup(new List<string>(Units), u => u);

        Assert.Same(first, second);
    }
}
