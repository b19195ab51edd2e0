using Matching.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>One silo with the product's storage over a temp folder and a fake clock, shared by a collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(Samples.Now);

    public IClusterClient Client => Cluster.Client;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    public async Task InitializeAsync() => _cluster = await MatchingTestCluster.StartAsync(_data.Path, Time);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await MatchingTestCluster.StopAsync(_cluster);
        }

        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
