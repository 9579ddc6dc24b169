using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartUnion.Benchmarks.Generation;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Suites;

/// <summary>
/// The baseline for the 公文信息 list: ONE hand-written statement over Microsoft.Data.Sqlite that returns
/// the total and the page with each row's adoptions (one result row per adoption, or one with NULLs).
/// It knows what a hand-writer knows: the filter unit lies inside a city reviewer's scope, so the scope
/// test folds into the subtree test; drafts are excluded because a reviewer never sees them.
/// </summary>
public static class ItemListBaseline
{
    public const string Sql = """
        WITH f AS (
            SELECT i.Id, i.ReportedAt FROM Items i
            WHERE i.UnitId IN (SELECT u.Id FROM Units u WHERE substr(u.Path, 1, length($path)) = $path)
              AND i.State <> 0 AND i.Category = $category
              AND i.ReportedAt >= $from AND i.ReportedAt < $to),
        page AS (SELECT Id, ReportedAt FROM f ORDER BY ReportedAt DESC, Id DESC LIMIT $size OFFSET $offset)
        SELECT (SELECT COUNT(*) FROM f), i.Id, i.Title, i.Category, i.UnitId, u.ShortName, i.ReportedAt, i.State,
               a.PublicationId, a.AdoptedAt
        FROM page p
        JOIN Items i ON i.Id = p.Id
        JOIN Units u ON u.Id = i.UnitId
        LEFT JOIN Adoptions a ON a.InfoItemId = p.Id
        ORDER BY p.ReportedAt DESC, p.Id DESC
        """;

    public static async Task<ItemListPage> RunAsync(string connectionString, string unitPath, ItemListQuery query, CancellationToken ct = default)
    {
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Sql;
        cmd.Parameters.AddWithValue("$path", unitPath);
        cmd.Parameters.AddWithValue("$category", (int)query.Category!.Value);
        cmd.Parameters.AddWithValue("$from", DataGenerator.Format(ChinaTime.StartOfDayUtc(query.ReportedFrom!.Value)));
        cmd.Parameters.AddWithValue("$to", DataGenerator.Format(ChinaTime.StartOfDayUtc(query.ReportedTo!.Value.AddDays(1))));
        cmd.Parameters.AddWithValue("$size", query.PageSize);
        cmd.Parameters.AddWithValue("$offset", query.Page * query.PageSize);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var total = 0;
        var rows = new List<ItemListRow>();
        List<ItemAdoptionCell>? cells = null;
        var lastId = -1;
        while (await r.ReadAsync(ct))
        {
            total = r.GetInt32(0);
            var id = r.GetInt32(1);
            if (id != lastId)
            {
                cells = [];
                rows.Add(new ItemListRow(id, r.GetString(2), (InfoCategory)r.GetInt32(3), r.GetInt32(4), r.GetString(5),
                    ParseUtc(r.GetString(6)), (ItemState)r.GetInt32(7), cells));
                lastId = id;
            }
            if (!r.IsDBNull(8)) cells!.Add(new ItemAdoptionCell(r.GetInt32(8), ParseUtc(r.GetString(9))));
        }
        if (total == 0)
        {
            // An offset past the end returns no row, hence no total: ask for it alone (never the case in the benchmark).
            await r.CloseAsync();
            cmd.CommandText = Sql.Replace("LIMIT $size OFFSET $offset", "LIMIT 1");
            total = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
        }
        return new ItemListPage(total, rows);
    }

    /// <summary><see cref="Sql"/> in PostgreSQL's SQL (timestamps with time zone).</summary>
    public const string PostgreSqlSql = """
        WITH f AS (
            SELECT i."Id", i."ReportedAt" FROM "Items" i
            WHERE i."UnitId" IN (SELECT u."Id" FROM "Units" u WHERE substr(u."Path", 1, length(@path)) = @path)
              AND i."State" <> 0 AND i."Category" = @category
              AND i."ReportedAt" >= @from AND i."ReportedAt" < @to),
        page AS (SELECT "Id", "ReportedAt" FROM f ORDER BY "ReportedAt" DESC, "Id" DESC LIMIT @size OFFSET @offset)
        SELECT (SELECT COUNT(*) FROM f)::int, i."Id", i."Title", i."Category", i."UnitId", u."ShortName", i."ReportedAt", i."State",
               a."PublicationId", a."AdoptedAt"
        FROM page p
        JOIN "Items" i ON i."Id" = p."Id"
        JOIN "Units" u ON u."Id" = i."UnitId"
        LEFT JOIN "Adoptions" a ON a."InfoItemId" = p."Id"
        ORDER BY p."ReportedAt" DESC, p."Id" DESC
        """;

    /// <summary>The baseline on PostgreSQL: <see cref="PostgreSqlSql"/> over plain Npgsql, read the same way.</summary>
    public static async Task<ItemListPage> RunPostgreSqlAsync(string connectionString, string unitPath, ItemListQuery query)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(PostgreSqlSql, conn);
        cmd.Parameters.AddWithValue("path", unitPath);
        cmd.Parameters.AddWithValue("category", (int)query.Category!.Value);
        cmd.Parameters.AddWithValue("from", ChinaTime.StartOfDayUtc(query.ReportedFrom!.Value));
        cmd.Parameters.AddWithValue("to", ChinaTime.StartOfDayUtc(query.ReportedTo!.Value.AddDays(1)));
        cmd.Parameters.AddWithValue("size", query.PageSize);
        cmd.Parameters.AddWithValue("offset", query.Page * query.PageSize);
        await using var r = await cmd.ExecuteReaderAsync();
        var total = 0;
        var rows = new List<ItemListRow>();
        List<ItemAdoptionCell>? cells = null;
        var lastId = -1;
        while (await r.ReadAsync())
        {
            total = r.GetInt32(0);
            var id = r.GetInt32(1);
            if (id != lastId)
            {
                cells = [];
                rows.Add(new ItemListRow(id, r.GetString(2), (InfoCategory)r.GetInt32(3), r.GetInt32(4), r.GetString(5),
                    r.GetDateTime(6), (ItemState)r.GetInt32(7), cells));
                lastId = id;
            }
            if (!r.IsDBNull(8)) cells!.Add(new ItemAdoptionCell(r.GetInt32(8), r.GetDateTime(9)));
        }
        if (total == 0) throw new InvalidOperationException("an offset past the end: the benchmark never asks for one");
        return new ItemListPage(total, rows);
    }

    private static DateTime ParseUtc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>A page as comparable text: rows in order, adoptions sorted.</summary>
    public static string Describe(ItemListPage page) =>
        $"total {page.TotalCount}\n" + string.Join("\n", page.Rows.Select(r =>
            $"{r.Id}|{r.Title}|{r.Category}|{r.UnitId}|{r.UnitName}|{r.ReportedAt:O}|{r.State}|"
            + string.Join(",", r.Adoptions.OrderBy(a => a.PublicationId).ThenBy(a => a.AdoptedAt).Select(a => $"{a.PublicationId}@{a.AdoptedAt:O}"))));
}
