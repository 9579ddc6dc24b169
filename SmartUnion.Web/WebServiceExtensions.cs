using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components;
using SmartUnion.Web.Components.Account;
using SmartUnion.Web.Endpoints;
using SmartUnion.Web.Services;

namespace SmartUnion.Web;

public static class WebServiceExtensions
{
    public static readonly CultureInfo Culture = CreateCulture();

    /// <summary>Blazor, MudBlazor, authentication, authorization policies and the web-side services.</summary>
    public static void AddWebServices(this WebApplicationBuilder builder)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c =>
        {
            // Bottom right: at the top the messages covered the list's filter row (issue 13). One message per action,
            // the same text never twice at once, and at most three on screen.
            c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            c.SnackbarConfiguration.PreventDuplicates = true;
            c.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            c.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "SmartUnion.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Checked on every request (security stamp, user and unit 停用): 退出, 修改密码, 重置密码, 停用 and role
            // changes end every session at once (replaces Identity's SecurityStampValidator, see SessionCookie).
            o.Events.OnValidatePrincipal = SessionCookie.ValidatePrincipalAsync;
        });
        // ... and on every circuit event (SessionCircuitHandler), every 10 s for an idle circuit.
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddSingleton<PasswordChangeTickets>();
        services.AddAuthorizationBuilder().AddSmartUnionPolicies();
        services.AddHttpContextAccessor();
        var postgres = DependencyInjection.ParseProvider(builder.Configuration[$"{SmartUnionOptions.Section}:Database:Provider"])
            == DatabaseProvider.PostgreSQL;
        var dataProtection = services.AddDataProtection().SetApplicationName("SmartUnion");
        if (postgres)
        {
            // Several instances share one database: the keys live in it, so a cookie issued by one instance is
            // accepted by every other (issue 15).
            dataProtection.PersistKeysToDbContext<AppDbContext>();
        }
        else
        {
            // SQLite is one process: the keys beside the database, so a restart keeps everyone signed in (and an
            // existing installation keeps its keys and sessions).
            var dataFolder = DependencyInjection.ResolveDataFolder(
                builder.Configuration[$"{SmartUnionOptions.Section}:DataFolder"] ?? "App_Data", builder.Environment.ContentRootPath);
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
        }

        if (postgres)
        {
            // Live updates across instances: LISTEN/NOTIFY on the shared database.
            services.AddSingleton(sp => new PostgresChangeNotifier(
                sp.GetRequiredService<DatabaseConnection>().ConnectionString, sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IChangeNotifier>(sp => sp.GetRequiredService<PostgresChangeNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeNotifier>());
        }
        else
        {
            services.AddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        }
        services.AddScoped<CurrentCaller>();
        services.AddScoped<BrowserDownload>();
        services.AddSmartUnionHealthChecks();
        services.AddSignInRateLimiting(builder.Configuration);
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    /// <summary>The HTTP pipeline: errors, localization, auth, antiforgery, components and endpoints.</summary>
    public static void UseWebPipeline(this WebApplication app)
    {
        app.UseConfiguredReverseProxy();
        app.UseSecurityHeaders();
        app.UseSignInRateLimiting();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseChineseAntiforgeryRefusal();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            // Our own CSP (SecurityHeaders) carries frame-ancestors 'none'; Blazor's default header would weaken it to 'self'.
            o.ContentSecurityFrameAncestorsPolicy = null;
            // No per-message deflate on the circuit's WebSocket: its zlib state is native memory held for every open page
            // (a few hundred KiB per circuit, see benchmarks/RESULTS.md (d)), and render batches on an intranet are small.
            o.DisableWebSocketCompression = true;
        });
        app.MapAccountEndpoints();
        app.MapSmartUnionHealthChecks();
        app.MapReportEndpoints();
        app.MapAttachmentEndpoints();
        app.MapItemExportEndpoints();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                app.Logger.LogInformation("苏州智慧工会信息报送平台已启动: {Url}", url);
            // Requests for any other host name are refused with 400 (README: AllowedHosts).
            app.Logger.LogInformation("允许访问的主机名 (AllowedHosts): {AllowedHosts}", app.Configuration["AllowedHosts"] ?? "*");
        });
    }

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("zh-CN").Clone();
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        return culture;
    }
}
