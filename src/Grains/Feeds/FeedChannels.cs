using Matching.Index;

namespace Matching.Feeds;

/// <summary>Names of push channels, and the feed partition grain that keeps each.</summary>
public static class FeedChannels
{
    /// <summary>
    /// Feed partition grains. Fixed, not configured: every publisher and subscriber, in every process of a
    /// cluster, must map a channel to the same partition. Four keep both cores of a small machine busy.
    /// </summary>
    public const int Partitions = 4;

    /// <summary>Everything an employer's recruiters see: candidates, holds, hires of its own job orders.</summary>
    public static string Employer(string employerId) => $"employer:{employerId}";

    /// <summary>A lodging site's bed counts.</summary>
    public static string Site(string siteId) => $"site:{siteId}";

    /// <summary>A fair's big screen.</summary>
    public static string Fair(string fairId) => $"fair:{fairId}";

    /// <summary>The key of the partition grain of a channel, by a hash that is the same in every process.</summary>
    public static string PartitionOf(string channel) => $"feeds/{IndexKey.ShardOf(channel, Partitions)}";

    /// <summary>The feed of one channel.</summary>
    public static ChannelFeed Feed(this IGrainFactory grains, string channel) =>
        new(grains.GetGrain<IFeedGrain>(PartitionOf(channel)), channel);
}
