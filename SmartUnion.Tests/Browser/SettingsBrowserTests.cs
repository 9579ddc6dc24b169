using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartUnion.Tests.Browser;

/// <summary>
/// Every button of 系统设置 (单位管理, 用户账号, 期刊与分值 with 重新计算积分), clicked by the administrator, each checked by
/// its outcome. The app is shared by the whole browser collection: these tests make their own units, users and
/// publications, leave the demo accounts alone, and switch their publication off again at the end.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SettingsBrowserTests(BrowserFixture fixture)
{
    private static string Unique(string prefix, int length = 6) => prefix + Guid.NewGuid().ToString("N")[..length];

    private static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    /// <summary>确定 in the confirmation box.</summary>
    private static async Task ConfirmAsync(IPage page, string title)
    {
        await Expect(Dialog(page).Locator(".mud-dialog-title")).ToContainTextAsync(title);
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "确定", Exact = true }).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    /// <summary>Opens the dialog's MudSelect labelled <paramref name="label"/> and picks the item whose text (after the indentation) is <paramref name="text"/>.</summary>
    private static async Task PickAsync(IPage page, string label, string text)
    {
        await Dialog(page).Locator(".mud-input-control.mud-select", new() { HasTextString = label }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^[\\s　]*{Regex.Escape(text)}\\s*$") }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task SaveDialogAsync(IPage page, string saveId)
    {
        await page.Locator(saveId).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    /// <summary>Runs a journey; on failure keeps a screenshot of each page in the temp folder; closes the contexts.</summary>
    private static async Task JourneyAsync(string name, IEnumerable<IPage> pages, Func<Task> journey)
    {
        var list = pages.ToList();
        try { await journey(); }
        catch
        {
            var i = 0;
            foreach (var page in list)
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"smartunion-settings-{name}-{i++}.png"), FullPage = true });
            throw;
        }
        finally
        {
            foreach (var page in list) await page.Context.CloseAsync();
        }
    }

    /// <summary>Submits the sign-in form in a fresh browser context.</summary>
    private async Task<IPage> SubmitLoginAsync(string userName, string password)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.UserName", userName);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
        return page;
    }

    private async Task ExpectSignInRefusedAsync(string userName, string password)
    {
        var page = await SubmitLoginAsync(userName, password);
        try { await Expect(page.Locator("#login-error")).ToBeVisibleAsync(); }
        finally { await page.Context.CloseAsync(); }
    }

    /// <summary>The password is accepted: the browser leaves the sign-in page (for the app, or to choose a new password).</summary>
    private async Task ExpectSignInAcceptedAsync(string userName, string password)
    {
        var page = await SubmitLoginAsync(userName, password);
        try
        {
            await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
            await Expect(page.Locator("#login-error")).ToHaveCountAsync(0);
        }
        finally { await page.Context.CloseAsync(); }
    }

    // ---- 单位管理 ----

    private static ILocator UnitRow(IPage page, string name) =>
        page.Locator("#unit-table tbody tr").Filter(new() { Has = page.Locator("td.unit-name", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(name)}\\s*$") }) });

    private static async Task AddUnitAsync(IPage page, string parent, string name, string shortName)
    {
        await page.Locator("#add-unit").ClickAsync();
        await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("新增单位");
        await PickAsync(page, "上级单位", parent);
        await page.Locator("#unit-name").FillAsync(name);
        await page.Locator("#unit-short-name").FillAsync(shortName);
        await SaveDialogAsync(page, "#unit-save");
        await Expect(UnitRow(page, name)).ToHaveCountAsync(1);
    }

    private async Task<int?> ParentIdAsync(string unitName) =>
        await fixture.App.WithDbAsync(db => db.Units.Where(u => u.Name == unitName).Select(u => u.ParentId).SingleAsync());

    private async Task<int> UnitIdAsync(string unitName) =>
        await fixture.App.WithDbAsync(db => db.Units.Where(u => u.Name == unitName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task TheAdministratorAddsEditsMovesDisablesEnablesAndDeletesUnits()
    {
        var tag = Unique("");
        string first = $"测试甲工会{tag}", second = $"测试乙工会{tag}", renamed = $"测试丙工会{tag}";
        var page = await fixture.LoginAsync("admin", path: "/settings/units");
        await JourneyAsync("units", [page], async () =>
        {
            // 新增 twice, both under 苏州市总工会.
            await AddUnitAsync(page, "苏州市总工会", first, $"甲{tag}");
            await AddUnitAsync(page, "苏州市总工会", second, $"乙{tag}");
            await Expect(UnitRow(page, first).Locator("td").Nth(1)).ToHaveTextAsync($"甲{tag}");
            await Expect(UnitRow(page, first)).ToContainTextAsync("启用");

            // 修改: new name and short name in the row.
            await UnitRow(page, first).GetByRole(AriaRole.Button, new() { Name = "修改", Exact = true }).ClickAsync();
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("修改单位");
            await Expect(page.Locator("#unit-name")).ToHaveValueAsync(first);
            await page.Locator("#unit-name").FillAsync(renamed);
            await page.Locator("#unit-short-name").FillAsync($"丙{tag}");
            await SaveDialogAsync(page, "#unit-save");
            await Expect(UnitRow(page, renamed).Locator("td").Nth(1)).ToHaveTextAsync($"丙{tag}");
            await Expect(UnitRow(page, first)).ToHaveCountAsync(0);

            // 移动: 乙 under 丙; the row follows its new parent, indented one level deeper.
            await UnitRow(page, second).GetByRole(AriaRole.Button, new() { Name = "移动", Exact = true }).ClickAsync();
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("移动单位");
            await PickAsync(page, "上级单位", renamed);
            await SaveDialogAsync(page, "#unit-save");
            Assert.Equal(await UnitIdAsync(renamed), await ParentIdAsync(second));
            var names = (await page.Locator("#unit-table td.unit-name").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
            Assert.Equal(names.IndexOf(renamed) + 1, names.IndexOf(second));
            var indent = await UnitRow(page, second).Locator("td.unit-name span").First.GetAttributeAsync("style");
            Assert.Contains("padding-left: 48px", indent);

            // 停用 → 已停用 (and 启用 offered); 启用 → 启用 again.
            await UnitRow(page, second).GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true }).ClickAsync();
            await ConfirmAsync(page, "停用单位");
            await Expect(UnitRow(page, second)).ToContainTextAsync("已停用");
            Assert.False(await fixture.App.WithDbAsync(db => db.Units.Where(u => u.Name == second).Select(u => u.IsActive).SingleAsync()));
            await UnitRow(page, second).GetByRole(AriaRole.Button, new() { Name = "启用", Exact = true }).ClickAsync();
            await ConfirmAsync(page, "启用单位");
            await Expect(UnitRow(page, second).GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true })).ToBeVisibleAsync();
            await Expect(UnitRow(page, second)).Not.ToContainTextAsync("已停用");

            // 删除 (offered for units without items and users): child first, then its parent.
            foreach (var name in new[] { second, renamed })
            {
                await UnitRow(page, name).GetByRole(AriaRole.Button, new() { Name = "删除", Exact = true }).ClickAsync();
                await ConfirmAsync(page, "删除单位");
                await Expect(UnitRow(page, name)).ToHaveCountAsync(0);
            }
            Assert.Equal(0, await fixture.App.WithDbAsync(db => db.Units.CountAsync(u => u.Name.EndsWith(tag))));
        });
    }

    // ---- 用户账号 ----

    private static ILocator UserRow(IPage page, string userName) =>
        page.Locator("#user-table tbody tr").Filter(new() { Has = page.Locator($"td.user-name:text-is('{userName}')") });

    private static ILocator Cell(ILocator row, string label) => row.Locator($"td[data-label='{label}']");

    private static Task ClickInRowAsync(ILocator row, string button) =>
        row.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    [Fact]
    public async Task TheAdministratorCreatesAUserWhoCanSignInThenEditsChangesTheRoleResetsThePasswordDisablesAndEnables()
    {
        var userName = Unique("测试用户", 6);
        const string firstPassword = "first1234", secondPassword = "second5678";
        var page = await fixture.LoginAsync("admin", path: "/settings/users");
        await JourneyAsync("users", [page], async () =>
        {
            // 新增: user name (Chinese), 姓名, 所属单位, 角色, 初始密码.
            await page.Locator("#add-user").ClickAsync();
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("新增用户");
            await page.Locator("#user-username").FillAsync(userName);
            await page.Locator("#user-displayname").FillAsync("测试报送员");
            await PickAsync(page, "所属单位", "姑苏区总");
            await PickAsync(page, "角色", Roles.Reporter);
            await page.Locator("#user-password").FillAsync(firstPassword);
            await SaveDialogAsync(page, "#user-save");
            var row = UserRow(page, userName);
            await Expect(Cell(row, "姓名")).ToHaveTextAsync("测试报送员");
            await Expect(Cell(row, "所属单位")).ToHaveTextAsync("姑苏区总");
            await Expect(Cell(row, "角色")).ToContainTextAsync(Roles.Reporter);
            await Expect(Cell(row, "状态")).ToHaveTextAsync("启用");
            await ExpectSignInAcceptedAsync(userName, firstPassword);

            // 修改: 姓名 and 所属单位.
            await ClickInRowAsync(row, "修改");
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("修改用户");
            await page.Locator("#user-displayname").FillAsync("测试报送员二");
            await PickAsync(page, "所属单位", "吴中区总");
            await SaveDialogAsync(page, "#user-save");
            await Expect(Cell(row, "姓名")).ToHaveTextAsync("测试报送员二");
            await Expect(Cell(row, "所属单位")).ToHaveTextAsync("吴中区总");

            // 修改角色: 报送员 → 审核员.
            await ClickInRowAsync(row, "修改角色");
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("修改角色");
            await PickAsync(page, "角色", Roles.Reviewer);
            await SaveDialogAsync(page, "#user-save");
            await Expect(Cell(row, "角色")).ToContainTextAsync(Roles.Reviewer);
            await Expect(Cell(row, "角色")).Not.ToContainTextAsync(Roles.Reporter);

            // 重置密码: the old password stops working, the new one is accepted.
            await ClickInRowAsync(row, "重置密码");
            await Expect(Dialog(page).Locator(".mud-dialog-title")).ToHaveTextAsync("重置密码");
            await page.Locator("#user-password").FillAsync(secondPassword);
            await SaveDialogAsync(page, "#user-save");
            await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "密码已重置" })).ToBeVisibleAsync();
            await ExpectSignInRefusedAsync(userName, firstPassword);
            await ExpectSignInAcceptedAsync(userName, secondPassword);

            // 停用 → 已停用, sign-in refused; 启用 → 启用.
            await ClickInRowAsync(row, "停用");
            await ConfirmAsync(page, "停用用户");
            await Expect(Cell(row, "状态")).ToHaveTextAsync("已停用");
            await ExpectSignInRefusedAsync(userName, secondPassword);
            await ClickInRowAsync(row, "启用");
            await ConfirmAsync(page, "启用用户");
            await Expect(Cell(row, "状态")).Not.ToHaveTextAsync("已停用");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true })).ToBeVisibleAsync();
        });
    }

    // ---- 期刊与分值, 重新计算积分 ----

    private static ILocator PublicationRow(IPage page, string name) =>
        page.Locator("#publication-table tbody tr").Filter(new() { Has = page.Locator($"td.publication-name:text-is('{name}')") });

    private async Task<int> TotalAsync(string unit)
    {
        var ranking = await fixture.Service<RankingService>().GetRankingAsync(await fixture.CallerAsync("admin"),
            Period.Year(ChinaTime.Today(TimeProvider.System).Year));
        return ranking.SingleOrDefault(r => r.Score.UnitName == unit) is { } row ? (int)row.Score.Total : 0;
    }

    [Fact]
    public async Task TheAdministratorAddsAndEditsAPublicationAndItsFormAndRecalculatedPointsReachTheRanking()
    {
        const string unit = "姑苏区总";
        var name = Unique("《测试期刊", 4) + "》";
        var renamed = Unique("《测试周刊", 4) + "》";
        var year = ChinaTime.Today(TimeProvider.System).Year;
        var admin = await fixture.LoginAsync("admin", path: "/settings/publications");
        var reviewer = await fixture.LoginAsync("shenhe", path: "/items");
        await JourneyAsync("publications", [admin, reviewer], async () =>
        {
            // 新增期刊 (市级 期刊 by default): a row here and a column in the reviewer's open 公文信息.
            await admin.Locator("#add-publication").ClickAsync();
            await Expect(Dialog(admin).Locator(".mud-dialog-title")).ToHaveTextAsync("新增期刊");
            await admin.Locator("#publication-name").FillAsync(name);
            await SaveDialogAsync(admin, "#publication-save");
            var row = PublicationRow(admin, name);
            await Expect(row.Locator("td[data-label='所属市区']")).ToHaveTextAsync("市级");
            await Expect(row.Locator("td[data-label='状态']")).ToHaveTextAsync("启用");
            await reviewer.ReloadAsync();
            await BrowserFixture.WaitForCircuitAsync(reviewer);
            await Expect(reviewer.Locator("#item-table th.publication-header", new() { HasTextString = name })).ToHaveCountAsync(1);

            // 修改 the publication: its new name in the row and in the list.
            await ClickInRowAsync(row, "修改");
            await Expect(Dialog(admin).Locator(".mud-dialog-title")).ToHaveTextAsync("修改期刊");
            await admin.Locator("#publication-name").FillAsync(renamed);
            await SaveDialogAsync(admin, "#publication-save");
            row = PublicationRow(admin, renamed);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(PublicationRow(admin, name)).ToHaveCountAsync(0);
            await reviewer.ReloadAsync();
            await BrowserFixture.WaitForCircuitAsync(reviewer);
            await Expect(reviewer.Locator("#item-table th.publication-header", new() { HasTextString = renamed })).ToHaveCountAsync(1);

            // 新增采用形式 正文 6 分.
            await row.GetByRole(AriaRole.Button, new() { Name = "新增采用形式" }).ClickAsync();
            await Expect(Dialog(admin).Locator(".mud-dialog-title")).ToContainTextAsync("新增采用形式");
            await admin.Locator("#form-name").FillAsync("正文");
            await admin.Locator("#form-points").FillAsync("6");
            await SaveDialogAsync(admin, "#form-save");
            await Expect(row.Locator(".form-chip")).ToHaveTextAsync(new Regex("^\\s*正文 6 分\\s*$"));

            // An item of 姑苏区总 adopted by that form counts 6 points.
            var before = await TotalAsync(unit);
            var itemId = await fixture.ReportedItemAsync(Unique("期刊分值"));
            await fixture.AdoptAsync(itemId, (renamed, "正文", year, 1));
            Assert.Equal(before + 6, await TotalAsync(unit));

            // 修改 the form to 9 分 from today (the default 生效日期): the adoption keeps its 6 points until 重新计算积分.
            var today = ChinaTime.Today(TimeProvider.System);
            await row.Locator(".form-chip").ClickAsync();
            await Expect(Dialog(admin).Locator(".mud-dialog-title")).ToContainTextAsync("修改采用形式");
            await Expect(admin.Locator("#form-effective-from")).ToHaveValueAsync(today.ToString("yyyy-MM-dd"));
            await admin.Locator("#form-points").FillAsync("9");
            await SaveDialogAsync(admin, "#form-save");
            await Expect(row.Locator(".form-chip")).ToHaveTextAsync(new Regex("^\\s*正文 9 分\\s*$"));
            Assert.Equal(before + 6, await TotalAsync(unit));
            // The dialog lists the versions: 从最早 6 分, from today 9 分.
            await row.Locator(".form-chip").ClickAsync();
            await Expect(admin.Locator("#form-versions tr.form-version")).ToHaveTextAsync(["从最早6 分", $"{today:yyyy-MM-dd}9 分"]);
            await Dialog(admin).GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
            await Expect(Dialog(admin)).ToHaveCountAsync(0);

            // 重新计算积分 (the page linked under the table) for today: 预览 shows 姑苏区总 old → new, 执行 after the
            // confirmation naming the period, then the preview is empty and the ranking counts 9 points.
            var todayPoints = (await fixture.Service<RankingService>().GetRankingAsync(await fixture.CallerAsync("admin"), new Period(today, today)))
                .Single(r => r.Score.UnitName == unit).Score.AdoptionPoints;
            await admin.Locator("#recalculate-link").ClickAsync();
            await Expect(admin.Locator("#recalc-preview")).ToBeVisibleAsync();
            await admin.Locator("#recalc-from").FillAsync(today.ToString("yyyy-MM-dd"));
            await admin.Locator("#recalc-to").FillAsync(today.ToString("yyyy-MM-dd"));
            await admin.Locator("#recalc-preview").ClickAsync();
            await Expect(admin.Locator($"#recalc-units tr.recalc-unit:has(td.recalc-unit-name:text-is('{unit}')) td.recalc-adoption"))
                .ToHaveTextAsync($"{todayPoints} → {todayPoints + 3}");
            await admin.Locator("#recalc-execute").ClickAsync();
            await ConfirmAsync(admin, "重新计算积分");
            await Expect(admin.Locator(".mud-snackbar", new() { HasTextRegex = new Regex("重新计算完成：录用 [1-9]\\d* 条、领导批示 \\d+ 条分值已更新") })).ToBeVisibleAsync();
            await Expect(admin.Locator("#recalc-empty")).ToHaveTextAsync("该期间没有需要重新计算的积分");
            await Expect(admin.Locator("#recalc-execute")).ToBeDisabledAsync();
            Assert.Equal(before + 9, await TotalAsync(unit));
            await reviewer.Locator("#show-ranking").ClickAsync();
            await Expect(reviewer.Locator($".mud-dialog tr:has(td.ranking-unit:text-is('{unit}')) td.ranking-total"))
                .ToHaveTextAsync((before + 9).ToString());
            await reviewer.Locator("#ranking-cancel").ClickAsync();
            await admin.GotoAsync("/settings/publications");
            await BrowserFixture.WaitForCircuitAsync(admin);

            // 停用 the form (in its dialog), then the publication: gone from the reviewer's list.
            await row.Locator(".form-chip").ClickAsync();
            await Dialog(admin).GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true }).ClickAsync();
            await Expect(Dialog(admin)).ToHaveCountAsync(0);
            await Expect(row.Locator(".form-chip")).ToContainTextAsync("（已停用）");
            await ClickInRowAsync(row, "停用");
            await ConfirmAsync(admin, "停用期刊");
            await Expect(row.Locator("td[data-label='状态']")).ToHaveTextAsync("已停用");
            await reviewer.ReloadAsync();
            await BrowserFixture.WaitForCircuitAsync(reviewer);
            await Expect(reviewer.Locator("#item-table th.publication-header").First).ToBeVisibleAsync();
            await Expect(reviewer.Locator("#item-table th.publication-header", new() { HasTextString = renamed })).ToHaveCountAsync(0);
        });
    }
}
