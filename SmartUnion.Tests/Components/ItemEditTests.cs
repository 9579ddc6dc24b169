using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Tests.Services;
using SmartUnion.Web.Components.Pages.Items;
using SmartUnion.Web.Services;

namespace SmartUnion.Tests.Components;

/// <summary>公文信息 with its parts (ItemEditFields, ItemAttachmentsPanel): loading a draft, 保存 of an incomplete form, 删除 of an attachment.</summary>
public class ItemEditTests : BunitTestBase
{
    private TestDatabase t = default!;
    private string userId = "";
    private Caller reporter = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;

    public ItemEditTests()
    {
        Services.AddSingleton(_ => t.Get<ItemService>());
        Services.AddSingleton(_ => t.Get<CommissionService>());
        Services.AddSingleton(_ => t.Get<ItemShareService>());
        Services.AddSingleton(_ => t.Get<AttachmentService>());
        Services.AddSingleton(_ => t.Get<CallerService>());
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthState(userId));
        Services.AddScoped<CurrentCaller>();
        Services.AddLogging();
    }

    public override async Task InitializeAsync()
    {
        t = await TestDatabase.CreateAsync();
        reporter = await t.CreateUserAsync("gusu-r", "姑苏区总", Roles.Reporter);
        userId = reporter.UserId;
    }

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private IRenderedComponent<ItemEdit> Render(int? id)
    {
        Render<MudPopoverProvider>();
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        var cut = Render<ItemEdit>(p => p.Add(c => c.Id, id));
        cut.WaitForElement("#save-item");
        return cut;
    }

    [Fact]
    public async Task ADraftOpensWithItsTextAndAttachmentsAndDeletingOneAsksFirst()
    {
        var id = await t.DraftAsync(reporter, "待修改公文");
        await t.Get<AttachmentService>().UploadAsync(reporter, id, "通知.txt", ItemTestData.Text("内容"));
        var cut = Render(id);
        Assert.Equal("待修改公文", cut.Find("#item-title").GetAttribute("value"));
        Assert.Contains("通知.txt", cut.Find("#attachment-list .attachment-name").TextContent);

        cut.Find(".delete-attachment").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("确定删除附件“通知.txt”吗？", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "确定").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("附件已删除", snackbars.Markup));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#attachment-list .attachment-row")));
        Assert.Equal(0, await t.CountAsync<Attachment>());
    }

    [Fact]
    public async Task SavingAnEmptyNewFormSaysWhatIsMissingAndSavesNothing()
    {
        var cut = Render(null);

        cut.Find("#save-item").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("请填写标题、正文并选择信息分类", snackbars.Markup));
        Assert.Equal(0, await t.CountAsync<InfoItem>());
    }

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
