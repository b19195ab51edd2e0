using Matching.Tests.Cluster;

namespace Matching.Tests.Lodging;

/// <summary>The shared one-silo cluster, its clock set to the lodging samples' day.</summary>
public sealed class LodgingClusterFixture() : ClusterFixture(LodgingSamples.Start);

[CollectionDefinition(Name)]
public sealed class LodgingClusterCollection : ICollectionFixture<LodgingClusterFixture>
{
    public const string Name = "Lodging cluster";
}
