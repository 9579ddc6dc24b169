using System.Text.RegularExpressions;

namespace SmartUnion.Tests.Security;

/// <summary>
/// "Who sees which unit / item / deduction / report" is written only in SmartUnion.Domain/Security/: no service, report
/// or page tests a unit path itself (issue 14, item 1).
/// </summary>
public partial class ScopeInOnePlaceTests
{
    [Fact]
    public void NoCodeOutsideSecurityTestsAUnitPathByHand()
    {
        var root = RepositoryRoot();
        var offenders = new[] { "SmartUnion.Domain", "SmartUnion.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !IsUnder(f, root, "SmartUnion.Domain", "Security") && !IsUnder(f, root, "SmartUnion.Domain", "Data", "Migrations")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => PathTest().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "unit path tested outside Security/ (use UnitScope):\n" + string.Join("\n", offenders));
    }

    private static bool IsUnder(string file, string root, params string[] folder) =>
        file.StartsWith(Path.Combine([root, .. folder]) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartUnion.Blazor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SmartUnion.Blazor.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A prefix test of something named like a unit path: <c>u.Path.StartsWith(</c>, <c>unitPath.StartsWith(</c>.</summary>
    [GeneratedRegex(@"[Pp]ath!?\s*\.\s*StartsWith\s*\(")]
    private static partial Regex PathTest();
}
