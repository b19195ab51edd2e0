using Microsoft.Extensions.Options;

namespace Matching.Feeds;

public sealed class FeedGrain(TimeProvider time, IOptions<MatchingOptions> options) : Grain, IFeedGrain
{
    private readonly Queue<FeedEvent> _buffer = new();
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private long _seq;

    public Task PublishAsync(FeedEvent[] events)
    {
        var now = time.GetUtcNow();
        var capacity = Math.Max(16, options.Value.FeedBufferSize);
        foreach (var e in events)
        {
            _buffer.Enqueue(e with { Seq = ++_seq, OccurredAt = now, Epoch = _epoch });
            while (_buffer.Count > capacity)
            {
                _buffer.Dequeue();
            }
        }

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
