using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudButton's and MudIconButton's markup as render fragments of the calling component: the same elements and classes
/// without the two component instances per button that each open page's circuit would hold (benchmarks/RESULTS.md, (d)).
/// Pinned to MudButton/MudIconButton by LightButtonTests.
/// </summary>
public static class LightButton
{
    /// <summary>The span around MudButton's icon and text.</summary>
    public const string LabelClass = "mud-button-label";

    /// <summary>The span around MudButton's start icon (medium size).</summary>
    public const string StartIconClass = "mud-button-icon-start mud-button-icon-size-medium";

    /// <summary>The span around MudIconButton's icon.</summary>
    public const string IconLabelClass = "mud-icon-button-label";

    /// <summary>MudButton's classes for a variant and a palette colour (medium size, ripple on).</summary>
    public static string ButtonClass(Variant variant, Color color)
    {
        var v = Name(variant);
        return $"mud-button-root mud-button mud-button-{v} mud-button-{v}-{Name(color)} mud-button-{v}-size-medium mud-ripple";
    }

    /// <summary>MudIconButton's classes for a colour (medium size, ripple on), with <see cref="Edge.Start"/> if asked.</summary>
    public static string IconButtonClass(Color color = Color.Default, Edge edge = Edge.False)
    {
        var colour = color == Color.Default ? "" : $" mud-{Name(color)}-text hover:mud-{Name(color)}-hover";
        var edgeClass = edge == Edge.False ? "" : $" mud-icon-button-edge-{Name(edge)}";
        return $"mud-button-root mud-icon-button{colour} mud-ripple mud-ripple-icon{edgeClass}";
    }

    /// <summary>What MudButton renders inside the button for a start icon and a label.</summary>
    public static RenderFragment Label(string icon, string label) => b => AddLabel(b, icon, label);

    /// <summary><c>&lt;MudButton Variant Color StartIcon OnClick Disabled id&gt;label&lt;/MudButton&gt;</c>.</summary>
    /// <param name="receiver">The calling component (re-renders after the click).</param>
    public static RenderFragment Button(object receiver, string id, string label, string icon, Variant variant, Color color,
        Func<Task> onClick, bool disabled = false) => b =>
    {
        b.OpenElement(0, "button");
        b.AddAttribute(1, "type", "button");
        b.AddAttribute(2, "id", id);
        b.AddAttribute(3, "disabled", disabled);
        b.AddAttribute(4, "class", ButtonClass(variant, color));
        b.AddAttribute(5, "onclick", EventCallback.Factory.Create<MouseEventArgs>(receiver, onClick));
        AddLabel(b, icon, label);
        b.CloseElement();
    };

    /// <summary><c>&lt;MudButton Href Variant Color StartIcon id&gt;label&lt;/MudButton&gt;</c>: a link that looks like a button.</summary>
    public static RenderFragment Link(string href, string id, string label, string icon, Variant variant, Color color) => b =>
    {
        b.OpenElement(0, "a");
        b.AddAttribute(1, "href", href);
        b.AddAttribute(2, "id", id);
        b.AddAttribute(3, "class", ButtonClass(variant, color));
        AddLabel(b, icon, label);
        b.CloseElement();
    };

    /// <summary><c>&lt;MudIconButton Icon aria-label title Disabled OnClick&gt;</c>.</summary>
    public static RenderFragment IconButton(object receiver, string label, string icon, Func<Task> onClick, bool disabled = false,
        string? extraClass = null) => b =>
    {
        b.OpenElement(0, "button");
        b.AddAttribute(1, "type", "button");
        b.AddAttribute(2, "class", extraClass is null ? IconButtonClass() : IconButtonClass() + " " + extraClass);
        b.AddAttribute(3, "aria-label", label);
        b.AddAttribute(4, "title", label);
        b.AddAttribute(5, "disabled", disabled);
        b.AddAttribute(6, "onclick", EventCallback.Factory.Create<MouseEventArgs>(receiver, onClick));
        b.OpenElement(7, "span");
        b.AddAttribute(8, "class", IconLabelClass);
        b.AddContent(9, LightIcon.Svg(icon));
        b.CloseElement();
        b.CloseElement();
    };

    private static void AddLabel(RenderTreeBuilder b, string icon, string label)
    {
        b.OpenElement(20, "span");
        b.AddAttribute(21, "class", LabelClass);
        b.OpenElement(22, "span");
        b.AddAttribute(23, "class", StartIconClass);
        b.AddContent(24, LightIcon.Svg(icon));
        b.CloseElement();
        b.AddContent(25, label);
        b.CloseElement();
    }

    internal static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
