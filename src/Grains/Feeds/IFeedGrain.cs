namespace Matching.Feeds;

/// <summary>
/// One push channel (key: <see cref="FeedChannels"/>): a sequence-numbered log of recent events with a
/// bounded replay buffer. Derived state: not stored; a new activation starts a new epoch.
/// </summary>
[Alias("IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>Stamps and appends the events in order. One-way: publishers never wait on screens.</summary>
    [Alias("Publish"), Orleans.Concurrency.OneWay]
    Task PublishAsync(FeedEvent[] events);

    /// <summary>
    /// Adds or renews a subscriber; it must renew within <see cref="MatchingOptions.FeedSubscriptionSeconds"/>.
    /// Answers the feed's position so the subscriber can tell what it may have missed.
    /// </summary>
    [Alias("Subscribe")]
    Task<FeedPosition> SubscribeAsync(IFeedObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IFeedObserver observer);

    /// <summary>Events after <paramref name="lastSeq"/> of <paramref name="epoch"/>; a gap flag when they are no longer buffered.</summary>
    [Alias("ReadSince")]
    Task<FeedPage> ReadSinceAsync(string? epoch, long lastSeq);
}

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
