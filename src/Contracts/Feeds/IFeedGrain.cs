namespace Matching.Feeds;

/// <summary>
/// One partition of the push channels (key: <see cref="FeedChannels.PartitionOf"/>): for each of its channels a
/// sequence-numbered log of recent events with a bounded replay buffer, and the subscribers of each. Derived state:
/// not stored; a new activation starts a new epoch for its channels. Reach a channel through
/// <see cref="FeedChannels.Feed"/> rather than by partition.
/// </summary>
/// <remarks>
/// Channels share a few partition grains instead of one grain each, so a publisher that touched many channels
/// sends one message per partition and a subscriber receives one message per partition per publish, not one
/// per channel: the cost of a registration that changes dozens of employers' lists stops growing with them.
/// </remarks>
[Alias("IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>Stamps and appends each channel's events in order. One-way: publishers never wait on screens.</summary>
    [Alias("Publish"), Orleans.Concurrency.OneWay]
    Task PublishAsync(ChannelEvents[] batches);

    /// <summary>
    /// Adds or renews a subscriber of one channel; it must renew within <c>MatchingOptions.FeedSubscriptionSeconds</c>.
    /// Answers the channel's position so the subscriber can tell what it may have missed.
    /// </summary>
    [Alias("Subscribe")]
    Task<FeedPosition> SubscribeAsync(string channel, IFeedObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string channel, IFeedObserver observer);

    /// <summary>The channel's events after <paramref name="lastSeq"/> of <paramref name="epoch"/>; a gap flag when they are no longer buffered.</summary>
    [Alias("ReadSince")]
    Task<FeedPage> ReadSinceAsync(string channel, string? epoch, long lastSeq);
}

/// <summary>Events of one channel, in order: what a publisher hands over and what a subscriber receives.</summary>
[GenerateSerializer, Immutable, Alias("ChannelEvents")]
public sealed record ChannelEvents([property: Id(0)] string Channel, [property: Id(1)] FeedEvent[] Events);

/// <summary>What a reader missed, or <see cref="Gap"/> when the buffer no longer reaches back to its position.</summary>
[GenerateSerializer, Immutable, Alias("FeedPage")]
public sealed record FeedPage(
    [property: Id(0)] string Epoch,
    [property: Id(1)] long LatestSeq,
    [property: Id(2)] bool Gap,
    [property: Id(3)] FeedEvent[] Events);

/// <summary>Where a feed stands: its epoch and the last seq it stamped.</summary>
[GenerateSerializer, Immutable, Alias("FeedPosition")]
public sealed record FeedPosition([property: Id(0)] string Epoch, [property: Id(1)] long LatestSeq);

/// <summary>One channel of its partition grain: what callers hold instead of a grain per channel.</summary>
public readonly record struct ChannelFeed(IFeedGrain Partition, string Channel)
{
    public Task PublishAsync(FeedEvent[] events) => Partition.PublishAsync([new ChannelEvents(Channel, events)]);

    public Task<FeedPosition> SubscribeAsync(IFeedObserver observer) => Partition.SubscribeAsync(Channel, observer);

    public Task UnsubscribeAsync(IFeedObserver observer) => Partition.UnsubscribeAsync(Channel, observer);

    public Task<FeedPage> ReadSinceAsync(string? epoch, long lastSeq) => Partition.ReadSinceAsync(Channel, epoch, lastSeq);
}
