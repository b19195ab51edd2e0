using Matching.Tests.Cluster;

namespace Matching.Tests.Persistence;

/// <summary>
/// Seeds a cluster, stops it, then starts a new cluster over the same data folder: everything the tests
/// see afterwards came back from the store, including the catalogs, which start empty in a new silo.
/// </summary>
public sealed class RestartFixture : ClusterFixture
{
    private SeededEntities? _before;

    public SeededEntities Before => _before ?? throw new InvalidOperationException("Nothing was seeded yet.");

    public override async Task InitializeAsync()
    {
        var first = await StartAsync();
        try
        {
            _before = await SeededEntities.CreateAsync(first.Client);
        }
        finally
        {
            await MatchingTestCluster.StopAsync(first);
        }

        Time.Advance(TimeSpan.FromHours(1));
        await base.InitializeAsync();
    }
}
