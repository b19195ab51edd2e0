using Matching.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Cluster;

/// <summary>
/// One silo set up as the product sets up its silos (<see cref="MatchingTestCluster"/>), over a temp data folder,
/// with a fake clock the tests move on instead of waiting; shared by a collection. A fixture that needs more of
/// the silo (a fault filter, a setting) or starts its clock elsewhere derives from it and overrides
/// <see cref="Configure"/>.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private InProcessTestCluster? _cluster;

    public ClusterFixture()
        : this(Samples.Now)
    {
    }

    /// <summary>Not public: xUnit builds a collection fixture through its one public constructor.</summary>
    protected ClusterFixture(DateTimeOffset start) => Time = new FakeTimeProvider(start);

    public FakeTimeProvider Time { get; }

    public IClusterClient Client => Cluster.Client;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    /// <summary>The folder of the embedded store, which outlives a stopped cluster until the fixture is disposed.</summary>
    protected string DataPath => _data.Path;

    /// <summary>A service of the one silo, e.g. the store, to look at what was written.</summary>
    public T SiloService<T>()
        where T : notnull => Cluster.Silos[0].ServiceProvider.GetRequiredService<T>();

    public virtual async Task InitializeAsync() => _cluster = await StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await MatchingTestCluster.StopAsync(_cluster);
        }

        _data.Dispose();
    }

    /// <summary>More silo set-up for the fixture's cluster; nothing by default.</summary>
    protected virtual void Configure(ISiloBuilder silo)
    {
    }

    /// <summary>Starts a cluster over the fixture's data folder and clock, as the fixture configures it.</summary>
    protected Task<InProcessTestCluster> StartAsync() => MatchingTestCluster.StartAsync(DataPath, Time, Configure);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
