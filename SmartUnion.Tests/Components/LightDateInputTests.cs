using Bunit;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;

namespace SmartUnion.Tests.Components;

/// <summary>LightDateInput, the one date input: a MudTextField of the browser's date input, typed or picked, validated like any field.</summary>
public class LightDateInputTests : BunitTestBase
{
    [Fact]
    public void ItIsAMudTextFieldOfTheBrowsersDateInput()
    {
        var mud = Render<MudTextField<DateTime?>>(p => p.Add(f => f.Label, "开始日期").Add(f => f.Value, new DateTime(2026, 11, 26))
            .Add(f => f.InputType, InputType.Date).Add(f => f.Format, "yyyy-MM-dd").Add(f => f.ShrinkLabel, true));
        var light = Render<LightDateInput>(p => p.Add(f => f.Label, "开始日期").Add(f => f.Value, new DateTime(2026, 11, 26)));

        Assert.Equal(Normalized(mud.Markup), Normalized(light.Markup));
        var input = light.Find("input");
        Assert.Equal("date", input.GetAttribute("type"));
        Assert.Equal("2026-11-26", input.GetAttribute("value"));
    }

    [Fact]
    public void ADateTypedOrPickedReachesTheBoundValue()
    {
        DateTime? value = null;
        var cut = Render<LightDateInput>(p => p.Add(f => f.Label, "结束日期").Add(f => f.ValueChanged, (DateTime? v) => value = v)
            .AddUnmatched("id", "filter-to"));
        cut.Find("#filter-to").Change("2026-03-05");
        Assert.Equal(new DateTime(2026, 3, 5), value);
        cut.Find("#filter-to").Change("");
        Assert.Null(value);
    }

    [Fact]
    public async Task ARequiredDateLeftEmptyShowsTheChineseMessageInAForm()
    {
        MudForm form = default!;
        var cut = Render<MudForm>(p => p.AddChildContent<LightDateInput>(f => f.Add(x => x.Label, "扣分日期")
            .Add(x => x.Required, true).Add(x => x.RequiredError, "请选择扣分日期")));
        form = cut.Instance;
        await cut.InvokeAsync(form.ValidateAsync);
        Assert.False(form.IsValid);
        Assert.Contains("请选择扣分日期", cut.Markup);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("结束日期不能早于开始日期")]
    public void TheFieldFragmentIsTheSameMarkupAsTheComponent(string? error)
    {
        var component = Render<LightDateInput>(p => p.Add(f => f.Label, "报送结束日期").Add(f => f.Value, new DateTime(2026, 11, 26))
            .Add(f => f.Style, "max-width: 170px").AddUnmatched("id", "filter-to").Add(f => f.Error, error is not null).Add(f => f.ErrorText, error));
        var fragment = Render(LightDateInput.Field(new object(), "filter-to", "报送结束日期", new DateTime(2026, 11, 26), _ => Task.CompletedTask,
            "max-width: 170px", error));

        // Semantic comparison (AngleSharp's diff): the same elements, attributes and texts.
        fragment.MarkupMatches(WithoutBlazorAttributes(component.Markup));
        Assert.Contains("for=\"filter-to\"", fragment.Markup);
    }

    [Fact]
    public void ADateTypedOrPickedInTheFieldFragmentReachesTheCaller()
    {
        var values = new List<DateTime?>();
        var cut = Render(LightDateInput.Field(new object(), "filter-from", "报送开始日期", null, v => { values.Add(v); return Task.CompletedTask; }));

        cut.Find("#filter-from").Change("2026-03-05");
        cut.Find("#filter-from").Change("");
        cut.Find("#filter-from").Change("2026-02-30");

        Assert.Equal([new DateTime(2026, 3, 5), null, null], values);
    }

    /// <summary>Without Blazor's event handler and element reference attributes (a fragment has no handlers of MudInput's).</summary>
    private static string WithoutBlazorAttributes(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, " blazor:[A-Za-z:]+(=\"[^\"]*\")?", "");

    /// <summary>Without MudBlazor's generated ids and Blazor's event handler ids.</summary>
    private static string Normalized(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, "(id|for|blazor:[A-Za-z]+)=\"[^\"]*\"", "$1=\"\"");
}
