using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;

namespace SmartUnion.Web;

/// <summary>
/// <c>SmartUnion:SignIn</c>: sign-in POSTs (<c>/Account/Login</c>) are limited per client address (after
/// <see cref="ReverseProxy"/> has put the real client's address in place), so nobody can try passwords, lock accounts or
/// probe user names faster than <c>PermitLimit</c> attempts per <c>WindowSeconds</c>; a refused attempt gets 429 with a
/// Chinese page. A form post without a valid antiforgery token gets a Chinese 400 page instead of the framework's text.
/// </summary>
public static class SignInProtection
{
    public const string Section = "SmartUnion:SignIn";
    public const string LoginPath = "/Account/Login";

    /// <summary>The limit as configured; the defaults are 10 attempts a minute per client address.</summary>
    /// <exception cref="InvalidOperationException">A value below 1 (the app does not start).</exception>
    public static (int PermitLimit, TimeSpan Window) Limit(IConfiguration configuration)
    {
        var permits = configuration.GetValue($"{Section}:PermitLimit", 10);
        var seconds = configuration.GetValue($"{Section}:WindowSeconds", 60);
        if (permits < 1) throw new InvalidOperationException($"配置项 {Section}:PermitLimit 必须至少为 1（每个时间窗内允许的登录次数）");
        if (seconds < 1) throw new InvalidOperationException($"配置项 {Section}:WindowSeconds 必须至少为 1（秒）");
        return (permits, TimeSpan.FromSeconds(seconds));
    }

    public static void AddSignInRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var (permits, window) = Limit(configuration);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInProtection))
                    .LogWarning("登录尝试过于频繁，已拒绝来自 {ClientAddress} 的登录请求", ClientKey(context));
                var wording = seconds >= 60 ? $"{(seconds + 59) / 60}分钟" : $"{seconds}秒";
                await WritePageAsync(context, StatusCodes.Status429TooManyRequests, "登录尝试过于频繁",
                    $"登录尝试过于频繁，请{wording}后再试。如忘记密码，请联系管理员重置。", ct);
            };
        });
    }

    /// <summary>Right after the reverse-proxy step, so the limit applies to the real client's address.</summary>
    public static void UseSignInRateLimiting(this WebApplication app) => app.UseRateLimiter();

    /// <summary>After <c>UseAntiforgery</c>: a form post whose token failed validation ends here with a Chinese page.</summary>
    public static void UseChineseAntiforgeryRefusal(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            await WritePageAsync(context, StatusCodes.Status400BadRequest, "页面已过期",
                "页面已过期或缺少安全校验信息（例如页面打开太久，或已在其他窗口退出登录），本次提交未被处理。请返回登录页，刷新后重新操作。",
                context.RequestAborted);
            return;
        }
        await next(context);
    });

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : "unknown";

    /// <summary>A small static page in the look of the login card (no script, so it fits the CSP).</summary>
    private static async Task WritePageAsync(HttpContext context, int status, string title, string message, CancellationToken ct)
    {
        var html = HtmlEncoder.Default;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{html.Encode(title)} - 苏州智慧工会信息报送平台</title><link rel="stylesheet" href="/app.css" /></head>
            <body><div class="login-card">
            <h1>苏州智慧工会信息报送平台</h1>
            <h2>{html.Encode(title)}</h2>
            <p class="form-error" role="alert" id="page-message">{html.Encode(message)}</p>
            <p><a href="{LoginPath}">返回登录页</a></p>
            </div></body>
            </html>
            """, ct);
    }
}
