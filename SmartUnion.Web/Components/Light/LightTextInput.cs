using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// <c>&lt;MudTextField T="string" InputType="InputType.Search" Label Placeholder Margin="Margin.Dense" Immediate&gt;</c>'s markup
/// as a render fragment of the calling component, for a text filter outside a form (公文信息's 关键字): the MudTextField,
/// MudInput, input control, label and clear button are five component instances fewer on every open page
/// (benchmarks/RESULTS.md, (d)). The browser's search input clears itself (×, Esc). Pinned by LightTextInputTests.
/// </summary>
public static class LightTextInput
{
    /// <param name="onInput">Each change of the text as typed. Not a render of the caller: re-rendering the value the server
    /// holds while the user types on could put back a text a keystroke old.</param>
    /// <param name="onEnter">Enter in the field (the caller re-renders after it).</param>
    public static RenderFragment Field(object receiver, string id, string label, string? value, Action<string> onInput, Func<Task> onEnter,
        string? placeholder = null, string? style = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", "mud-input-control mud-input-control-margin-dense mud-input-text-with-label mud-input-input-control mud-input-sizing-fixed");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", "mud-input-control-input-container");
        b.OpenElement(4, "div");
        b.AddAttribute(5, "class", "mud-input mud-input-text mud-input-text-with-label mud-input-margin-dense mud-input-underline mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed");
        b.AddAttribute(6, "style", style);
        b.OpenElement(7, "input");
        b.AddAttribute(8, "class", "mud-input-slot mud-input-root mud-input-root-text mud-input-root-margin-dense");
        b.AddAttribute(9, "aria-invalid", "false");
        b.AddAttribute(10, "aria-required", "false");
        b.AddAttribute(11, "id", id);
        b.AddAttribute(12, "type", "search");
        b.AddAttribute(13, "placeholder", placeholder);
        b.AddAttribute(14, "inputmode", "text");
        b.AddAttribute(15, "maxlength", "524288");
        b.AddAttribute(16, "value", value);
        b.AddAttribute(17, "oninput", EventCallback.Factory.Create<ChangeEventArgs>(new object(), (ChangeEventArgs e) => onInput(e.Value as string ?? "")));
        b.AddAttribute(18, "onkeydown", EventCallback.Factory.Create<KeyboardEventArgs>(receiver, e => e.Key == "Enter" ? onEnter() : Task.CompletedTask));
        b.CloseElement();
        b.AddMarkupContent(19, "<div class=\"mud-input-slot mud-input-root mud-input-root-text mud-input-root-margin-dense\" style=\"display:none\" tabindex=\"-1\"></div>");
        b.CloseElement();
        b.OpenElement(20, "label");
        b.AddAttribute(21, "class", "mud-input-label mud-input-label-animated mud-input-label-text mud-input-label-margin-dense mud-input-label-inputcontrol");
        b.AddAttribute(22, "for", id);
        b.AddContent(23, label);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
    };
}
