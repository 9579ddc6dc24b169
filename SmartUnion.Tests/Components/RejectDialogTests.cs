using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web.Components.Dialogs;

namespace SmartUnion.Tests.Components;

public class RejectDialogTests : BunitTestBase
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<string?> Result)> OpenAsync(int count = 1)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        Task<string?> result = null!;
        await provider.InvokeAsync(() => { result = RejectDialog.ShowAsync(dialogs, count); });
        provider.WaitForElement("#reject-confirm");
        return (provider, result);
    }

    [Fact]
    public async Task AnEmptyReasonIsRefusedAndTheDialogStaysOpen()
    {
        var (provider, result) = await OpenAsync();
        provider.Find("textarea").Input("   ");
        provider.Find("#reject-confirm").Click();

        provider.WaitForAssertion(() => Assert.Contains("请填写驳回理由", provider.Markup));
        Assert.False(result.IsCompleted);
        Assert.NotEmpty(provider.FindAll("#reject-confirm"));
    }

    [Fact]
    public async Task TheBoxShowsNoErrorBeforeAnAttemptEvenWhenItLosesTheFocus()
    {
        var (provider, _) = await OpenAsync();
        Assert.DoesNotContain("请填写驳回理由", provider.Markup);
        provider.Find("textarea").Blur();
        Assert.DoesNotContain("请填写驳回理由", provider.Markup);
        Assert.Empty(provider.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task AfterAFailedAttemptTypingAReasonClearsTheError()
    {
        var (provider, _) = await OpenAsync();
        provider.Find("#reject-confirm").Click();
        provider.WaitForAssertion(() => Assert.Contains("请填写驳回理由", provider.Markup));

        provider.Find("textarea").Input("请补充具体数据");
        provider.WaitForAssertion(() => Assert.DoesNotContain("请填写驳回理由", provider.Markup));
    }

    [Fact]
    public async Task ConfirmingReturnsTheTrimmedReason()
    {
        var (provider, result) = await OpenAsync();
        provider.Find("textarea").Input("  内容与报送要求不符  ");
        provider.Find("#reject-confirm").Click();

        Assert.Equal("内容与报送要求不符", await result.WaitAsync(TimeSpan.FromSeconds(5)));
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#reject-confirm")));
    }

    [Fact]
    public async Task CancellingReturnsNothing()
    {
        var (provider, result) = await OpenAsync();
        provider.Find("textarea").Input("理由");
        provider.Find("#reject-cancel").Click();
        Assert.Null(await result.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ABatchShowsHowManyItemsAreRejected()
    {
        var (provider, _) = await OpenAsync(3);
        Assert.Contains("确定驳回所选的 3 条公文", provider.Find("#reject-count").TextContent);
    }

    [Fact]
    public void AReasonLongerThanFiveHundredCharactersIsRefused()
    {
        Assert.Equal("驳回理由不能超过500个字", RejectDialog.Validate(new string('理', 501)));
        Assert.Null(RejectDialog.Validate(new string('理', 500)));
    }
}
