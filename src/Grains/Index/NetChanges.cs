using Matching.Feeds;

namespace Matching.Index;

/// <summary>
/// The candidate events a shard raised within one flush window, per employer, reduced to the net change of each
/// (order, worker) pair: a screen needs where its lists ended, not every step on the way. Found then outranked
/// within the window is nothing; found then re-ranked is one <see cref="CandidateFound"/> with the last score;
/// several rank changes are one <see cref="CandidateRankChanged"/> from the first previous score to the last.
/// Events keep the order in which their pair was first touched.
/// </summary>
/// <remarks>Not thread-safe: owned by one grain activation (or one benchmark thread).</remarks>
public sealed class NetChanges
{
    private readonly Dictionary<string, Batch> _batches = new(StringComparer.Ordinal);

    /// <summary>Events raised, before reduction (for the figures).</summary>
    public long Raised { get; private set; }

    public bool IsEmpty => _batches.Count == 0;

    public void Add(string employerId, FeedEvent e)
    {
        Raised++;
        if (!_batches.TryGetValue(employerId, out var batch))
        {
            _batches[employerId] = batch = new Batch();
        }

        batch.Add(e);
    }

    /// <summary>Hands each employer's net events, in order, to <paramref name="publish"/> and starts a new window.</summary>
    public void Flush(Action<string, FeedEvent[]> publish)
    {
        foreach (var (employerId, batch) in _batches)
        {
            var events = batch.Drain();
            if (events.Length > 0)
            {
                publish(employerId, events);
            }
        }

        _batches.Clear();
    }

    private sealed class Batch
    {
        private readonly List<FeedEvent?> _events = [];
        private readonly Dictionary<(string JobOrderId, string WorkerId), Pair> _pairs = [];

        public void Add(FeedEvent e)
        {
            var key = e switch
            {
                CandidateFound f => (f.JobOrderId, f.WorkerId),
                CandidateWithdrawn w => (w.JobOrderId, w.WorkerId),
                CandidateRankChanged r => (r.JobOrderId, r.WorkerId),
                _ => default,
            };
            if (key.JobOrderId is null)
            {
                _events.Add(e);
                return;
            }

            if (!_pairs.TryGetValue(key, out var pair))
            {
                // Anything but a find means the screen showed the pair before this window.
                _pairs[key] = new Pair(e is not CandidateFound, (e as CandidateRankChanged)?.PreviousScore, _events.Count);
                _events.Add(e);
                return;
            }

            var current = pair.Slot >= 0 ? _events[pair.Slot] : null;
            var net = Net(pair, current, e);
            if (pair.Slot >= 0)
            {
                _events[pair.Slot] = net;
            }
            else if (net is not null)
            {
                _pairs[key] = pair with { Slot = _events.Count };
                _events.Add(net);
            }
        }

        public FeedEvent[] Drain()
        {
            var result = new List<FeedEvent>(_events.Count);
            foreach (var e in _events)
            {
                if (e is not null)
                {
                    result.Add(e);
                }
            }

            return [.. result];
        }

        /// <summary>
        /// What the screen must hear so that, from its state before the window, it ends where <paramref name="latest"/>
        /// leaves the pair; <paramref name="current"/> is the net event so far (null when there is none).
        /// </summary>
        private static FeedEvent? Net(Pair pair, FeedEvent? current, FeedEvent latest) => (pair.WasShown, latest) switch
        {
            (false, CandidateWithdrawn) => null,
            (false, CandidateRankChanged r) when current is CandidateFound f => f with { Score = r.Score, Rank = r.Rank, Reasons = r.Reasons },
            (false, _) => latest,
            (true, CandidateWithdrawn) => latest,
            (true, CandidateRankChanged r) => pair.PreviousScore is { } first ? r with { PreviousScore = first } : r,
            (true, CandidateFound f) when pair.PreviousScore is { } first =>
                f.Score == first ? null : new CandidateRankChanged
                {
                    JobOrderId = f.JobOrderId, WorkerId = f.WorkerId, Score = f.Score, PreviousScore = first, Rank = f.Rank, Reasons = f.Reasons,
                },
            _ => latest,
        };
    }

    private readonly record struct Pair(bool WasShown, int? PreviousScore, int Slot);
}
