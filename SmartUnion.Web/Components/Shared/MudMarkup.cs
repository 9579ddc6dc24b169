using Microsoft.AspNetCore.Components;

namespace SmartUnion.Web.Components.Shared;

/// <summary>
/// MudBlazor's markup written as strings, for pages that render it themselves rather than as components (every component
/// is held in memory by each open page's circuit; benchmarks/RESULTS.md, (d)).
/// </summary>
public static class MudMarkup
{
    /// <summary>What MudIcon renders for an SVG icon (<c>Icons.Material.*</c>), with extra classes after MudIcon's own.</summary>
    public static MarkupString Icon(string icon, string? extraClass = null) =>
        new($"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium{(extraClass is null ? "" : " " + extraClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
