using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Pages.Settings;

namespace SmartUnion.Tests.Components;

/// <summary>The parts of the settings pages: the user dialog's modes, the unit table's actions, the 采用形式 dialog.</summary>
public class SettingsComponentTests : BunitTestBase
{
    private TestDatabase t = default!;
    private Caller admin = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
    private int saved;

    public SettingsComponentTests()
    {
        Services.AddSingleton(_ => t.Get<SettingsService>());
    }

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        admin = await t.CreateUserAsync("admin1", "苏州市总工会", Roles.Admin);
        await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private SettingsService Settings => t.Get<SettingsService>();

    private void RenderProviders()
    {
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
    }

    private EventCallback CountSaved() => EventCallback.Factory.Create(this, () => saved++);

    [Fact]
    public async Task ChangingARoleShowsOnlyTheRoleAndNoPasswordOrUnit()
    {
        RenderProviders();
        var user = (await Settings.GetUsersAsync(admin)).Single(u => u.UserName == "gusu-r");
        var cut = Render<UserDialog>(p => p.Add(c => c.Caller, admin).Add(c => c.Units, []).Add(c => c.Saved, CountSaved()));

        await cut.InvokeAsync(() => cut.Instance.Open(UserDialog.Mode.Role, user));

        dialogs.WaitForAssertion(() => Assert.Contains("修改角色", dialogs.Find(".mud-dialog-title").TextContent));
        Assert.NotEmpty(dialogs.FindAll("#user-role"));
        Assert.Empty(dialogs.FindAll("#user-password"));
        Assert.Empty(dialogs.FindAll("#user-displayname"));
    }

    [Fact]
    public async Task ResettingAPasswordSavesItSaysWhatHappensNextAndHasThePageReload()
    {
        RenderProviders();
        var user = (await Settings.GetUsersAsync(admin)).Single(u => u.UserName == "gusu-r");
        var cut = Render<UserDialog>(p => p.Add(c => c.Caller, admin).Add(c => c.Units, []).Add(c => c.Saved, CountSaved()));
        await cut.InvokeAsync(() => cut.Instance.Open(UserDialog.Mode.Password, user));

        dialogs.WaitForElement("#user-password").Change("Newpass123");
        dialogs.Find("#user-save").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("密码已重置，该用户已退出登录", snackbars.Markup));
        Assert.Equal(1, saved);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#user-password")));
    }

    [Fact]
    public async Task TheRootUnitCanOnlyBeEditedAndAUnitWithUsersCannotBeDeleted()
    {
        var units = await Settings.GetUnitsAsync(admin);
        UnitNode? edited = null;
        var cut = Render<UnitTable>(p => p.Add(c => c.Units, units)
            .Add(c => c.OnEdit, EventCallback.Factory.Create<UnitNode>(this, u => edited = u)));

        string[] Buttons(string unit) => cut.FindAll("#unit-table tbody tr")
            .Single(r => r.QuerySelector("td.unit-name")!.TextContent.Trim() == unit)
            .QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToArray();

        Assert.Equal(["修改"], Buttons("苏州市总工会"));
        Assert.Equal(["修改", "移动", "停用"], Buttons(units.Single(u => u.ShortName == "姑苏区总").Name));
        var empty = units.First(u => u.ParentId is not null && u.UserCount == 0 && u.ItemCount == 0);
        Assert.Contains("删除", Buttons(empty.Name));

        cut.FindAll("#unit-table tbody tr").Single(r => r.QuerySelector("td.unit-name")!.TextContent.Trim() == empty.Name)
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "修改").Click();
        Assert.Equal(empty.Id, edited?.Id);
    }

    [Fact]
    public async Task ANewAdoptionFormIsAddedToItsPeriodicalAfterTheLastOne()
    {
        RenderProviders();
        var publication = (await Settings.GetPublicationsAsync(admin)).First();
        var cut = Render<AdoptionFormDialog>(p => p.Add(c => c.Caller, admin).Add(c => c.Saved, CountSaved()));
        await cut.InvokeAsync(() => cut.Instance.Open(publication, null));

        dialogs.WaitForAssertion(() => Assert.Contains($"新增采用形式（{publication.Name}）", dialogs.Find(".mud-dialog-title").TextContent));
        dialogs.Find("#form-name").Change("评论");
        dialogs.Find("#form-points").Change("7");
        dialogs.Find("#form-save").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("保存成功", snackbars.Markup));
        Assert.Equal(1, saved);
        var forms = (await Settings.GetPublicationsAsync(admin)).Single(p => p.Id == publication.Id).Forms;
        var added = forms.Single(f => f.Name == "评论");
        Assert.Equal(7, added.Points);
        Assert.Equal(forms.Max(f => f.SortOrder), added.SortOrder);
    }
}
