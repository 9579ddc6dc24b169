using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudSelect's markup (Variant.Text with a label and the arrow) over the browser's own <c>&lt;select&gt;</c>, as a render
/// fragment of the calling component. A MudSelect is about eleven component instances (the select, its input, input
/// control, label, popover, overlay, icon and cascading values) that every open page's circuit holds for as long as it is
/// open; the three filter selects of 公文信息 were a third of a list circuit's components (benchmarks/RESULTS.md, (d)).
/// The options are one markup block, shared by every page that shows the same options (see <see cref="OptionsMarkup"/>),
/// and the browser's own list opens them: typed-ahead by keyboard, no round trip to open. Pinned to MudSelect by
/// LightSelectTests. For short lists chosen from on one screen (filters); dialogs keep MudSelect.
/// </summary>
public static class LightSelect
{
    /// <summary>The outer element's classes, MudSelect's own.</summary>
    public const string RootClass = "mud-select";

    /// <summary>MudSelect's input control with a label.</summary>
    public const string ControlClass = "mud-input-control mud-input-text-with-label mud-select";

    /// <summary>MudSelect's input (Variant.Text, the arrow adornment at the end, the label shrunk above the value).</summary>
    public const string InputClass = "mud-input mud-input-text mud-input-text-with-label mud-input-adorned-end mud-input-underline mud-shrink "
        + "mud-typography-subtitle1 mud-select-input mud-input-sizing-fixed";

    /// <summary>MudSelect's input slot, on the native select (su-select-native: no native arrow, the adornment's instead).</summary>
    public const string SlotClass = "mud-input-slot mud-input-root mud-input-root-text mud-input-root-adorned-end mud-select-input su-select-native";

    /// <summary>MudSelect's label above the value.</summary>
    public const string LabelClass = "mud-input-label mud-input-label-animated mud-input-label-text mud-input-label-inputcontrol";

    /// <summary>MudSelect's arrow (Icons.Material.Filled.ArrowDropDown) as its end adornment renders it.</summary>
    public static readonly MarkupString Adornment = new(
        "<div class=\"mud-input-adornment mud-input-adornment-end\"><svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium "
        + "mud-input-adornment-icon\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\" tabindex=\"-1\">"
        + "<path d=\"M0 0h24v24H0z\" fill=\"none\"/><path d=\"M7 10l5 5 5-5z\"/></svg></div>");

    /// <summary>
    /// <c>&lt;MudSelect T Label Value ValueChanged ToStringFunc id Style&gt;</c> with one item per option.
    /// </summary>
    /// <param name="receiver">The calling component (re-renders after the change).</param>
    /// <param name="options">The choices, in order; <paramref name="value"/> should be one of them (otherwise the first shows).</param>
    public static RenderFragment Select<T>(object receiver, string id, string label, IReadOnlyList<T> options, T value,
        Func<T, string> text, Func<T, Task> onChange, string? style = null) => b =>
    {
        var selected = IndexOf(options, value);
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", RootClass);
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", ControlClass);
        b.AddAttribute(4, "style", style);
        b.OpenElement(5, "div");
        b.AddAttribute(6, "class", "mud-input-control-input-container");
        b.OpenElement(7, "div");
        b.AddAttribute(8, "class", InputClass);
        b.OpenElement(9, "select");
        b.AddAttribute(10, "class", SlotClass);
        b.AddAttribute(11, "id", id);
        b.AddAttribute(12, "value", selected.ToString(CultureInfo.InvariantCulture));
        b.AddAttribute(13, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver, e =>
            int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < options.Count
                ? onChange(options[index]) : Task.CompletedTask));
        // Blazor sets a select's value after inserting its options as an opaque markup block; the markup does not depend on
        // the value, so a change of value is one attribute in the render batch and the options stay as they are.
        b.AddMarkupContent(14, OptionsMarkupOf(options, text));
        b.CloseElement();
        b.AddContent(15, Adornment);
        b.CloseElement();
        b.OpenElement(16, "label");
        b.AddAttribute(17, "class", LabelClass);
        b.AddAttribute(18, "for", id);
        b.AddContent(19, label);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };

    private static int IndexOf<T>(IReadOnlyList<T> options, T value)
    {
        for (var i = 0; i < options.Count; i++)
            if (EqualityComparer<T>.Default.Equals(options[i], value)) return i;
        return 0;
    }

    // The options' markup by its text: every page with the same choices (all reviewers of a city see the same units)
    // holds one string instead of one each. Bounded; emptied when full (unit names change rarely).
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private const int SharedLimit = 512;

    // Chinese text as it is (HtmlEncoder.Default would write every character as an entity); markup characters encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // The markup built for an options list, kept as long as the list lives: a page re-renders its filters on every live
    // update and search, and builds its options' markup once (a list is always shown with the same texts).
    private static readonly ConditionalWeakTable<object, string> ByList = new();

    private static string OptionsMarkupOf<T>(IReadOnlyList<T> options, Func<T, string> text) =>
        ByList.GetValue(options, _ => OptionsMarkup(options, text));

    /// <summary>The options as HTML (values are the indexes, texts encoded), the same string instance for the same options.</summary>
    public static string OptionsMarkup<T>(IReadOnlyList<T> options, Func<T, string> text)
    {
        var html = new StringBuilder(options.Count * 32);
        for (var i = 0; i < options.Count; i++)
        {
            html.Append("<option value=\"").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Encoder.Encode(text(options[i]))).Append("</option>");
        }
        var markup = html.ToString();
        if (Shared.TryGetValue(markup, out var shared)) return shared;
        if (Shared.Count >= SharedLimit) Shared.Clear();
        return Shared.GetOrAdd(markup, markup);
    }
}
