using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Sql;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The 关键字 filter of the 公文信息 list: the items whose 标题 or 正文 contain the keyword as it is typed (an exact,
/// case-sensitive substring; spaces inside count, the ends are trimmed; <c>%</c>, <c>_</c>, quotes and words such as
/// AND or NEAR are plain text). Three characters or more go through the full-text index (SQLite FTS5 trigram,
/// PostgreSQL pg_trgm, see <see cref="ItemSearchSql"/>); one or two characters, which a trigram index cannot look up,
/// through a substring test of the scoped, filtered rows. Both give the answers of <see cref="Matches"/>. A page counts
/// a keyword's matches up to <see cref="CountCap"/> only; the list then asks for the exact count separately.
/// </summary>
public static class ItemSearch
{
    /// <summary>A longer keyword is refused with a message (a phrase, not a paragraph).</summary>
    public const int MaxKeywordLength = 100;

    /// <summary>The trigram indexes need this many characters (code points, as the databases count them).</summary>
    public const int IndexedMinLength = 3;

    /// <summary>Characters of 正文 shown before the first match in the list's snippet (two short lines under the title).</summary>
    public const int SnippetLead = 10;

    /// <summary>Characters of 正文 shown after the keyword in the snippet.</summary>
    public const int SnippetTail = 20;

    /// <summary>The keyword trimmed, or null when there is none; throws a Chinese message for one that is too long or holds control characters.</summary>
    public static string? Normalize(string? keyword)
    {
        var trimmed = keyword?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxKeywordLength) throw new DomainException($"关键字不能超过{MaxKeywordLength}个字，请缩短后重试");
        TextRules.EnsureSafe(trimmed, "关键字");
        return trimmed;
    }

    /// <summary>The rule itself, in memory: what every query of this filter must answer.</summary>
    public static bool Matches(string title, string body, string keyword) =>
        title.Contains(keyword, StringComparison.Ordinal) || body.Contains(keyword, StringComparison.Ordinal);

    /// <summary>FTS5 query text: the keyword as one phrase, its quotes doubled, so that no FTS operator applies.</summary>
    public static string FtsPhrase(string keyword) => "\"" + keyword.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A LIKE pattern matching the keyword anywhere, with <c>\</c>, <c>%</c> and <c>_</c> escaped by <c>\</c>.</summary>
    public static string LikePattern(string keyword)
    {
        var sb = new StringBuilder(keyword.Length + 8).Append('%');
        foreach (var ch in keyword)
        {
            if (ch is '\\' or '%' or '_') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.Append('%').ToString();
    }

    /// <summary>
    /// SQLite: up to this many FTS matches, the query is driven from them (a primary-key look-up per match); beyond,
    /// the FTS matches become a membership test while the other filters' covering index is read (a common phrase
    /// would otherwise read hundreds of thousands of whole rows, 标题 and 正文 included, in random order).
    /// </summary>
    public const int DriveFromMatchesLimit = 2000;

    /// <summary>
    /// A page of the list counts a keyword's matches up to this many, then says "1000+" and the exact count follows
    /// from <see cref="ItemService.CountAsync"/>: for a phrase in half the year's items the exact count is a read of
    /// every match (tens of thousands), the capped one stops after the first thousand in list order.
    /// </summary>
    public const int CountCap = 1000;

    /// <summary>
    /// SQLite: a page first tests this many of the filtered rows (a few milliseconds); a phrase in at least a tenth
    /// of them (<see cref="DenseSample"/>) is tested on the rows as the list's order reads them (<see
    /// cref="SearchShape.Substring"/>): the page and the capped count then stop after a few thousand rows, where the
    /// membership test would first gather every match of the index.
    /// </summary>
    public const int SampleRows = 1000;

    /// <summary>How a query with a keyword is run on SQLite; every shape gives the rows of <see cref="Matches"/>.</summary>
    public enum SearchShape
    {
        /// <summary><c>instr()</c> on 标题 and 正文 of the rows the other filters leave, in the list's order.</summary>
        Substring,
        /// <summary>Driven from the FTS matches, a primary-key look-up each (a rare phrase).</summary>
        FromMatches,
        /// <summary>The FTS matches as a membership test while the other filters' covering index is read.</summary>
        MatchSet,
    }

    /// <summary>
    /// Whether a sample of the filtered rows says the substring walk is cheap: the filter leaves fewer rows than the
    /// sample (the walk reads no more than the sample did), or a tenth of them hold the keyword.
    /// </summary>
    /// <param name="rows">Rows the sample read (at most <see cref="SampleRows"/>).</param>
    /// <param name="hits">Of those, the rows holding the keyword.</param>
    public static bool DenseSample(int rows, int hits) => rows < SampleRows || hits * 10 >= rows;

    /// <summary>The shape for a keyword whose FTS matches, counted up to one past <see cref="DriveFromMatchesLimit"/>, are <paramref name="matches"/>.</summary>
    public static SearchShape ShapeFor(int matches) => matches <= DriveFromMatchesLimit ? SearchShape.FromMatches : SearchShape.MatchSet;

    /// <summary>The keyword's condition on rows already scoped and filtered; <see cref="CountCapped"/>: a page may count only up to <see cref="CountCap"/>.</summary>
    internal sealed record Filter(IQueryable<InfoItem> Items, bool CountCapped);

    /// <summary>Narrows <paramref name="items"/> (already scoped and filtered) to those containing <paramref name="keyword"/> (normalised).</summary>
    /// <param name="exactCount">For an exact count or a deep page (never the substring walk, which is cheap only near the top of the list).</param>
    /// <param name="shape">Tests force each shape to check that they agree.</param>
    internal static async Task<Filter> ApplyAsync(AppDbContext db, IQueryable<InfoItem> items, string keyword, CancellationToken ct,
        bool exactCount = false, SearchShape? shape = null)
    {
        if (keyword.EnumerateRunes().Count() < IndexedMinLength) shape = SearchShape.Substring;
        if (db.Database.IsNpgsql())
        {
            // instr()'s counterpart strpos() for one or two characters; else LIKE, which PostgreSQL's planner weighs
            // against the other indexes from its statistics (the GIN indexes, or the 上报日期 order under a LIMIT).
            if (shape == SearchShape.Substring) return new Filter(items.Where(i => i.Title.Contains(keyword) || i.Body.Contains(keyword)), true);
            var pattern = LikePattern(keyword);
            return new Filter(items.Where(i => EF.Functions.Like(i.Title, pattern, "\\") || EF.Functions.Like(i.Body, pattern, "\\")), true);
        }
        var phrase = FtsPhrase(keyword);
        if (shape is null && !exactCount)
        {
            // A sample of the rows the other filters leave: a phrase in many of them is found fastest by reading them.
            var sample = await items.Take(SampleRows)
                .GroupBy(_ => 1)
                .Select(g => new { Rows = g.Count(), Hits = g.Count(i => i.Title.Contains(keyword) || i.Body.Contains(keyword)) })
                .FirstOrDefaultAsync(ct);
            if (DenseSample(sample?.Rows ?? 0, sample?.Hits ?? 0)) shape = SearchShape.Substring;
        }
        if (shape is null)
        {
            // SQLite's planner has no idea how many rows a MATCH gives: ask the index, stopping just past the limit.
            var matches = await db.Database.SqlQuery<int>(
                    $"""SELECT COUNT(*) AS "Value" FROM (SELECT rowid FROM "ItemSearch" WHERE "ItemSearch" MATCH {phrase} LIMIT {DriveFromMatchesLimit + 1})""")
                .SingleAsync(ct);
            shape = ShapeFor(matches);
        }
        if (shape == SearchShape.Substring)
            // instr(): exact substring tests of the rows the other filters leave, read in the list's order.
            return new Filter(items.Where(i => i.Title.Contains(keyword) || i.Body.Contains(keyword)), true);
        var matching = db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM "ItemSearch" WHERE "ItemSearch" MATCH {phrase}""");
        // "Id + 0" is a planner hint only (like UnitScope's broad subtree): the same rows, not driven from the matches.
        return shape == SearchShape.FromMatches
            ? new Filter(items.Where(i => matching.Contains(i.Id)), false)
            : new Filter(items.Where(i => matching.Contains(i.Id + 0)), true);
    }

    /// <summary>The snippet of 正文 around its first match, with … where it was cut; null when 正文 does not contain the keyword.</summary>
    /// <param name="matchAt">Where the keyword starts in 正文 (0-based, in the database's characters), -1 when absent.</param>
    /// <param name="text">正文 from <c>max(matchAt - SnippetLead, 0)</c>, <paramref name="length"/> characters at most.</param>
    /// <param name="length">The length asked for (<see cref="SnippetLengthFor"/>).</param>
    /// <param name="bodyLength">The length of the whole 正文.</param>
    public static string? Snippet(int matchAt, string? text, int length, int bodyLength)
    {
        if (matchAt < 0 || text is null) return null;
        var start = Math.Max(matchAt - SnippetLead, 0);
        var sb = new StringBuilder(text.Length + 2);
        if (start > 0) sb.Append('…');
        sb.Append(text.Replace('\n', ' '));
        if (start + length < bodyLength) sb.Append('…');
        return sb.ToString();
    }

    /// <summary>The snippet's length for a keyword: the lead, the keyword and the tail.</summary>
    public static int SnippetLengthFor(string keyword) => SnippetLead + keyword.Length + SnippetTail;
}
