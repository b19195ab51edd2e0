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

    /// <param name="dataPath">The folder of the embedded store.</param>
    /// <param name="time">The domain's clock.</param>
    /// <param name="configure">More silo set-up for one test's cluster, e.g. a grain call filter that injects faults.</param>
    /// <param name="settings">More configuration keys for one test's cluster, e.g. the shape of the match index.</param>
    public static async Task<InProcessTestCluster> StartAsync(
        string dataPath, TimeProvider time, Action<ISiloBuilder>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{MatchingOptions.Section}:{nameof(MatchingOptions.DataPath)}"] = dataPath,
                [$"{MatchingOptions.Section}:{nameof(MatchingOptions.ExtraTrades)}:{ExtraTrade}"] = "管道工",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMatching(configuration);
            configure?.Invoke(silo);
        });

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
