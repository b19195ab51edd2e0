using Matching.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>Starts a one-silo cluster configured as the product configures its silos, over a given data folder.</summary>
public static class MatchingTestCluster
{
    /// <summary>A trade the silo knows only from its configuration.</summary>
    public const string ExtraTrade = "plumber";

    public static async Task<InProcessTestCluster> StartAsync(string dataPath, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{MatchingOptions.Section}:{nameof(MatchingOptions.DataPath)}"] = dataPath,
                [$"{MatchingOptions.Section}:{nameof(MatchingOptions.ExtraTrades)}:{ExtraTrade}"] = "管道工",
            })
            .Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMatching(configuration));

        // The domain's clock only (see MatchingClock); the last registration is the one resolved.
        builder.ConfigureSiloHost((_, host) => host.Services.AddKeyedSingleton(MatchingClock.Key, time));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
