using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Interfaces;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Layout;

namespace SmartUnion.Tests.Components;

public class NavMenuTests : BunitTestBase
{
    private static readonly string[] EveryoneSees = ["首页", "公文信息", "约稿", "查看积分排名", "扣分管理", "报表", "修改密码"];
    private static readonly string[] AdminsAlsoSee = ["单位管理", "单位分组", "用户账号", "期刊与分值", "重新计算积分", "审计日志"];
    /// <summary>Reviewers and admins: 报表 is followed by 任务完成情况.</summary>
    private static readonly string[] ReviewersSee = ["首页", "公文信息", "约稿", "查看积分排名", "扣分管理", "报表", "任务完成情况", "月度通报", "修改密码"];

    private static Caller CallerWith(params string[] roles) =>
        new("id", "user", "用户", 1, "/1/", "苏州市总工会", roles.ToHashSet());

    private IRenderedComponent<NavMenu> RenderMenu(string role = Roles.Reporter) =>
        Render<NavMenu>(p => p.Add(c => c.Caller, CallerWith(role)));

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private static string[] Texts(IRenderedComponent<NavMenu> cut, string selector) =>
        cut.FindAll(selector).Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public void AdminsSeeTheSettingsGroup()
    {
        var cut = RenderMenu(Roles.Admin);
        Assert.Equal(["办公工作", "用户管理", "系统设置"], Texts(cut, "nav.mud-nav-group > button"));
        Assert.Equal([.. ReviewersSee, .. AdminsAlsoSee], Texts(cut, "a.mud-nav-link"));
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Reviewer)]
    public void OthersDoNotSeeTheSettingsGroup(string role)
    {
        var cut = RenderMenu(role);
        Assert.Equal(["办公工作", "用户管理"], Texts(cut, "nav.mud-nav-group > button"));
        Assert.Equal(role == Roles.Reviewer ? ReviewersSee : EveryoneSees, Texts(cut, "a.mud-nav-link"));
        Assert.DoesNotContain("系统设置", cut.Markup);
    }

    [Fact]
    public void WithoutACallerOnlyTheCommonEntriesShow()
    {
        var cut = Render<NavMenu>();
        Assert.Equal(EveryoneSees, Texts(cut, "a.mud-nav-link"));
    }

    [Fact]
    public void LinksAreRelativeToTheBaseUriWithMudBlazorsMarkup()
    {
        var cut = RenderMenu(Roles.Admin);
        Assert.Equal(
            ["./", "items", "commissions", "ranking", "deductions", "reports", "tasks", "bulletin", "account/password", "settings/units", "settings/groups", "settings/users", "settings/publications", "settings/recalculate", "settings/audit"],
            cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href") ?? "").ToArray());
        Assert.Single(cut.FindAll("nav.mud-navmenu.mud-navmenu-bordered"));
        // The icon as MudIcon renders it; the settings entries have none, as before.
        var items = cut.Find("a[href='items']");
        Assert.NotNull(items.QuerySelector("svg.mud-icon-root.mud-svg-icon.mud-nav-link-icon[viewBox='0 0 24 24'] path"));
        Assert.Equal("公文信息", items.QuerySelector(".mud-nav-link-text")!.TextContent);
        Assert.Null(cut.Find("a[href='settings/units']").QuerySelector("svg"));
    }

    [Theory]
    [InlineData("ranking", "ranking")]
    [InlineData("ranking/2026", "ranking")]
    [InlineData("items/42?tab=adoption", "items")]
    [InlineData("items?page=3", "items")]
    [InlineData("ITEMS", "items")]
    [InlineData("settings/users/7", "settings/users")]
    [InlineData("account/password", "account/password")]
    [InlineData("", "./")]
    [InlineData("?x=1", "./")]
    [InlineData("itemsx", null)]
    [InlineData("settings", null)]
    public void TheLinkOfTheCurrentUrlIsActive(string url, string? activeHref)
    {
        Navigation.NavigateTo(url);
        var cut = RenderMenu(Roles.Admin);
        string[] expected = activeHref is null ? [] : [activeHref];
        Assert.Equal(expected, cut.FindAll("a.active").Select(a => a.GetAttribute("href") ?? "").ToArray());
        Assert.Equal(expected, cut.FindAll("a[aria-current='page']").Select(a => a.GetAttribute("href") ?? "").ToArray());
    }

    [Fact]
    public void TheActiveLinkFollowsNavigation()
    {
        Navigation.NavigateTo("items");
        var cut = RenderMenu();
        Assert.Equal("items", cut.Find("a.active").GetAttribute("href"));

        Navigation.NavigateTo("deductions/5");
        cut.WaitForAssertion(() => Assert.Equal("deductions", cut.Find("a.active").GetAttribute("href")));
        Assert.Single(cut.FindAll("a.active"));
        Assert.DoesNotContain("active", cut.Find("a[href='items']").ClassList);

        // The home page: only 首页 (issue 18) is active.
        Navigation.NavigateTo("/");
        cut.WaitForAssertion(() => Assert.Equal(["./"], cut.FindAll("a.active").Select(a => a.GetAttribute("href") ?? "").ToArray()));
    }

    [Fact]
    public async Task DisposingUnsubscribesFromNavigation()
    {
        var before = LocationChangedHandlers();
        RenderMenu();
        Assert.Equal(before + 1, LocationChangedHandlers());
        await DisposeComponentsAsync();
        Assert.Equal(before, LocationChangedHandlers());
    }

    private int LocationChangedHandlers()
    {
        var field = typeof(NavigationManager).GetField("_locationChanged", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        return (field.GetValue(Navigation) as Delegate)?.GetInvocationList().Length ?? 0;
    }

    [Fact]
    public void AGroupCollapsesAndExpandsLikeMudNavGroup()
    {
        var cut = RenderMenu();
        var group = () => cut.Find("nav.mud-nav-group[aria-label='办公工作']");
        var button = () => group().QuerySelector("button")!;
        var container = () => group().QuerySelector(".mud-collapse-container")!;
        var links = () => group().QuerySelectorAll("a.mud-nav-link");

        // Expanded by default. The toggle is named after its group (not one "展开/折叠" for all); its state is aria-expanded.
        Assert.Equal("办公工作", button().GetAttribute("aria-label"));
        Assert.Equal("true", button().GetAttribute("aria-expanded"));
        Assert.Contains("mud-expanded", button().ClassList);
        Assert.Contains("mud-transform", button().QuerySelector(".mud-nav-link-expand-icon")!.ClassList);
        Assert.Contains("mud-collapse-entered", container().ClassList);
        Assert.Equal("false", container().GetAttribute("aria-hidden"));
        Assert.All(links(), a => Assert.Equal("0", a.GetAttribute("tabindex")));
        Assert.Equal(button().GetAttribute("aria-controls"), group().QuerySelector(".mud-collapse-container nav")!.Id);

        // Collapse: the CSS transition runs (exiting), then the links are hidden (invisible).
        cut.Find("nav.mud-nav-group[aria-label='办公工作'] > button").Click();
        Assert.Equal("false", button().GetAttribute("aria-expanded"));
        Assert.DoesNotContain("mud-expanded", button().ClassList);
        Assert.DoesNotContain("mud-transform", button().QuerySelector(".mud-nav-link-expand-icon")!.ClassList);
        Assert.Contains("mud-collapse-exiting", container().ClassList);
        Assert.Equal("true", container().GetAttribute("aria-hidden"));
        Assert.All(links(), a => Assert.Equal("-1", a.GetAttribute("tabindex")));
        container().TriggerEvent("ontransitionend", EventArgs.Empty);
        Assert.Contains("invisible", container().ClassList);
        Assert.DoesNotContain("mud-collapse-exiting", container().ClassList);

        // The other groups are untouched.
        Assert.Equal("true", cut.Find("nav.mud-nav-group[aria-label='用户管理'] > button").GetAttribute("aria-expanded"));

        // Expand again.
        cut.Find("nav.mud-nav-group[aria-label='办公工作'] > button").Click();
        Assert.Equal("true", button().GetAttribute("aria-expanded"));
        Assert.Contains("mud-collapse-entering", container().ClassList);
        Assert.Equal("false", container().GetAttribute("aria-hidden"));
        container().TriggerEvent("ontransitionend", EventArgs.Empty);
        Assert.Contains("mud-collapse-entered", container().ClassList);
        Assert.All(links(), a => Assert.Equal("0", a.GetAttribute("tabindex")));
    }

    [Fact]
    public void TheTransitionEndHandlerIsOnlyThereWhileAnimating()
    {
        var cut = RenderMenu();
        // No server round trip for transitions bubbling up from the links while nothing collapses.
        Assert.Throws<MissingEventHandlerException>(() => cut.Find(".mud-collapse-container").TriggerEvent("ontransitionend", EventArgs.Empty));
    }

    [Fact]
    public void ClickingALinkTellsTheDrawerAboutTheNavigation()
    {
        var drawer = new RecordingDrawer();
        var cut = Render<CascadingValue<INavigationEventReceiver>>(p => p
            .Add(c => c.Value, drawer)
            .AddChildContent<NavMenu>(m => m.Add(c => c.Caller, CallerWith(Roles.Reporter))));
        cut.Find("a[href='ranking']").Click();
        Assert.Equal(1, drawer.Navigations);
    }

    [Fact]
    public void WithoutADrawerTheLinksAreOrdinaryLinks()
    {
        var cut = RenderMenu();
        Assert.Throws<MissingEventHandlerException>(() => cut.Find("a[href='ranking']").Click());
    }

    private sealed class RecordingDrawer : INavigationEventReceiver
    {
        public int Navigations { get; private set; }

        public Task OnNavigation()
        {
            Navigations++;
            return Task.CompletedTask;
        }
    }
}
