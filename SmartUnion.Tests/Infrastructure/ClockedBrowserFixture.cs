using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartUnion.Domain.Services;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// The app's clock in a browser test that has to live through a month: real time runs on, shifted by an offset that
/// the test sets (<see cref="SetChinaTime"/>). Only forward of real time, so that cookies and data-protection keys
/// issued by the app stay valid for the browser; the shift applies to everything that reads the registered
/// <see cref="TimeProvider"/> (services, seeding, timestamps, sign-in).
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Moves the clock so that it is now <paramref name="local"/> in China; never back before real time or before the clock's current time.</summary>
    public void SetChinaTime(DateTime local)
    {
        var target = new DateTimeOffset(ChinaTime.ToUtc(local));
        var offset = target - System.GetUtcNow();
        if (offset < Offset) throw new InvalidOperationException($"The clock only moves forward (asked for {local:yyyy-MM-dd HH:mm}).");
        Interlocked.Exchange(ref offsetTicks, offset.Ticks);
    }
}

/// <summary>An app whose <see cref="TimeProvider"/> is <see cref="Clock"/>, set before the app starts (the demo data are seeded from it).</summary>
public sealed class ClockedAppFactory(AdjustableClock clock) : SmartUnionAppFactory
{
    public AdjustableClock Clock { get; } = clock;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>
/// A browser fixture over a <see cref="ClockedAppFactory"/> whose clock starts at 10:00 (China) on the 20th of the month
/// after next: the test can then move on to the next month without ever going back before real time.
/// </summary>
public sealed class ClockedBrowserFixture : BrowserFixture
{
    public ClockedBrowserFixture() : this(new AdjustableClock()) { }

    private ClockedBrowserFixture(AdjustableClock clock) : base(new ClockedAppFactory(clock))
    {
        var today = ChinaTime.Today(TimeProvider.System);
        Month = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        clock.SetChinaTime(Month.AddDays(19).ToDateTime(new TimeOnly(10, 0)));
        Clock = clock;
    }

    public AdjustableClock Clock { get; }

    /// <summary>The month the app's clock starts in.</summary>
    public DateOnly Month { get; }
}

[CollectionDefinition(Name)]
public sealed class ClockedBrowserCollection : ICollectionFixture<ClockedBrowserFixture>
{
    public const string Name = "clocked browser";
}
