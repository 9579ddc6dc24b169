using Bunit;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;

namespace SmartUnion.Tests.Components;

/// <summary>LightTextInput, the 关键字 field: MudTextField's markup (a search input), the text as typed and Enter reaching the caller.</summary>
public class LightTextInputTests : BunitTestBase
{
    [Fact]
    public void ItIsMudTextFieldsMarkupForASearchInput()
    {
        var mud = Render<MudTextField<string>>(p => p.Add(f => f.Label, "关键字").Add(f => f.Value, "工会").Add(f => f.Placeholder, "标题或正文中的文字")
            .Add(f => f.Margin, Margin.Dense).Add(f => f.InputType, InputType.Search).Add(f => f.Style, "min-width: 200px").AddUnmatched("id", "filter-keyword"));
        var light = Render(LightTextInput.Field(new object(), "filter-keyword", "关键字", "工会", _ => { }, () => Task.CompletedTask,
            "标题或正文中的文字", "min-width: 200px"));

        // Semantic comparison (AngleSharp's diff) without Blazor's event handler and element reference attributes.
        light.MarkupMatches(System.Text.RegularExpressions.Regex.Replace(mud.Markup, " blazor:[A-Za-z:]+(=\"[^\"]*\")?", ""));
        Assert.Equal("search", light.Find("#filter-keyword").GetAttribute("type"));
    }

    [Fact]
    public void TheTextAsTypedAndEnterReachTheCaller()
    {
        var typed = new List<string>();
        var entered = 0;
        var cut = Render(LightTextInput.Field(new object(), "filter-keyword", "关键字", null, typed.Add, () => { entered++; return Task.CompletedTask; }));

        cut.Find("#filter-keyword").Input("工");
        cut.Find("#filter-keyword").Input("工会");
        cut.Find("#filter-keyword").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "a" });
        cut.Find("#filter-keyword").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["工", "工会"], typed);
        Assert.Equal(1, entered);
    }
}
