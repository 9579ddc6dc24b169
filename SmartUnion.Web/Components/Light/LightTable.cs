using MudBlazor;

namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudTable's classes for a table written as plain markup by one component (rows and cells as elements, not MudTr/MudTd
/// components: a list of 100 rows would otherwise hold hundreds of components per circuit; benchmarks/RESULTS.md, (d)).
/// Pinned to MudTable/MudTh/MudTd/MudTableSortLabel/MudLink by LightTableTests.
/// </summary>
public static class LightTable
{
    /// <summary>The root div of <c>&lt;MudTable Dense Hover Bordered&gt;</c> (breakpoint Xs, elevation 1).</summary>
    public static string RootClass(bool bordered) =>
        bordered ? "mud-table mud-xs-table mud-table-dense mud-table-hover mud-table-bordered mud-elevation-1"
            : "mud-table mud-xs-table mud-table-dense mud-table-hover mud-elevation-1";

    public const string Container = "mud-table-container";
    public const string Table = "mud-table-root";
    /// <summary>The head of a dense table.</summary>
    public const string Head = "mud-table-head mud-table-dense";
    public const string Body = "mud-table-body";
    public const string Row = "mud-table-row";
    public const string Cell = "mud-table-cell";

    /// <summary>MudTableSortLabel's button; the icon adds <see cref="SortIconClass"/>.</summary>
    public const string SortLabel = "mud-table-sort-label mud-clickable";

    /// <summary>The sort icon's extra classes after MudIcon's; direction "none", "asc" or "desc".</summary>
    public static string SortIconClass(string direction) => $"mud-table-sort-label-icon mud-direction-{direction}";

    /// <summary><c>&lt;MudLink Color Underline="Underline.Hover"&gt;</c>.</summary>
    public static string LinkClass(Color color) => $"mud-typography mud-link mud-{LightButton.Name(color)}-text mud-link-underline-hover";

    /// <summary><c>&lt;MudText Typo&gt;</c>.</summary>
    public static string TextClass(Typo typo) => $"mud-typography mud-typography-{LightButton.Name(typo)}";
}
