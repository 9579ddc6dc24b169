using Microsoft.Extensions.DependencyInjection;
using SmartUnion.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// bunit 2 with MudBlazor services. MudBlazor's services are only IAsyncDisposable, so the
/// context is disposed asynchronously through <see cref="IAsyncLifetime"/>.
/// </summary>
/// <remarks>
/// Subclasses register their own services in their constructor or in <see cref="InitializeAsync"/>.
/// The renderer info is set only after <see cref="InitializeAsync"/>: setting it creates the renderer,
/// which builds the service provider, and no service can be added after that.
/// </remarks>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// Live updates arrive from a background thread (and the list waits a quiet period before it re-queries): on a busy
    /// 2-core CI machine running test classes in parallel, bunit's default of 1 s for WaitFor… is too short.
    /// </summary>
    static BunitTestBase() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected BunitTestBase()
    {
        Services.AddMudServices();
        // Web services every page may use that need nothing but bunit's JS runtime.
        Services.AddScoped<BrowserDownload>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Runs before the test and before anything renders: create databases, register services.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Runs after the bunit context is disposed: remove databases and files.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await CleanUpAsync();
    }
}
