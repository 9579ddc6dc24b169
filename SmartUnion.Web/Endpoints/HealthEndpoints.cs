using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartUnion.Domain.Data;

namespace SmartUnion.Web.Endpoints;

/// <summary>/healthz: 200 "Healthy" when the database answers, 503 otherwise.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddSmartUnionHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static void MapSmartUnionHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();

    private sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                return await db.Database.CanConnectAsync(cancellationToken) && await db.Units.AnyAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("数据库不可用");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("数据库不可用", ex);
            }
        }
    }
}
