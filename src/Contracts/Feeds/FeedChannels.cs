using Matching.Index;

namespace Matching.Feeds;

/// <summary>Whose screens a channel feeds: the hub its clients join, and the first part of its name.</summary>
public enum FeedChannelKind
{
    /// <summary>Everything an employer's recruiters see: candidates, holds, hires of its own job orders.</summary>
    Employer,

    /// <summary>A fair's big screen.</summary>
    Fair,

    /// <summary>A lodging site's bed counts.</summary>
    Site,
}

/// <summary>
/// A push channel: a kind and the id of the employer, fair or site it is about. Its <see cref="Name"/>
/// (<c>employer:acme</c>) is what travels: the <c>channel</c> of a hub's join answer, the key of the channel's
/// log in its feed partition, and what the partition is chosen by, so it must read the same in every process.
/// </summary>
public sealed record FeedChannel(FeedChannelKind Kind, string Id)
{
    private const char Separator = ':';

    // Get-only, so no `with` can leave a copy whose name is another channel's.
    public FeedChannelKind Kind { get; } = Kind;

    public string Id { get; } = Id;

    public static FeedChannel Employer(string employerId) => new(FeedChannelKind.Employer, employerId);

    public static FeedChannel Fair(string fairId) => new(FeedChannelKind.Fair, fairId);

    public static FeedChannel Site(string siteId) => new(FeedChannelKind.Site, siteId);

    /// <summary>The channel's name on the wire and in its partition: the kind's code, a colon, the id.</summary>
    public string Name { get; } = $"{KindCode(Kind)}{Separator}{Id}";

    /// <summary><c>employer</c>, <c>fair</c> or <c>site</c>.</summary>
    public static string KindCode(FeedChannelKind kind) => kind switch
    {
        FeedChannelKind.Employer => "employer",
        FeedChannelKind.Fair => "fair",
        _ => "site",
    };

    /// <summary>
    /// The kind's code of a channel known only by its name (a feed partition's log, a metric's tag): the part before
    /// the colon, or <c>other</c>. Cheap, as it runs on every publish.
    /// </summary>
    public static string KindCodeOf(string name) => name.IndexOf(Separator) is > 0 and var at ? name[..at] : "other";

    public override string ToString() => Name;
}

/// <summary>The feed partition grain that keeps each channel.</summary>
public static class FeedChannels
{
    /// <summary>
    /// Feed partition grains. Fixed, not configured: every publisher and subscriber, in every process of a
    /// cluster, must map a channel to the same partition. Four keep both cores of a small machine busy.
    /// </summary>
    public const int Partitions = 4;

    /// <summary>The key of the partition grain of a channel, by a hash of its name that is the same in every process.</summary>
    public static string PartitionOf(FeedChannel channel) => $"feeds/{IndexKey.ShardOf(channel.Name, Partitions)}";

    /// <summary>The feed of one channel.</summary>
    public static ChannelFeed Feed(this IGrainFactory grains, FeedChannel channel) =>
        new(grains.GetGrain<IFeedGrain>(PartitionOf(channel)), channel.Name);
}
