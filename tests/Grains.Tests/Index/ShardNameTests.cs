using Matching.Index;
using Matching.Tests.Cluster;
using Orleans.Metadata;

namespace Matching.Tests.Index;

/// <summary>
/// The shards were renamed in the code (from <c>MatchIndexGrain</c>) but not on the wire: the grain type keys
/// placement and the directory, and the interface's name travels in every message, so silos of the version
/// before the rename and of this one address and call the same shards.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ShardNameTests(ClusterFixture fixture)
{
    [Fact]
    public void A_shard_keeps_the_grain_type_and_interface_names_of_before_the_rename()
    {
        var shard = fixture.Client.GetGrain<ITradeShardGrain>(IndexKey.Of("welder", 0));
        var interfaces = fixture.SiloService<GrainInterfaceTypeResolver>();

        Assert.Equal("matchindex", shard.GetGrainId().Type.ToString());
        Assert.Equal("IMatchIndexGrain", interfaces.GetGrainInterfaceType(typeof(ITradeShardGrain)).ToString());
    }
}
