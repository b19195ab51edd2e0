using Matching.Hosting;
using Matching.Workload;

namespace Matching.Api.Hosting;

/// <summary>How the API reaches the grains, by <c>Matching:Mode</c>.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Embedded (default): a silo co-hosted in this process with localhost clustering and the local store,
    /// so one command runs the whole product with nothing else installed.
    /// Cluster: an Orleans client of the silos listed in PostgreSQL; the services endpoints resolve besides
    /// <see cref="IGrainFactory"/> (index router, scoring, reference data, options) are registered here too.
    /// </summary>
    public static WebApplicationBuilder AddMatchingCluster(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration.GetMatchingOptions().IsCluster())
        {
            builder.UseOrleansClient(client => client
                .UseMatchingClustering(configuration)
                .AddActivityPropagation()
                .AddMatchingDashboard(configuration));
            builder.Services.AddMatchingServices(configuration);
        }
        else
        {
            builder.UseOrleans(silo => silo
                .UseMatchingClustering(configuration)
                .AddMatching(configuration)
                .AddMatchingDemo(configuration)
                .AddMatchingDashboard(configuration));
        }

        return builder;
    }
}
