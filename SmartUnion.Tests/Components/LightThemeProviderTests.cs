using Bunit;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;

namespace SmartUnion.Tests.Components;

/// <summary>LightThemeProvider: MudThemeProvider's markup, its style sheet one shared string per theme and mode.</summary>
public class LightThemeProviderTests : BunitTestBase
{
    private static readonly MudTheme Theme = new() { PaletteLight = new PaletteLight { Primary = "#c62828" }, PaletteDark = new PaletteDark { Primary = "#ef5350" } };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ItRendersWhatMudThemeProviderRenders(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, Theme).Add(t => t.IsDarkMode, dark));
        var light = Render<LightThemeProvider>(p => p.Add(t => t.Theme, Theme).Add(t => t.IsDarkMode, dark));

        Assert.Equal(mud.Markup, light.Markup);
        Assert.Contains(dark ? "--mud-palette-primary: rgba(239,83,80,1);" : "--mud-palette-primary: rgba(198,40,40,1);", light.Markup);
    }

    [Fact]
    public void SwitchingTheModeSwitchesTheStyleSheet()
    {
        var cut = Render<LightThemeProvider>(p => p.Add(t => t.Theme, Theme).Add(t => t.IsDarkMode, false));
        var lightSheet = cut.Markup;

        cut.Render(p => p.Add(t => t.IsDarkMode, true));

        Assert.NotEqual(lightSheet, cut.Markup);
        Assert.Contains("--mud-palette-primary: rgba(239,83,80,1);", cut.Markup);
    }

    [Fact]
    public void EveryPageHoldsTheSameStyleSheetString()
    {
        var first = Render<LightThemeProvider>(p => p.Add(t => t.Theme, Theme));
        var second = Render<LightThemeProvider>(p => p.Add(t => t.Theme, Theme));

        Assert.Same(first.Instance.StyleSheet, second.Instance.StyleSheet);
        Assert.NotNull(first.Instance.StyleSheet);
        Assert.Equal(first.Instance.StyleSheet, first.Markup);
    }
}
