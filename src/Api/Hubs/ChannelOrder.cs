using Matching.Feeds;

namespace Matching.Api.Hubs;

/// <summary>
/// Puts one channel's events back in seq order as they reach this API node, before any connection gets them, and
/// fills a hole from the feed's replay buffer: the relay pushes every event of an epoch once, in order, none skipped.
/// </summary>
/// <remarks>
/// <para>In the cluster profile a feed's silo sends each notification to an API node through one of the gateways the
/// node is connected to, drawn anew for every message, so two notifications can overtake each other; and one that
/// went through a gateway that died is lost. An event beyond the next one waits here. The missing ones either
/// arrive (overtaken) or, once the first waiting event has waited <see cref="Wait"/>, the relay reads them from the
/// feed (<see cref="TakeOverdue"/>, <see cref="Fill"/>). When even the buffer no longer has them, what waits is let
/// through: connections see the gap and rejoin, as the contract tells clients to.</para>
/// <para>A new epoch (the feed started over on another silo) is taken as it comes, for clients take a snapshot on
/// it; events of an epoch the channel has left are late and dropped.</para>
/// <para>Thread-safe: the relay's flush loop calls <see cref="Accept"/> and <see cref="Fill"/>, joins call <see cref="Seed"/>.</para>
/// </remarks>
internal sealed class ChannelOrder(int capacity)
{
    /// <summary>How long an event waits for the ones before it before they are read from the feed: far longer than
    /// two messages take to overtake each other, short enough that a screen hardly notices.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(200);

    // Epochs left behind; a handful is plenty, for a feed starts over only when its silo goes away.
    private const int PastEpochs = 8;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, FeedEvent> _waiting = [];
    private readonly Queue<string> _past = new();
    private string? _epoch;
    private long _seq;
    private bool _heard;
    private long _waitingSince;
    private bool _reading;

    /// <summary>The epoch and the last seq pushed (or known to be owed to nobody).</summary>
    public (string? Epoch, long Seq) Position
    {
        get
        {
            lock (_gate)
            {
                return (_epoch, _seq);
            }
        }
    }

    /// <summary>
    /// Where a join read the feed (after the joining connection became a member). A channel that has pushed
    /// nothing of this epoch yet starts from the lowest position any join read, so no member misses what came
    /// after its own read; a new epoch is taken at once.
    /// </summary>
    public void Seed(string epoch, long latestSeq)
    {
        lock (_gate)
        {
            if (epoch != _epoch)
            {
                if (!_past.Contains(epoch))
                {
                    Adopt(epoch, latestSeq);
                }
            }
            else if (!_heard)
            {
                _seq = Math.Min(_seq, latestSeq);
            }
        }
    }

    /// <summary>Takes an event as it arrived; answers the events now ready to push, in order (often just it, or none).</summary>
    /// <param name="e">The event.</param>
    /// <param name="now">The time in milliseconds (<see cref="Environment.TickCount64"/>).</param>
    public List<FeedEvent> Accept(FeedEvent e, long now)
    {
        var ready = new List<FeedEvent>(1);
        lock (_gate)
        {
            if (e.Epoch != _epoch)
            {
                if (_past.Contains(e.Epoch))
                {
                    return ready;
                }

                Adopt(e.Epoch, e.Seq - 1);
            }

            _heard = true;
            if (e.Seq <= _seq)
            {
                // Pushed already: overtaken by a read from the buffer, or sent twice.
                return ready;
            }

            if (e.Seq == _seq + 1)
            {
                Push(e, ready);
                Drain(ready, now);
                return ready;
            }

            if (_waiting.Count == 0)
            {
                _waitingSince = now;
            }

            _waiting.TryAdd(e.Seq, e);
            if (_waiting.Count > capacity)
            {
                // More than the feed's buffer holds is waiting: the hole cannot be filled any more.
                ReleaseAll(ready);
            }
        }

        return ready;
    }

    /// <summary>
    /// When events have waited <see cref="Wait"/> for the ones before them and no read is under way: the position to
    /// read the feed after (answer the read to <see cref="Fill"/>); otherwise null.
    /// </summary>
    public (string Epoch, long AfterSeq)? TakeOverdue(long now)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0 || _reading || now - _waitingSince < Wait.TotalMilliseconds)
            {
                return null;
            }

            _reading = true;
            return (_epoch!, _seq);
        }
    }

    /// <summary>
    /// What the feed answered to the read <see cref="TakeOverdue"/> asked for (null when the read failed): the missing
    /// events are taken from it; what still cannot follow on is let through. Answers the events ready to push.
    /// </summary>
    public List<FeedEvent> Fill(string epoch, FeedPage? page)
    {
        var ready = new List<FeedEvent>();
        lock (_gate)
        {
            _reading = false;
            if (epoch != _epoch)
            {
                // The channel moved on to a new epoch meanwhile; nothing of this one waits any more.
                return ready;
            }

            if (page is { Gap: false } && page.Epoch == _epoch)
            {
                foreach (var e in page.Events.Where(e => e.Seq > _seq))
                {
                    _waiting.TryAdd(e.Seq, e);
                }
            }

            Drain(ready, 0);
            ReleaseAll(ready);
        }

        return ready;
    }

    private void Adopt(string epoch, long seq)
    {
        if (_epoch is not null)
        {
            _past.Enqueue(_epoch);
            while (_past.Count > PastEpochs)
            {
                _past.Dequeue();
            }
        }

        (_epoch, _seq, _heard) = (epoch, seq, false);
        _waiting.Clear();
    }

    private void Push(FeedEvent e, List<FeedEvent> ready)
    {
        ready.Add(e);
        _seq = e.Seq;
    }

    /// <summary>Moves on through the waiting events that follow on without a hole; those still waiting wait from <paramref name="now"/>.</summary>
    private void Drain(List<FeedEvent> ready, long now)
    {
        var moved = false;
        while (_waiting.Remove(_seq + 1, out var next))
        {
            Push(next, ready);
            moved = true;
        }

        if (moved)
        {
            _waitingSince = now;
        }
    }

    /// <summary>Lets every waiting event through in order, over the hole before them.</summary>
    private void ReleaseAll(List<FeedEvent> ready)
    {
        foreach (var e in _waiting.Values)
        {
            Push(e, ready);
        }

        _waiting.Clear();
    }
}
