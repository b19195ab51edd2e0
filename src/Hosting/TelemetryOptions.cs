using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Matching.Telemetry;

/// <summary>Where metrics and traces go, bound from <c>Matching:Telemetry</c> for the API and the silos alike.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Matching:Telemetry";

    /// <summary>An OpenTelemetry collector (e.g. <c>http://collector:4317</c>); empty: nothing is exported over OTLP and no traces are kept.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>Grpc</c> (port 4317 by convention) or <c>HttpProtobuf</c> (4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The API's Prometheus scrape path.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// API: when set, the scrape path answers on this port only, to anyone who reaches it (a port kept on the
    /// private network, also named in <c>Urls</c>); when not, on every port, to staff and admins only.
    /// Silo: the port of its own scrape listener (none when not set).
    /// </summary>
    public int? MetricsPort { get; set; }

    public static TelemetryOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
}
