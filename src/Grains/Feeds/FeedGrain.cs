using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Feeds;

/// <summary>
/// A partition of push channels: stamps each channel's events with its own sequence, keeps a bounded replay buffer
/// per channel, and forwards one batch per subscriber per publish, holding only that subscriber's channels.
/// </summary>
public sealed class FeedGrain([FromKeyedServices(MatchingClock.Key)] TimeProvider time, IOptions<MatchingOptions> options) : Grain, IFeedGrain
{
    private readonly Dictionary<string, ChannelLog> _channels = new(StringComparer.Ordinal);
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];

    // Subscriptions live in real time, not the matching clock (which tests move by hours).
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private TimeSpan SubscriptionLifetime => TimeSpan.FromSeconds(Math.Max(5, options.Value.FeedSubscriptionSeconds));

    public Task PublishAsync(ChannelEvents[] batches)
    {
        var now = time.GetUtcNow();
        var capacity = Math.Max(16, options.Value.FeedBufferSize);
        var real = Now;
        Dictionary<IFeedObserver, List<ChannelEvents>>? outgoing = null;
        foreach (var batch in batches)
        {
            if (batch.Events.Length == 0)
            {
                continue;
            }

            var log = LogOf(batch.Channel);
            var stamped = new FeedEvent[batch.Events.Length];
            var buffered = log.Buffer.Count;
            for (var i = 0; i < stamped.Length; i++)
            {
                stamped[i] = batch.Events[i] with { Seq = ++log.Seq, OccurredAt = now, Epoch = _epoch };
                log.Buffer.Enqueue(stamped[i]);
                while (log.Buffer.Count > capacity)
                {
                    log.Buffer.Dequeue();
                }
            }

            Telemetry.MatchingMetrics.EventsPublished(batch.Channel, stamped.Length, log.Buffer.Count - buffered);

            if (log.Subscribers.Count == 0)
            {
                continue;
            }

            var events = new ChannelEvents(batch.Channel, stamped);
            foreach (var observer in log.LiveSubscribers(real))
            {
                outgoing ??= [];
                if (!outgoing.TryGetValue(observer, out var list))
                {
                    outgoing[observer] = list = [];
                }

                list.Add(events);
            }
        }

        foreach (var (observer, list) in outgoing ?? [])
        {
            observer.OnEvents([.. list]);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Telemetry.MatchingMetrics.FeedBuffersReleased(_channels.Values.Sum(c => c.Buffer.Count));
        return Task.CompletedTask;
    }

    public Task<FeedPosition> SubscribeAsync(string channel, IFeedObserver observer)
    {
        var log = LogOf(channel);
        log.Subscribers[observer] = Now + SubscriptionLifetime;
        return Task.FromResult(new FeedPosition(_epoch, log.Seq));
    }

    public Task UnsubscribeAsync(string channel, IFeedObserver observer)
    {
        if (_channels.TryGetValue(channel, out var log))
        {
            log.Subscribers.Remove(observer);
        }

        return Task.CompletedTask;
    }

    public Task<FeedPage> ReadSinceAsync(string channel, string? epoch, long lastSeq)
    {
        var log = LogOf(channel);
        var oldest = log.Buffer.Count == 0 ? log.Seq + 1 : log.Buffer.Peek().Seq;
        var sameEpoch = epoch is null || epoch == _epoch;
        var gap = !sameEpoch || lastSeq + 1 < oldest || lastSeq > log.Seq;
        FeedEvent[] events = gap ? [] : [.. log.Buffer.Where(e => e.Seq > lastSeq)];
        return Task.FromResult(new FeedPage(_epoch, log.Seq, gap, events));
    }

    private ChannelLog LogOf(string channel)
    {
        if (!_channels.TryGetValue(channel, out var log))
        {
            _channels[channel] = log = new ChannelLog();
        }

        return log;
    }

    /// <summary>One channel: its last seq, its replay buffer, and its subscribers with the time each expires.</summary>
    private sealed class ChannelLog
    {
        public long Seq { get; set; }

        public Queue<FeedEvent> Buffer { get; } = new();

        public Dictionary<IFeedObserver, DateTimeOffset> Subscribers { get; } = [];

        /// <summary>The subscribers that renewed in time; the others are forgotten (an API node that went away).</summary>
        public List<IFeedObserver> LiveSubscribers(DateTimeOffset now)
        {
            var live = new List<IFeedObserver>(Subscribers.Count);
            List<IFeedObserver>? expired = null;
            foreach (var (observer, until) in Subscribers)
            {
                if (until >= now)
                {
                    live.Add(observer);
                }
                else
                {
                    (expired ??= []).Add(observer);
                }
            }

            foreach (var observer in expired ?? [])
            {
                Subscribers.Remove(observer);
            }

            return live;
        }
    }
}
