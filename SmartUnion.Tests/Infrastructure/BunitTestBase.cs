using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// bunit 2 with MudBlazor services. MudBlazor's services are only IAsyncDisposable, so the
/// context is disposed asynchronously through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected BunitTestBase()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
