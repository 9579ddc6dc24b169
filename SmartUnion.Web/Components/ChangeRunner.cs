using MudBlazor;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Web.Components;

/// <summary>
/// How a panel runs a change the user asked for: <see cref="Busy"/> while it runs (the buttons wait), a refusal shown as the
/// service's Chinese message with the input kept. What follows (reload, clearing a form) is the caller's, by the result.
/// </summary>
public sealed class ChangeRunner(ISnackbar snackbar)
{
    public bool Busy { get; private set; }

    /// <summary>Runs <paramref name="change"/>; true when it succeeded, false when the service refused it (message shown).</summary>
    public async Task<bool> RunAsync(Func<Task> change)
    {
        Busy = true;
        try
        {
            await change();
            return true;
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
