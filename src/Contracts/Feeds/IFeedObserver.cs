namespace Matching.Feeds;

/// <summary>
/// A subscriber of feeds (an API node forwarding to its hub groups, a benchmark): receives each stamped batch of
/// the channels it subscribed to, one call per partition per publish. One-way (void), so a slow or gone
/// subscriber never holds up the feed.
/// </summary>
[Alias("IFeedObserver")]
public interface IFeedObserver : IGrainObserver
{
    [Alias("OnEvents")]
    void OnEvents(ChannelEvents[] batches);
}
