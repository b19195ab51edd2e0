using Matching.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Matching.Tests.Lodging;

/// <summary>
/// One silo set up as the product sets up its silos (<c>AddMatching</c>), over a temp data folder,
/// with a fake clock the tests move on instead of waiting.
/// </summary>
public sealed class LodgingClusterFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new(LodgingSamples.Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>A service of the one silo, e.g. the store, to look at what was written.</summary>
    public T SiloService<T>()
        where T : notnull => Cluster.Silos[0].ServiceProvider.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{MatchingOptions.Section}:{nameof(MatchingOptions.DataPath)}"] = _dataPath,
            })
            .Build();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMatching(configuration));

        // Added after AddMatching's TryAdd of the system clock: the last registration is the one resolved.
        builder.ConfigureSiloHost((_, host) => host.Services.AddKeyedSingleton<TimeProvider>(MatchingClock.Key, Time));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LodgingClusterCollection : ICollectionFixture<LodgingClusterFixture>
{
    public const string Name = "Lodging cluster";
}
