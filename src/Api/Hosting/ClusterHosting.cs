using Matching.Hosting;

namespace Matching.Api.Hosting;

/// <summary>How the API reaches the grains.</summary>
public static class ClusterHosting
{
    /// <summary>
    /// Embedded default: a silo co-hosted in this process with localhost clustering and the local store,
    /// so one command runs the whole product with nothing else installed.
    /// </summary>
    public static WebApplicationBuilder AddMatchingCluster(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MatchingOptions.Section).Get<MatchingOptions>() ?? new MatchingOptions();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            .AddMatching(builder.Configuration));
        return builder;
    }
}
