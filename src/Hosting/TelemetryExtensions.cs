using Matching.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Matching.Hosting;

/// <summary>OpenTelemetry as every process of the product sets it up: the product's meter beside Orleans' own.</summary>
public static class TelemetryExtensions
{
    /// <summary>The meter Orleans records its runtime figures on (grain calls, activations, messaging, storage).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Metrics of <see cref="MatchingMetrics"/> and Orleans, exported over OTLP when <c>Matching:Telemetry:OtlpEndpoint</c>
    /// is set; traces (Orleans' grain-call spans and what <paramref name="tracing"/> adds) only then, as nothing
    /// else would read them. <paramref name="metrics"/> adds the process's own instruments and readers.
    /// </summary>
    public static IServiceCollection AddMatchingTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<MeterProviderBuilder>? metrics = null, Action<TracerProviderBuilder>? tracing = null)
    {
        var options = TelemetryOptions.From(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m =>
            {
                m.AddMeter(MatchingMetrics.MeterName, OrleansMeter);
                metrics?.Invoke(m);
            });
        if (options.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            telemetry
                .WithTracing(t =>
                {
                    t.AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName);
                    tracing?.Invoke(t);
                })
                .UseOtlpExporter(options.OtlpProtocol, new Uri(endpoint));
        }

        return services;
    }
}
