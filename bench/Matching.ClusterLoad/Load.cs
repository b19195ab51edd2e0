using System.Diagnostics;

namespace Matching.ClusterLoad;

/// <summary>Runs N calls with at most C in flight and reports their rate and latency.</summary>
public static class Load
{
    public static async Task<Result> RunAsync(int count, int concurrency, Func<int, Task> call)
    {
        var latencies = new double[count];
        var failures = 0;
        Exception? firstFailure = null;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(i);
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        watch.Stop();
        Array.Sort(latencies);
        return new Result(count, failures, watch.Elapsed, latencies[count / 2], latencies[Math.Min(count - 1, count * 99 / 100)])
        {
            FirstFailure = firstFailure?.GetType().Name + ": " + firstFailure?.Message,
        };
    }

    public sealed record Result(int Calls, int Failures, TimeSpan Elapsed, double MedianMs, double P99Ms)
    {
        /// <summary>What the first failed call threw, so a failure count is never a mystery.</summary>
        public string? FirstFailure { get; init; }

        public override string ToString() =>
            $"{Calls / Elapsed.TotalSeconds,8:F0}/s  ({Calls} in {Elapsed.TotalSeconds:F1} s, {Failures} failed, " +
            $"median {MedianMs:F1} ms, p99 {P99Ms:F1} ms)" + (Failures > 0 ? $"\n    first failure: {FirstFailure}" : "");
    }
}
