using System.Collections;
using System.Globalization;
using System.Resources;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using SmartUnion.Web;
using SmartUnion.Web.Components.Pages.Deductions;
using SmartUnion.Web.Services;

namespace SmartUnion.Tests.Components;

/// <summary>
/// MudBlazor's own texts in Chinese, as the app registers them: every key of MudBlazor's LanguageResource is
/// translated with the same positional placeholders, and the components the app uses render Chinese with no
/// unfilled placeholder (the pager once showed 第 {first_item}-{last_item} 条，共 {all_items} 条).
/// </summary>
public partial class ChineseMudTextsTests : BunitTestBase
{
    private TestDatabase t = default!;
    private string userId = "";

    public ChineseMudTextsTests()
    {
        Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        Services.AddSingleton(_ => t.Get<DeductionService>());
        Services.AddSingleton(_ => t.Get<CallerService>());
        Services.AddSingleton<IChangeNotifier>(_ => t.Notifier);
        Services.AddSingleton<TimeProvider>(_ => t.Clock);
        Services.AddSingleton<AuthenticationStateProvider>(_ => new FixedAuthState(userId));
        Services.AddScoped<CurrentCaller>();
    }

    // The app's culture (WebServiceExtensions): MudBlazor asks the MudLocalizer unless the UI culture is English.
    // Set in each test's own flow, so other test classes running in parallel keep theirs.
    private static void UseAppCulture() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = WebServiceExtensions.Culture;

    public override async Task InitializeAsync() => t = await TestDatabase.CreateAsync();

    protected override async Task CleanUpAsync() => await t.DisposeAsync();

    private static Dictionary<string, string> EnglishTexts()
    {
        var manager = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudTable<>).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void EveryMudBlazorTextIsTranslatedWithThePlaceholdersMudBlazorFillsAndNoOthers()
    {
        UseAppCulture();
        var english = EnglishTexts();
        Assert.True(english.Count > 100, "MudBlazor's LanguageResource was not found");
        Assert.Empty(english.Keys.Except(ChineseMudLocalizer.Texts.Keys)); // nothing left in English
        Assert.Empty(ChineseMudLocalizer.Texts.Keys.Except(english.Keys)); // no key MudBlazor does not ask for

        var localizer = new ChineseMudLocalizer();
        foreach (var (key, en) in english)
        {
            var arguments = Placeholders().Matches(en).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
            var zh = ChineseMudLocalizer.Texts[key];
            Assert.All(Placeholders().Matches(zh), m => Assert.True(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) < arguments, $"{key}: {zh}"));
            var text = localizer[key, Enumerable.Range(0, arguments).Select(i => (object)$"«{i}»").ToArray()].Value;
            Assert.DoesNotContain("{", text);
            Assert.DoesNotContain("}", text);
            Assert.False(localizer[key].ResourceNotFound, key);
        }
        Assert.Equal("第 1-20 条，共 25 条", localizer["MudDataGridPager_InfoFormat", "1", "20", "25"].Value);
    }

    [Fact]
    public async Task TheDeductionListsPagerShowsTheRowsInChinese()
    {
        UseAppCulture();
        var reviewer = await t.CreateUserAsync("rev", "苏州市总工会", Roles.Reviewer);
        var gusu = await t.UnitIdAsync("姑苏区总");
        for (var i = 0; i < 25; i++)
            await t.Get<DeductionService>().CreateAsync(reviewer, new DeductionInput(gusu, 1, $"原因{i}", new DateOnly(2026, 11, 1)));
        userId = reviewer.UserId;
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();

        var cut = Render<DeductionList>();

        cut.WaitForAssertion(() => Assert.Contains("第 1-20 条，共 25 条", cut.Markup));
        Assert.Contains("每页条数:", cut.Markup);
        Assert.Equal("全选", cut.Find("#deduction-select-all").GetAttribute("aria-label")); // the select-all box's label for screen readers
        Assert.Equal(["开始日期", "结束日期"], cut.FindAll(".mud-input-control:has(input[type=date]) label").Select(l => l.TextContent).ToArray());
        AssertNoPlaceholder(cut.Markup);
        Assert.NotNull(cut.Find("button[aria-label='下一页']"));
    }

    [Fact]
    public void ATablePagerAndADataGridPagerFillTheirCountsInChinese()
    {
        UseAppCulture();
        var rows = Enumerable.Range(1, 25).Select(i => new Row(i, $"第{i}行")).ToList();
        var table = Render<MudTable<Row>>(p => p
            .Add(x => x.Items, rows)
            .Add(x => x.RowsPerPage, 10)
            .Add(x => x.MultiSelection, true)
            .Add(x => x.RowTemplate, r => $"<td>{r.Name}</td>")
            .Add(x => x.PagerContent, (RenderFragment)(b => { b.OpenComponent<MudTablePager>(0); b.CloseComponent(); })));
        Assert.Contains("第 1-10 条，共 25 条", table.Markup);
        AssertNoPlaceholder(table.Markup);

        var grid = Render<MudDataGrid<Row>>(p => p
            .Add(x => x.Items, rows)
            .Add(x => x.RowsPerPage, 10)
            .Add(x => x.Columns, (RenderFragment)(b =>
            {
                b.OpenComponent<PropertyColumn<Row, string>>(0);
                b.AddComponentParameter(1, nameof(PropertyColumn<Row, string>.Property), (System.Linq.Expressions.Expression<Func<Row, string>>)(r => r.Name));
                b.CloseComponent();
            }))
            .Add(x => x.PagerContent, (RenderFragment)(b => { b.OpenComponent<MudDataGridPager<Row>>(0); b.CloseComponent(); })));
        grid.WaitForAssertion(() => Assert.Contains("第 1-10 条，共 25 条", grid.Markup));
        Assert.Contains("每页条数:", grid.Markup);
        AssertNoPlaceholder(grid.Markup);
    }

    [Fact]
    public void AnOpenDatePickerNamesItsButtonsInChinese()
    {
        UseAppCulture();
        Render<MudPopoverProvider>();
        var picker = Render<MudDatePicker>(p => p
            .Add(x => x.PickerVariant, PickerVariant.Static)
            .Add(x => x.Date, new DateTime(2026, 11, 26)));

        var labels = picker.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")!).ToList();
        Assert.Contains(labels, l => l.StartsWith("上个月", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("下个月", StringComparison.Ordinal));
        Assert.All(labels, l => Assert.DoesNotMatch("Previous|Next|Open", l));
        AssertNoPlaceholder(picker.Markup);
    }

    [Fact]
    public void ANumericFieldsSpinButtonsAndAClearableFieldAreChinese()
    {
        UseAppCulture();
        var numeric = Render<MudNumericField<int?>>(p => p.Add(x => x.Value, 3));
        Assert.NotNull(numeric.Find("button[aria-label='增加']"));
        Assert.NotNull(numeric.Find("button[aria-label='减少']"));
        var text = Render<MudTextField<string>>(p => p.Add(x => x.Value, "姑苏").Add(x => x.Clearable, true));
        Assert.NotNull(text.Find("button[aria-label='清除']"));
        AssertNoPlaceholder(numeric.Markup + text.Markup);
    }

    private static void AssertNoPlaceholder(string markup)
    {
        Assert.DoesNotContain("{", markup);
        Assert.DoesNotContain("}", markup);
    }

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholders();

    public sealed record Row(int Id, string Name);

    private sealed class FixedAuthState(string userId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"))));
    }
}
