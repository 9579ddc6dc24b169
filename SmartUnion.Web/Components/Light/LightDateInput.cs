using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// The one date input of the application: a MudTextField of the browser's own date input (yyyy-MM-dd, typed by keyboard
/// or picked from the browser's calendar), so it looks like every other field and validates like one (Required,
/// RequiredError, Validation in a MudForm). A MudDatePicker is about a dozen components held by every open page.
/// A subclass, not a wrapper: no component instance of its own. <see cref="Field"/> is the same markup as a render fragment
/// of the calling component, for a date outside a form (the list filters): the four component instances of a MudTextField
/// (the field, its input, input control and label) fewer on every open page. Pinned by LightDateInputTests.
/// </summary>
public class LightDateInput : MudTextField<DateTime?>
{
    public const string DateFormat = "yyyy-MM-dd";

    public LightDateInput()
    {
        InputType = InputType.Date;
        Format = DateFormat;
        ShrinkLabel = true;
    }

    /// <summary>
    /// <c>&lt;LightDateInput Value ValueChanged Label Style id Error ErrorText&gt;</c>'s markup, with <paramref name="error"/>
    /// (when not null) as the error text under the field.
    /// </summary>
    /// <param name="receiver">The calling component (re-renders after the change).</param>
    public static RenderFragment Field(object receiver, string id, string label, DateTime? value, Func<DateTime?, Task> onChange,
        string? style = null, string? error = null) => b =>
    {
        var errorClass = error is null ? "" : " mud-input-error";
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", $"mud-input-control{errorClass} mud-input-text-with-label mud-input-input-control mud-input-sizing-fixed");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", "mud-input-control-input-container");
        b.OpenElement(4, "div");
        b.AddAttribute(5, "class", $"mud-input mud-input-text mud-input-text-with-label mud-input-underline mud-shrink{errorClass} mud-typography-subtitle1 mud-input-sizing-fixed");
        b.AddAttribute(6, "style", style);
        b.OpenElement(7, "input");
        b.AddAttribute(8, "class", "mud-input-slot mud-input-root mud-input-root-text");
        b.AddAttribute(9, "aria-invalid", error is null ? "false" : "true");
        b.AddAttribute(10, "aria-required", "false");
        b.AddAttribute(11, "id", id);
        b.AddAttribute(12, "type", "date");
        b.AddAttribute(13, "inputmode", "text");
        b.AddAttribute(14, "maxlength", "524288");
        b.AddAttribute(15, "value", value?.ToString(DateFormat, CultureInfo.InvariantCulture));
        b.AddAttribute(16, "onchange", EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => onChange(Parse(e.Value as string))));
        b.CloseElement();
        b.AddMarkupContent(17, "<div class=\"mud-input-slot mud-input-root mud-input-root-text\" style=\"display:none\" tabindex=\"-1\"></div>");
        b.CloseElement();
        b.OpenElement(18, "label");
        b.AddAttribute(19, "class", $"mud-input-label mud-input-label-animated mud-input-label-text{errorClass} mud-input-label-inputcontrol");
        b.AddAttribute(20, "for", id);
        b.AddContent(21, label);
        b.CloseElement();
        b.CloseElement();
        if (error is not null)
        {
            b.OpenElement(22, "div");
            b.AddAttribute(23, "class", "mud-input-control-helper-container");
            b.OpenElement(24, "div");
            b.AddAttribute(25, "class", "d-flex mud-input-helper-text mud-input-error");
            b.OpenElement(26, "div");
            b.AddAttribute(27, "class", "me-auto");
            b.AddContent(28, error);
            b.CloseElement();
            b.CloseElement();
            b.CloseElement();
        }
        b.CloseElement();
    };

    /// <summary>The browser's date input gives yyyy-MM-dd, or an empty value when cleared or not yet a whole date.</summary>
    public static DateTime? Parse(string? value) =>
        DateTime.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
