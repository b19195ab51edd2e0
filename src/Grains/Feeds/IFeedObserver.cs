namespace Matching.Feeds;

/// <summary>
/// A subscriber of a feed (an API node forwarding to its hub groups, a benchmark): receives each stamped batch.
/// One-way (void), so a slow or gone subscriber never holds up the feed.
/// </summary>
[Alias("IFeedObserver")]
public interface IFeedObserver : IGrainObserver
{
    [Alias("OnEvents")]
    void OnEvents(string channel, FeedEvent[] events);
}
