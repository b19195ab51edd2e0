using System.Diagnostics;
using System.Globalization;
using Matching.Bench;

namespace Matching.History;

/// <summary>
/// Spaces the writes of all clients together to a fixed rate, so a soak offers the same load for its whole length
/// (an unpaced run offers whatever the product answers, which hides a slow leak behind a slowing rate).
/// </summary>
internal sealed class Pace(double perSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _turns;

    /// <summary>Waits for the next write's turn; returns at once when unpaced or when the clients fell behind.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return Task.CompletedTask;
        }

        var due = TimeSpan.FromSeconds(Interlocked.Increment(ref _turns) / perSecond);
        var wait = due - _clock.Elapsed;
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Gives a turn back: the draw found nothing to send (no hold yet to confirm), so the rate counts writes.</summary>
    public void Refund() => Interlocked.Decrement(ref _turns);
}

/// <summary>One minute of a soak: what was sent and what the product's process held and used by then.</summary>
internal sealed record MemorySample(int Minute, int Writes, double Rate, long WorkingSetBytes, TimeSpan ProductCpu, string LoadAverage)
{
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"  minute {Minute,3}: {Writes,9:N0} writes ({Rate,6:F1}/s in the minute), product working set {WorkingSetBytes / 1048576.0,7:F1} MB, product CPU {ProductCpu.TotalSeconds,6:F0} s, load average {LoadAverage}");
}

/// <summary>
/// Samples the product's working set once a minute through a run, and judges whether memory stayed flat: after
/// the warm-up (the data set fills up, caches and activations reach their steady size) the last third of the
/// samples must not stand above the middle third by more than the allowed share.
/// </summary>
internal sealed class MemorySamples
{
    /// <summary>Growth allowed between the middle and the last third: the collector's own breathing, not a leak.</summary>
    public const double AllowedGrowth = 0.10;

    public List<MemorySample> Samples { get; } = [];

    /// <summary>Takes a sample every minute until cancelled, printing each as it comes.</summary>
    public async Task RunAsync(Func<int?> pid, Func<int> writes, CancellationToken cancellationToken)
    {
        var before = writes();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var sent = writes();
                var product = pid();
                var sample = new MemorySample(
                    Samples.Count + 1, sent, (sent - before) / 60.0,
                    product is { } p ? ProcFs.WorkingSet(p) : 0, product is { } q ? ProcFs.CpuTime(q) : TimeSpan.Zero, ProcFs.LoadAverage());
                before = sent;
                Samples.Add(sample);
                Console.WriteLine(sample.Line());
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    /// <summary>The growth from the middle third's mean working set to the last third's; null with too few samples to tell.</summary>
    public double? Growth()
    {
        var thirds = Samples.Count / 3;
        if (thirds == 0)
        {
            return null;
        }

        var middle = Samples.Skip(thirds).Take(thirds).Average(s => (double)s.WorkingSetBytes);
        var last = Samples.Skip(Samples.Count - thirds).Average(s => (double)s.WorkingSetBytes);
        return (last - middle) / middle;
    }
}
