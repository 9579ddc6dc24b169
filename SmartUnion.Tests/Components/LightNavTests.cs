using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Layout;
using SmartUnion.Web.Components.Light;
using static SmartUnion.Tests.Components.LightMarkup;

namespace SmartUnion.Tests.Components;

/// <summary>LightNav's classes, and so the menu's (NavMenu), are MudNavMenu's, MudNavGroup's, MudNavLink's and MudCollapse's.</summary>
public class LightNavTests : BunitTestBase
{
    [Fact]
    public void TheMenusMarkupIsMudNavMenusWithAGroupAndALink()
    {
        var mud = Render<MudNavMenu>(p => p.Add(m => m.Bordered, true).AddChildContent(b =>
        {
            b.OpenComponent<MudNavGroup>(0);
            b.AddComponentParameter(1, "Title", "办公工作");
            b.AddComponentParameter(2, "Icon", Icons.Material.Filled.Work);
            b.AddComponentParameter(3, "Expanded", true);
            b.AddComponentParameter(4, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<MudNavLink>(0);
                c.AddComponentParameter(1, "Href", "items");
                c.AddComponentParameter(2, "Icon", Icons.Material.Filled.Description);
                c.AddComponentParameter(3, "ChildContent", (RenderFragment)(d => d.AddContent(0, "公文信息")));
                c.CloseComponent();
            }));
            b.CloseComponent();
        }));
        var light = Render<NavMenu>();

        AssertSame(mud.Find("nav"), light.Find("nav"));
        AssertSame(mud.Find("nav > nav, nav > div > nav, .mud-nav-group"), light.Find(".mud-nav-group"));
        AssertSame(mud.Find(".mud-nav-group > button"), light.Find(".mud-nav-group > button"), "aria-expanded");
        AssertSame(mud.Find(".mud-nav-group > button .mud-nav-link-expand-icon"), light.Find(".mud-nav-group > button .mud-nav-link-expand-icon"));
        AssertSame(mud.Find(".mud-nav-group > button .mud-nav-link-icon"), light.Find(".mud-nav-group > button .mud-nav-link-icon"));
        AssertSame(mud.Find(".mud-nav-group > button .mud-nav-link-text"), light.Find(".mud-nav-group > button .mud-nav-link-text"));
        AssertSame(mud.Find(".mud-collapse-container"), light.Find(".mud-collapse-container"), "aria-hidden");
        AssertSame(mud.Find(".mud-collapse-wrapper"), light.Find(".mud-collapse-wrapper"));
        AssertSame(mud.Find(".mud-collapse-wrapper-inner"), light.Find(".mud-collapse-wrapper-inner"));
        AssertSame(mud.Find(".mud-collapse-wrapper-inner > nav"), light.Find(".mud-collapse-wrapper-inner > nav"));
        // The group's first link (首页 sits above the groups, active at the base URI where bunit starts).
        const string groupLink = ".mud-collapse-wrapper-inner a.mud-nav-link";
        AssertSame(mud.Find(".mud-nav-item"), light.Find(".mud-collapse-wrapper-inner .mud-nav-item"));
        AssertSame(mud.Find("a.mud-nav-link"), light.Find(groupLink), "href");
        AssertSame(mud.Find("a.mud-nav-link svg"), light.Find(groupLink + " svg"), "viewBox");
        AssertSame(mud.Find("a.mud-nav-link .mud-nav-link-text"), light.Find(groupLink + " .mud-nav-link-text"));
        // 首页 is a MudNavLink outside the groups: the same item and link classes.
        AssertSame(mud.Find(".mud-nav-item"), light.Find("nav.mud-navmenu > .mud-nav-item"));
    }

    [Fact]
    public void ACollapsedGroupsContainerIsMudCollapses()
    {
        var mud = Render<MudNavGroup>(p => p.Add(g => g.Title, "办公工作").Add(g => g.Expanded, false).AddChildContent("x"));
        Assert.Equal(Classes(mud.Find(".mud-collapse-container")),
            LightNav.Collapse("exited").Split(' ').Order(StringComparer.Ordinal).ToArray());
    }
}
