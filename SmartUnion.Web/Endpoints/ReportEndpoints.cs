using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Endpoints;

public static class ReportEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>GET /reports/monthly?month=2026-10&amp;ytd=false: the monthly report of the caller's scope as .xlsx.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/monthly", MonthlyAsync).RequireAuthorization();
    }

    private static async Task<IResult> MonthlyAsync(
        [FromQuery] string? month,
        [FromQuery] string? ytd,
        ClaimsPrincipal user,
        [FromServices] CallerService callers,
        [FromServices] MonthlyReportService reports,
        CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var caller = userId is null ? null : await callers.FindAsync(userId, ct);
        if (caller is null) return TypedResults.Unauthorized();

        // Built into a temporary file (deleted when the response stream is disposed), so memory stays bounded
        // and the response gets a Content-Length.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var request = MonthlyReportRequest.Parse(month, ParseFlag(ytd));
            await reports.WriteAsync(caller, request, file, ct: ct);
            file.Position = 0;
            // FileDownloadName makes ASP.NET Core send Content-Disposition: attachment with an RFC 5987 filename*.
            return TypedResults.File(file, XlsxContentType, request.FileName);
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

    private static bool ParseFlag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "off" => false,
        "true" or "1" or "on" => true,
        _ => throw new DomainException("参数 ytd（年度累计）应为 true 或 false"),
    };
}
