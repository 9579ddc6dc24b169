using MudBlazor;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// The one date input of the application: a MudTextField of the browser's own date input (yyyy-MM-dd, typed by keyboard
/// or picked from the browser's calendar), so it looks like every other field and validates like one (Required,
/// RequiredError, Validation in a MudForm). A MudDatePicker is about a dozen components held by every open page.
/// A subclass, not a wrapper: no component instance of its own. Pinned by LightDateInputTests.
/// </summary>
public class LightDateInput : MudTextField<DateTime?>
{
    public LightDateInput()
    {
        InputType = InputType.Date;
        Format = "yyyy-MM-dd";
        ShrinkLabel = true;
    }
}
