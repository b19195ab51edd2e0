using Matching.Api.Security;
using Matching.Hosting;
using Matching.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Matching.Api.Hosting;

/// <summary>
/// The API's telemetry: the product's and Orleans' meters (in embedded mode the grains run here, so all of the
/// product's figures are here), ASP.NET Core's and HttpClient's, a Prometheus scrape endpoint, and traces from
/// each HTTP request through the grains it calls when an OTLP endpoint is configured.
/// </summary>
public static class TelemetryHosting
{
    public const string ServiceName = "matching-api";

    public static WebApplicationBuilder AddMatchingTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddMatchingTelemetry(
            builder.Configuration,
            ServiceName,
            metrics: m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter(),
            tracing: t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        return builder;
    }

    /// <summary>
    /// <c>Matching:Telemetry:MetricsPath</c> (<c>/metrics</c>): for staff and admins, or, with
    /// <c>Matching:Telemetry:MetricsPort</c>, for anyone on that port only (a port the network keeps private).
    /// </summary>
    public static IEndpointRouteBuilder MapMatchingMetrics(this IEndpointRouteBuilder app)
    {
        var options = TelemetryOptions.From(app.ServiceProvider.GetRequiredService<IConfiguration>());
        var scrape = app.MapPrometheusScrapingEndpoint(options.MetricsPath);
        if (options.MetricsPort is { } port)
        {
            scrape.RequireHost($"*:{port}").AllowAnonymous();
        }
        else
        {
            scrape.RequireAuthorization(Policies.Staff);
        }

        return app;
    }
}
