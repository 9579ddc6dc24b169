using Microsoft.AspNetCore.Components;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudIcon's markup as a string, for the light components (Components/Light): MudBlazor's look without a component
/// instance per icon (every component is held in memory by each open page's circuit; benchmarks/RESULTS.md, (d)).
/// Pinned to MudIcon by LightIconTests.
/// </summary>
public static class LightIcon
{
    /// <summary>MudIcon's classes for an SVG icon of the medium size.</summary>
    public const string Class = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    /// <summary>What MudIcon renders for an SVG icon (<c>Icons.Material.*</c>), with extra classes after MudIcon's own.</summary>
    public static MarkupString Svg(string icon, string? extraClass = null) =>
        new($"<svg class=\"{Class}{(extraClass is null ? "" : " " + extraClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
