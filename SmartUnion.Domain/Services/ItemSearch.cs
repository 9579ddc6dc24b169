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
/// through a substring test of the scoped, filtered rows. Both give the answers of <see cref="Matches"/>.
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

    /// <summary>Narrows <paramref name="items"/> (already scoped and filtered) to those containing <paramref name="keyword"/> (normalised).</summary>
    /// <param name="driveLimit"><see cref="DriveFromMatchesLimit"/>; tests pass 0 or <see cref="int.MaxValue"/> to check both query shapes.</param>
    internal static async Task<IQueryable<InfoItem>> ApplyAsync(AppDbContext db, IQueryable<InfoItem> items, string keyword, CancellationToken ct,
        int driveLimit = DriveFromMatchesLimit)
    {
        if (keyword.EnumerateRunes().Count() < IndexedMinLength)
            // instr() on SQLite, strpos() on PostgreSQL: exact substring tests of the rows the other filters leave.
            return items.Where(i => i.Title.Contains(keyword) || i.Body.Contains(keyword));
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL's planner weighs the GIN indexes against the others from its statistics.
            var pattern = LikePattern(keyword);
            return items.Where(i => EF.Functions.Like(i.Title, pattern, "\\") || EF.Functions.Like(i.Body, pattern, "\\"));
        }
        var phrase = FtsPhrase(keyword);
        var matching = db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM "ItemSearch" WHERE "ItemSearch" MATCH {phrase}""");
        // SQLite's planner has no idea how many rows a MATCH gives: ask the index, stopping just past the limit.
        var limit = driveLimit == int.MaxValue ? driveLimit : driveLimit + 1;
        var few = await db.Database.SqlQuery<int>(
                $"""SELECT COUNT(*) AS "Value" FROM (SELECT rowid FROM "ItemSearch" WHERE "ItemSearch" MATCH {phrase} LIMIT {limit})""")
            .SingleAsync(ct) <= driveLimit;
        // "Id + 0" is a planner hint only (like UnitScope's broad subtree): the same rows, not driven from the matches.
        return few ? items.Where(i => matching.Contains(i.Id)) : items.Where(i => matching.Contains(i.Id + 0));
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
