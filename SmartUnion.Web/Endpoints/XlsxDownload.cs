using Microsoft.Net.Http.Headers;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Endpoints;

/// <summary>The shared shape of the Excel download endpoints: a temporary file, the refusals (the caller: <see cref="EndpointCaller"/>).</summary>
public static class XlsxDownload
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Builds a workbook into a temporary file (deleted when the response stream is disposed: bounded memory and a
    /// Content-Length) and sends it as an attachment. <paramref name="write"/> writes the workbook and returns its
    /// file name. A rule's refusal becomes 403 (role) or 400 (input) with its Chinese message.
    /// </summary>
    public static async Task<IResult> SendAsync(HttpContext http, Func<Stream, Task<string>> write)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var fileName = await write(file);
            file.Position = 0;
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            // FileDownloadName makes ASP.NET Core send Content-Disposition: attachment with an RFC 5987 filename*.
            return TypedResults.File(file, ContentType, fileName);
        }
        catch (ForbiddenException e)
        {
            await file.DisposeAsync();
            return TypedResults.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        catch (DomainException e)
        {
            await file.DisposeAsync();
            return TypedResults.Text(e.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
