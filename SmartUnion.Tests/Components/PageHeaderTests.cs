using Bunit;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Light;

namespace SmartUnion.Tests.Components;

public class PageHeaderTests : BunitTestBase
{
    [Fact]
    public void ShowsGroupAndPageAsMudBreadcrumbsDoes()
    {
        var cut = Render<PageHeader>(p => p.Add(c => c.Group, "用户管理").Add(c => c.Title, "修改密码"));
        Assert.Equal("当前位置", cut.Find("nav").GetAttribute("aria-label"));
        var items = cut.FindAll("ol.mud-breadcrumbs li.mud-breadcrumb-item");
        Assert.Equal(["用户管理", "修改密码"], items.Select(i => i.TextContent).ToArray());
        Assert.All(items, i => Assert.Contains("mud-disabled", i.ClassList));
        Assert.Equal("修改密码", cut.Find("a[aria-current='page']").TextContent);
        Assert.Equal("/", cut.Find("li.mud-breadcrumb-separator").TextContent);
    }

    [Fact]
    public void TextIsEncoded()
    {
        var cut = Render<PageHeader>(p => p.Add(c => c.Group, "<b>组</b>").Add(c => c.Title, "页"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("<b>组</b>", cut.Find("li.mud-breadcrumb-item").TextContent);
    }
}
