using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.Feeds;
using Matching.Index;

namespace Matching.LoadDriver;

/// <summary>
/// The recruiters' side: subscribed to every employer's feed, it notes when each worker's first
/// <c>CandidateFound</c> arrives, against the moment that worker's registration was due.
/// </summary>
/// <remarks>Workers are numbered from 1 (<c>w-000001</c>), so plain arrays index them without locks.</remarks>
public sealed class CandidateWatch : IFeedObserver
{
    private readonly long[] _due;
    private readonly long[] _found;
    private long _events;
    private long _lastEventAt;

    public CandidateWatch(int workers)
    {
        _due = new long[workers + 1];
        _found = new long[workers + 1];
    }

    public long Events => Interlocked.Read(ref _events);

    public TimeSpan SinceLastEvent => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastEventAt));

    public void Due(int worker, long timestamp) => _due[worker] = timestamp;

    public void OnEvents(ChannelEvents[] batches)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            foreach (var e in batch.Events)
            {
                if (e is CandidateFound found && Number(found.WorkerId) is var n && n > 0 && n < _found.Length)
                {
                    Interlocked.CompareExchange(ref _found[n], now, 0);
                }
            }

            Interlocked.Add(ref _events, batch.Events.Length);
        }

        Interlocked.Exchange(ref _lastEventAt, now);
    }

    /// <summary>Registration due → first CandidateFound, for the workers that got one.</summary>
    public (Percentiles Latency, int Found) Latencies(int workers)
    {
        var latencies = new List<double>(workers);
        for (var n = 1; n <= workers; n++)
        {
            if (_found[n] != 0 && _due[n] != 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(_due[n], _found[n]).TotalMilliseconds);
            }
        }

        return (new Percentiles(latencies), latencies.Count);
    }

    private static int Number(string workerId) =>
        workerId.StartsWith("w-", StringComparison.Ordinal) && int.TryParse(workerId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
