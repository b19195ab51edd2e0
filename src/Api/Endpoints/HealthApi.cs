using Matching.Api.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Matching.Api.Endpoints;

/// <summary>The health routes: <c>/health/live</c> (the process runs) and <c>/health/ready</c> = <c>/health</c>.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapMatchingHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ClusterHealthCheck.ReadyTag) };
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/health", ready);
        return app;
    }
}
