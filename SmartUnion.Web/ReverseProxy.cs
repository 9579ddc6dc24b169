using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SmartUnion.Web;

/// <summary>
/// <c>SmartUnion:ReverseProxy</c>: the app behind a proxy that ends TLS (nginx, IIS ARR, a gateway). Only the proxies named
/// there are believed when they send <c>X-Forwarded-Proto</c> (so a request that reached the proxy over HTTPS counts as
/// HTTPS: the sign-in cookie is marked Secure and HSTS is sent) and <c>X-Forwarded-For</c> (the client's address in logs).
/// Nothing configured: forwarded headers are ignored, whoever sends them.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "SmartUnion:ReverseProxy";

    /// <summary>The forwarded-headers options for the configured proxies, or null when none is configured.</summary>
    /// <exception cref="InvalidOperationException">An entry is not an IP address or a network (the app does not start).</exception>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0) return null;

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // Only what is configured: not the framework's default of loopback.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (!IPAddress.TryParse(proxy.Trim(), out var address))
                throw new InvalidOperationException($"配置项 {Section}:KnownProxies 中的“{proxy}”不是 IP 地址（例如 10.0.0.5）");
            options.KnownProxies.Add(address);
        }
        foreach (var network in networks)
        {
            if (!System.Net.IPNetwork.TryParse(network.Trim(), out var parsed))
                throw new InvalidOperationException($"配置项 {Section}:KnownNetworks 中的“{network}”不是网段（例如 10.0.0.0/24）");
            options.KnownIPNetworks.Add(parsed);
        }
        return options;
    }

    /// <summary>Believes forwarded headers from the configured proxies; first in the pipeline, so everything after sees the client's scheme.</summary>
    public static void UseConfiguredReverseProxy(this WebApplication app)
    {
        if (Options(app.Configuration) is { } options) app.UseForwardedHeaders(options);
    }
}
