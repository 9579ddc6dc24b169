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

    /// <summary>Without MudBlazor's generated ids and Blazor's event handler ids.</summary>
    private static string Normalized(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, "(id|for|blazor:[A-Za-z]+)=\"[^\"]*\"", "$1=\"\"");
}
