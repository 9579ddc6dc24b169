using Microsoft.AspNetCore.Mvc;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Endpoints;

public static class ReportEndpoints
{
    /// <summary>GET /reports/monthly?month=2026-10&amp;ytd=false: the monthly report of the caller's scope as .xlsx.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/monthly", MonthlyAsync).RequireCaller();
        endpoints.MapGet("/reports/tasks", TasksAsync).RequireCaller();
    }

    /// <summary>GET /reports/tasks?month=2026-10&amp;group=3: 任务完成情况 of the caller's subtree as .xlsx (reviewers and admins).</summary>
    private static async Task<IResult> TasksAsync(
        HttpContext http,
        [FromQuery] string? month,
        [FromQuery] int? group,
        [FromServices] TaskCompletionService tasks,
        CancellationToken ct)
    {
        var caller = http.Caller();
        return await XlsxDownload.SendAsync(http, async file =>
        {
            var parsed = MonthlyReportRequest.Parse(month, false);
            var request = new TaskCompletionRequest(parsed.Year, parsed.Month, group);
            await tasks.WriteExcelAsync(caller, request, file, ct);
            return request.FileName;
        });
    }

    private static async Task<IResult> MonthlyAsync(
        HttpContext http,
        [FromQuery] string? month,
        [FromQuery] string? ytd,
        [FromServices] MonthlyReportService reports,
        CancellationToken ct)
    {
        var caller = http.Caller();
        return await XlsxDownload.SendAsync(http, async file =>
        {
            var request = MonthlyReportRequest.Parse(month, ParseFlag(ytd));
            await reports.WriteAsync(caller, request, file, ct: ct);
            return request.FileName;
        });
    }

    private static bool ParseFlag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "off" => false,
        "true" or "1" or "on" => true,
        _ => throw new DomainException("参数 ytd（年度累计）应为 true 或 false"),
    };
}
