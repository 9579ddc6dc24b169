namespace SmartUnion.Benchmarks.Generation;

/// <summary>How big a generated database is. Row counts are exact.</summary>
public sealed record GeneratorScale(
    string Name,
    int Units,
    int SecondLevelUnits,
    int Items,
    int Adoptions,
    int Deductions,
    int Years,
    int ReportersPerUnit)
{
    /// <summary>For tests: the 11 seeded units plus 4 third-level ones, 200 items.</summary>
    public static readonly GeneratorScale Tiny = new("tiny", 15, 10, 200, 300, 20, 2, 1);

    /// <summary>One city: the 11 seeded units, 15,000 items over 3 years.</summary>
    public static readonly GeneratorScale City = new("city", 11, 10, 15_000, 20_000, 300, 3, 2);

    /// <summary>A whole province: 200 units in a 3-level tree, 1,000,000 items over 10 years.</summary>
    public static readonly GeneratorScale Province = new("province", 200, 15, 1_000_000, 2_000_000, 50_000, 10, 2);

    public static GeneratorScale Parse(string name) => name.ToLowerInvariant() switch
    {
        "tiny" => Tiny,
        "city" => City,
        "province" => Province,
        _ => throw new ArgumentException($"unknown scale '{name}' (tiny|city|province)"),
    };

    /// <summary>Share of items in each state: drafts and rejections are few, about half are adopted.</summary>
    public const double DraftShare = 0.04, RejectedShare = 0.06, AdoptedShare = 0.5;

    /// <summary>The generated history ends here: 2026-11-26 10:00 China time (the tests' clock).</summary>
    public static readonly DateTime EndUtc = new(2026, 11, 26, 2, 0, 0, DateTimeKind.Utc);

    public const int Seed = 20261126;

    /// <summary>Every generated account has this password (the demo password).</summary>
    public const string Password = "Szgh@2026";
}
