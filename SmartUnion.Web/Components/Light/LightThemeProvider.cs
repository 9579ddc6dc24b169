using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudThemeProvider with its style sheets built once per theme and mode and shared by every circuit. MudThemeProvider
/// writes the theme's CSS variables (~30,000 characters) into a new string on every render, and each open page's
/// circuit kept its own copy (60 KB) in its render tree (benchmarks/RESULTS.md, (d)). Its output is captured once (it is
/// markup only) and rendered as one shared markup block; the same markup (LightThemeProviderTests).
/// </summary>
public sealed class LightThemeProvider : MudThemeProvider
{
    // Per theme instance: the output for light / dark mode, with and without MudBlazor's scroll bar, captured on first use.
    private static readonly ConditionalWeakTable<MudTheme, string?[]> Captured = new();

    // The mode as last given (MudThemeProvider keeps its own in a parameter state that a subclass may not read).
    private bool dark;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (parameters.TryGetValue<bool>(nameof(IsDarkMode), out var value)) dark = value;
        return base.SetParametersAsync(parameters);
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (StyleSheet is { } shared) builder.AddMarkupContent(0, shared);
        else base.BuildRenderTree(builder);
    }

    /// <summary>What MudThemeProvider renders for this theme and mode, the same string instance on every page (null: not markup only).</summary>
    public string? StyleSheet
    {
        get
        {
            if (Theme is null) return null;
            var outputs = Captured.GetValue(Theme, _ => new string?[4]);
            var index = (dark ? 1 : 0) + (DefaultScrollbar ? 2 : 0);
            return outputs[index] ??= Capture();
        }
    }

    /// <summary>MudThemeProvider's own render output as one markup string, or null when it holds anything but markup and text.</summary>
    private string? Capture()
    {
        // Reading a render tree's frames is what a renderer does; here only to copy markup that MudThemeProvider just built.
#pragma warning disable BL0006
        var builder = new RenderTreeBuilder();
        base.BuildRenderTree(builder);
        var frames = builder.GetFrames();
        var html = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            switch (frame.FrameType)
            {
                case RenderTreeFrameType.Markup: html.Append(frame.MarkupContent); break;
                case RenderTreeFrameType.Text: html.Append(HtmlEncoder.Default.Encode(frame.TextContent)); break;
                default: return null;
            }
        }
#pragma warning restore BL0006
        return html.ToString();
    }
}
