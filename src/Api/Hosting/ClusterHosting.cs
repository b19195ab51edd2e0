using Matching.Hosting;

namespace Matching.Api.Hosting;

/// <summary>How the API reaches the grains, by <c>Matching:Mode</c>.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Embedded (default): a silo co-hosted in this process (<c>EmbeddedSilo</c>), so one command runs the
    /// whole product with nothing else installed; the <c>ClusterClient</c> build has none and refuses this mode.
    /// Cluster: an Orleans client of the silos listed in PostgreSQL, on contracts and hosting alone; the services
    /// endpoints resolve besides <see cref="IGrainFactory"/> (shard router, reference data, options) are registered here too.
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
#if CLUSTER_CLIENT
            throw new InvalidOperationException(
                $"This build of the API is a client of a cluster only; set {MatchingOptions.Section}:{nameof(MatchingOptions.Mode)}={MatchingModes.Cluster}.");
#else
            EmbeddedSilo.Add(builder);
#endif
        }

        return builder;
    }
}
