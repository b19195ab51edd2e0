using Matching.Tests.Cluster;
using Matching.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Persistence;

/// <summary>
/// Seeds a cluster, stops it, then starts a new cluster over the same data folder: everything the tests
/// see afterwards came back from the store, including the catalogs, which start empty in a new silo.
/// </summary>
public sealed class RestartFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private InProcessTestCluster? _cluster;
    private SeededEntities? _before;

    public FakeTimeProvider Time { get; } = new(Samples.Now);

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("The cluster is not deployed yet.")).Client;

    public SeededEntities Before => _before ?? throw new InvalidOperationException("Nothing was seeded yet.");

    public async Task InitializeAsync()
    {
        var first = await MatchingTestCluster.StartAsync(_data.Path, Time);
        try
        {
            _before = await SeededEntities.CreateAsync(first.Client);
        }
        finally
        {
            await MatchingTestCluster.StopAsync(first);
        }

        Time.Advance(TimeSpan.FromHours(1));
        _cluster = await MatchingTestCluster.StartAsync(_data.Path, Time);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await MatchingTestCluster.StopAsync(_cluster);
        }

        _data.Dispose();
    }
}
