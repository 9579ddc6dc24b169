using Microsoft.JSInterop;

namespace SmartUnion.Web.Services;

/// <summary>
/// Downloads a file from an endpoint of this site through the browser, with the browser's own sign-in cookie (the
/// endpoint applies the caller's scope again), and saves it under the name the server sent (app.js, downloadFromUrl).
/// </summary>
public sealed class BrowserDownload(IJSRuntime js)
{
    /// <summary>
    /// Null when the file was saved, or the page was left meanwhile; otherwise the Chinese message to show.
    /// With a token the call has no interop timeout: a big file is not cut short, only leaving the page ends it.
    /// </summary>
    public async Task<string?> FromUrlAsync(string url, CancellationToken leaving)
    {
        try
        {
            return await js.InvokeAsync<string?>("smartUnion.downloadFromUrl", leaving, url);
        }
        catch (JSException)
        {
            return "导出失败，请稍后重试";
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
            return null;
        }
    }
}
