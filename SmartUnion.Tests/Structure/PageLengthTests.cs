using System.Text.RegularExpressions;

namespace SmartUnion.Tests.Structure;

/// <summary>
/// A page must read like a page (issue 14): every routable page — a <c>.razor</c> file under
/// <c>SmartUnion.Web/Components</c> with an <c>@page</c> directive — together with its code-behind <c>.razor.cs</c>, if
/// any, has at most <see cref="MaxLines"/> lines. ALL lines count, blank and comment lines included (the line numbers an
/// editor shows), so the limit cannot be met by squeezing out blank lines. State and logic that do not fit go into
/// plain classes and components (a panel, a dialog, a table), which this limit does not cover.
/// </summary>
public partial class PageLengthTests
{
    public const int MaxLines = 150;

    [Fact]
    public void NoRoutablePageIsLongerThan150LinesOfMarkupAndCode()
    {
        var pages = RoutablePages().ToList();
        Assert.NotEmpty(pages);

        var tooLong = pages.Where(p => p.Lines > MaxLines)
            .Select(p => $"{p.Page}: {p.Lines} 行（上限 {MaxLines}）")
            .ToList();
        Assert.True(tooLong.Count == 0, "这些页面的标记加代码超过了上限：" + Environment.NewLine + string.Join(Environment.NewLine, tooLong));
    }

    [Fact]
    public void TheGuardFindsTheKnownPagesAndCountsTheirCodeBehind()
    {
        var pages = RoutablePages().ToDictionary(p => p.Page);

        Assert.Contains("Pages/Items/ItemEdit.razor", pages.Keys);
        Assert.Contains("Account/Pages/Login.razor", pages.Keys);
        // A component without @page (a dialog) is not a page.
        Assert.DoesNotContain(pages.Keys, p => p.StartsWith("Dialogs/", StringComparison.Ordinal));
        var edit = Path.Combine(ComponentsFolder(), "Pages", "Items", "ItemEdit.razor");
        Assert.Equal(CountLines(edit) + CountLines(edit + ".cs"), pages["Pages/Items/ItemEdit.razor"].Lines);
    }

    private static IEnumerable<(string Page, int Lines)> RoutablePages()
    {
        var root = ComponentsFolder();
        foreach (var file in Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!File.ReadLines(file).Any(line => PageDirective().IsMatch(line))) continue;
            var codeBehind = file + ".cs";
            var lines = CountLines(file) + (File.Exists(codeBehind) ? CountLines(codeBehind) : 0);
            yield return (Path.GetRelativePath(root, file).Replace('\\', '/'), lines);
        }
    }

    /// <summary>Every line, blank ones included; a last line without a line break counts too.</summary>
    private static int CountLines(string file) => File.ReadLines(file).Count();

    /// <summary>SmartUnion.Web/Components of the repository this test was built from: walk up to the solution file.</summary>
    private static string ComponentsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartUnion.Blazor.sln")))
                return Path.Combine(dir.FullName, "SmartUnion.Web", "Components");
        }
        throw new InvalidOperationException($"找不到 SmartUnion.Blazor.sln（从 {AppContext.BaseDirectory} 向上查找）");
    }

    [GeneratedRegex(@"^\s*@page\s")]
    private static partial Regex PageDirective();
}
