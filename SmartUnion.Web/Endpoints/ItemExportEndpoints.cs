using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Endpoints;

/// <summary>
/// 导出Excel of the 公文信息 list: <c>GET /items/export?unitId=&amp;category=&amp;adoption=&amp;from=&amp;to=&amp;keyword=&amp;sort=&amp;desc=</c>,
/// the same filter and sort as the list (every page). The scope is the list's: <see cref="ItemService"/> applies it.
/// </summary>
public static class ItemExportEndpoints
{
    public const string Path = "/items/export";

    public static void MapItemExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireCaller();
    }

    /// <summary>The export URL (relative to the base) for a list filter and sort; paging is ignored.</summary>
    public static string UrlFor(ItemListQuery query)
    {
        var values = new Dictionary<string, string?>();
        if (query.UnitId is { } unitId) values["unitId"] = unitId.ToString(CultureInfo.InvariantCulture);
        if (query.Category is { } category) values["category"] = category.ToString();
        if (query.Adoption != AdoptionFilter.All) values["adoption"] = query.Adoption.ToString();
        if (query.ReportedFrom is { } from) values["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (query.ReportedTo is { } to) values["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(query.Keyword)) values["keyword"] = query.Keyword;
        values["sort"] = query.SortBy.ToString();
        values["desc"] = query.Descending ? "true" : "false";
        return QueryHelpers.AddQueryString(Path.TrimStart('/'), values);
    }

    /// <summary>Reads the list filter from the query string; a malformed value gets a Chinese message.</summary>
    public static ItemListQuery ParseQuery(IQueryCollection q) => new()
    {
        UnitId = Parse(q["unitId"], s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, "报送工会"),
        Category = ParseEnum<InfoCategory>(q["category"], "信息分类"),
        Adoption = ParseEnum<AdoptionFilter>(q["adoption"], "录用情况") ?? AdoptionFilter.All,
        ReportedFrom = ParseDate(q["from"], "报送开始日期"),
        ReportedTo = ParseDate(q["to"], "报送结束日期"),
        // Checked by the service (ItemSearch.Normalize): too long or control characters get its Chinese message.
        Keyword = q["keyword"].ToString() is { Length: > 0 } keyword ? keyword : null,
        SortBy = ParseEnum<ItemSortField>(q["sort"], "排序") ?? ItemSortField.ReportedAt,
        Descending = Parse(q["desc"], s => s.ToLowerInvariant() switch { "true" or "1" => true, "false" or "0" => false, _ => (bool?)null }, "排序方向") ?? true,
    };

    private static async Task<IResult> ExportAsync(
        HttpContext http,
        [FromServices] ItemService items,
        [FromServices] TimeProvider clock,
        CancellationToken ct)
    {
        var caller = http.Caller();
        return await XlsxDownload.SendAsync(http, async file =>
        {
            var query = ParseQuery(http.Request.Query);
            var groups = await items.GetPublicationColumnsAsync(caller, ct);
            var publications = ItemListExportBuilder.PublicationsOf(groups);
            var rows = ItemListExportBuilder.RowsOf(items.ListAllForExportAsync(caller, query, ct), publications);
            await ItemListExportBuilder.WriteAsync(file, publications, rows, ct);
            return ItemListExportBuilder.FileName(ChinaTime.Today(clock));
        });
    }

    private static T? Parse<T>(string? value, Func<string, T?> parse, string label) where T : struct
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return parse(value.Trim()) ?? throw new DomainException($"参数“{label}”无效");
    }

    private static T? ParseEnum<T>(string? value, string label) where T : struct, Enum =>
        Parse(value, s => Enum.TryParse<T>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _) ? v : (T?)null, label);

    private static DateOnly? ParseDate(string? value, string label) =>
        Parse(value, s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null, label);
}
