using Bunit;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Layout;

namespace SmartUnion.Tests.Components;

public class NavMenuTests : BunitTestBase
{
    private static Caller CallerWith(params string[] roles) =>
        new("id", "user", "用户", 1, "/1/", "苏州市总工会", roles.ToHashSet());

    [Fact]
    public void AdminsSeeTheSettingsGroup()
    {
        var cut = Render<NavMenu>(p => p.Add(c => c.Caller, CallerWith(Roles.Admin)));
        Assert.Contains("系统设置", cut.Markup);
        Assert.Contains("期刊与分值", cut.Markup);
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.Reviewer)]
    public void OthersDoNotSeeTheSettingsGroup(string role)
    {
        var cut = Render<NavMenu>(p => p.Add(c => c.Caller, CallerWith(role)));
        Assert.DoesNotContain("系统设置", cut.Markup);
        Assert.Contains("公文信息", cut.Markup);
        Assert.Contains("修改密码", cut.Markup);
    }
}
