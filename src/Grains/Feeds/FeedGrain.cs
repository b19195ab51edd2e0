using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Matching.Feeds;

public sealed class FeedGrain([FromKeyedServices(MatchingClock.Key)] TimeProvider time, IOptions<MatchingOptions> options, ILogger<FeedGrain> logger) : Grain, IFeedGrain
{
    private readonly Queue<FeedEvent> _buffer = new();
    private readonly ObserverManager<IFeedObserver> _observers =
        new(TimeSpan.FromSeconds(Math.Max(5, options.Value.FeedSubscriptionSeconds)), logger);
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private long _seq;

    public Task PublishAsync(FeedEvent[] events)
    {
        var now = time.GetUtcNow();
        var capacity = Math.Max(16, options.Value.FeedBufferSize);
        var stamped = new FeedEvent[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            stamped[i] = events[i] with { Seq = ++_seq, OccurredAt = now, Epoch = _epoch };
            _buffer.Enqueue(stamped[i]);
            while (_buffer.Count > capacity)
            {
                _buffer.Dequeue();
            }
        }

        if (stamped.Length > 0 && _observers.Count > 0)
        {
            var channel = this.GetPrimaryKeyString();
            _observers.Notify(o => o.OnEvents(channel, stamped));
        }

        return Task.CompletedTask;
    }

    public Task<FeedPosition> SubscribeAsync(IFeedObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(new FeedPosition(_epoch, _seq));
    }

    public Task UnsubscribeAsync(IFeedObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<FeedPage> ReadSinceAsync(string? epoch, long lastSeq)
    {
        var oldest = _buffer.Count == 0 ? _seq + 1 : _buffer.Peek().Seq;
        var sameEpoch = epoch is null || epoch == _epoch;
        var gap = !sameEpoch || lastSeq + 1 < oldest || lastSeq > _seq;
        FeedEvent[] events = gap ? [] : [.. _buffer.Where(e => e.Seq > lastSeq)];
        return Task.FromResult(new FeedPage(_epoch, _seq, gap, events));
    }
}
