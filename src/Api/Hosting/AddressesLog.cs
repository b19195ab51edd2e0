using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Matching.Api.Hosting;

/// <summary>
/// Says once the server listens where a person goes next: the pages, the API page, the dashboard and the
/// metrics, at the first address the server bound (the others serve the same).
/// </summary>
internal sealed class AddressesLog(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<AddressesLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log()
    {
        // A test server binds no address; there is nothing to tell.
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } first)
        {
            return;
        }

        var root = first.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
        var telemetry = Telemetry.TelemetryOptions.From(configuration);
        var metrics = telemetry.MetricsPort is { } port
            ? $"port {port}{telemetry.MetricsPath}"
            : $"{root}{telemetry.MetricsPath} (staff and admins)";
        var dashboard = DashboardHosting.IsEnabled(configuration)
            ? $"{root}{DashboardHosting.Path}/ (staff and admins, from the start page)"
            : "off";
        logger.LogInformation(
            "Matching is serving: pages {Pages}/, API page {ApiPage}/scalar/v1, dashboard {Dashboard}, metrics {Metrics}",
            root, root, dashboard, metrics);
    }
}
