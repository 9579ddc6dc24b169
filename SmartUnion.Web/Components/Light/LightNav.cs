namespace SmartUnion.Web.Components.Light;

/// <summary>
/// MudNavMenu's, MudNavGroup's, MudNavLink's and MudCollapse's classes, for the menu written as one component
/// (Layout/NavMenu.razor) instead of ~40. Pinned to MudBlazor's own by LightNavTests.
/// </summary>
public static class LightNav
{
    /// <summary><c>&lt;MudNavMenu Bordered="true"&gt;</c>.</summary>
    public const string MenuBordered = "mud-navmenu mud-navmenu-default mud-navmenu-margin-none mud-navmenu-bordered mud-border-default";

    /// <summary>The menu inside a group.</summary>
    public const string Menu = "mud-navmenu mud-navmenu-default mud-navmenu-margin-none";

    public const string Group = "mud-nav-group";
    public const string Item = "mud-nav-item";

    /// <summary>A link, or a group's toggle button (plus <c>mud-expanded</c> when open, <c>active</c> on the current page).</summary>
    public const string Link = "mud-nav-link mud-ripple";

    /// <summary>An open group's header link.</summary>
    public const string ExpandedLink = Link + " mud-expanded";

    public const string LinkText = "mud-nav-link-text";

    /// <summary>A link's icon, after MudIcon's classes.</summary>
    public const string LinkIcon = "mud-icon-default mud-nav-link-icon mud-nav-link-icon-default";

    /// <summary>A group's expand icon (plus <c>mud-transform</c> when open).</summary>
    public const string ExpandIcon = LightIcon.Class + " mud-nav-link-expand-icon";

    /// <summary>An open group's expand icon (turned).</summary>
    public const string ExpandedIcon = ExpandIcon + " mud-transform";

    /// <summary>MudCollapse's container in each state: entering, entered, exiting, exited (collapsed).</summary>
    public static string Collapse(string state) => state == "exited"
        ? "mud-collapse-container invisible mud-navgroup-collapse"
        : $"mud-collapse-container mud-collapse-{state} mud-navgroup-collapse";

    public const string CollapseWrapper = "mud-collapse-wrapper";
    public const string CollapseWrapperInner = "mud-collapse-wrapper-inner";
}
