using Matching;
using Matching.Hosting;
using Matching.Silo;
using Matching.Telemetry;
using Matching.Workload;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

// The standalone silo host: in cluster mode (Matching:Mode=cluster) one of the silos behind the API,
// in embedded mode a single silo over the local store, for trying the grains without the API.
// `--apply-schema` applies the PostgreSQL schema and exits, for deployments that keep DDL out of silo starts;
// `--copy-grain-state` also moves the grain state of schema version 1 into the provider's table.
var builder = Host.CreateApplicationBuilder(args);
if (SchemaCommand.IsRequested(args))
{
    return await SchemaCommand.RunAsync(builder.Configuration, args);
}

builder.UseOrleans(silo =>
{
    silo.UseMatchingClustering(builder.Configuration).AddMatching(builder.Configuration).AddMatchingDemo(builder.Configuration);

    // The dashboard's data is collected on the silos; the API serves its pages.
    if (builder.Configuration.GetValue("Matching:Dashboard:Enabled", true))
    {
        silo.AddDashboard();
    }
});
builder.Services.AddMatchingTelemetry(builder.Configuration, "matching-silo", metrics: m =>
{
    if (TelemetryOptions.From(builder.Configuration).MetricsPort is { } port)
    {
        // On every address of the host (the options take one host name; the listener itself takes the wildcard):
        // the port, like the silo's own, stays on the private network.
        m.AddPrometheusHttpListener(o => o.ConfigureHttpListener = (_, listener) =>
        {
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://*:{port}/");
        });
    }
});
builder.Services.AddHostedService<SiloStartedLog>();
await builder.Build().RunAsync();
return 0;
