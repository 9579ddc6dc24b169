using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Endpoints;

public static class AttachmentEndpoints
{
    /// <summary>
    /// GET /attachments/{id}: the file under its original (Chinese) name. The item's scope rules are applied by
    /// <see cref="AttachmentService"/>; an unknown attachment and one outside the caller's scope both answer 404.
    /// </summary>
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/attachments/{id:int}", async (int id, HttpContext http, [FromServices] AttachmentService attachments) =>
        {
            AttachmentDownload file;
            try
            {
                file = await attachments.GetDownloadAsync(http.Caller(), id, http.RequestAborted);
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
            // Results.File writes Content-Disposition: attachment with both filename and the RFC 5987 filename*.
            return Results.File(file.PhysicalPath, file.ContentType, fileDownloadName: file.FileName, enableRangeProcessing: true);
        }).RequireCaller();
    }
}
