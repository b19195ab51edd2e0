using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Matching.Bench;
using Matching.Workers;

namespace Matching.HubLoad;

/// <summary>
/// One offered rate: fresh workers registered over HTTP on a fixed schedule (open loop) for a number of
/// seconds, then a wait for the pushes still on their way; measured from when each registration was due,
/// so a sender or a product that falls behind shows in the figures instead of hiding them.
/// </summary>
internal static class RateStep
{
    // The pushes of a step are taken as complete once no CandidateFound has arrived for this long.
    private static readonly TimeSpan _quiet = TimeSpan.FromSeconds(1);

    public static async Task<StepResult> RunAsync(
        ProductClient api, Recruiters recruiters, ProductProcess product, IReadOnlyList<WorkerProfile> workers, int rate, TimeSpan maxDrain, int batchSize = 1)
    {
        var numbers = workers.Select(w => Recruiters.Number(w.Id)).ToArray();
        var due = new long[workers.Count];
        var calls = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var answered = 0;
        var lastAnswer = 0L;
        var maxLag = 0.0;

        var before = Usage.Take(product.Pid);
        var pending = new Task[workers.Count];
        var start = Stopwatch.GetTimestamp();
        var ticksPerWorker = (double)Stopwatch.Frequency / rate;
        var sent = 0;
        while (sent < workers.Count)
        {
            // Every registration whose time has come leaves now: timers fire about once a millisecond, which at
            // a few thousand a second means several per tick, each still counted from its own due time.
            var now = Stopwatch.GetTimestamp();
            for (; sent < workers.Count && start + (long)(sent * ticksPerWorker) <= now; sent++)
            {
                due[sent] = start + (long)(sent * ticksPerWorker);
                maxLag = Math.Max(maxLag, Stopwatch.GetElapsedTime(due[sent], now).TotalMilliseconds);
                if (batchSize == 1)
                {
                    pending[sent] = RegisterAsync(sent);
                }
                else if ((sent + 1) % batchSize == 0 || sent + 1 == workers.Count)
                {
                    var first = sent + 1 - ((sent % batchSize) + 1);
                    pending[sent] = RegisterBatchAsync(first, sent + 1 - first);
                }
                else
                {
                    pending[sent] = Task.CompletedTask;
                }
            }

            if (sent < workers.Count)
            {
                var next = start + (long)(sent * ticksPerWorker);
                await Task.Delay(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (next - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }
        }

        await Task.WhenAll(pending);
        var drain = Stopwatch.StartNew();
        while (recruiters.SinceLastFound < _quiet && drain.Elapsed < maxDrain)
        {
            await Task.Delay(100);
        }

        var after = Usage.Take(product.Pid);
        var latencies = new List<double>(workers.Count);
        for (var i = 0; i < workers.Count; i++)
        {
            var found = numbers[i] > 0 ? recruiters.FoundAt(numbers[i]) : 0;
            if (found != 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(due[i], found).TotalMilliseconds);
            }
        }

        return new StepResult(
            rate, workers.Count, Stopwatch.GetElapsedTime(start, lastAnswer), answered, failures, new Percentiles(latencies), new Percentiles(calls), maxLag, before, after);

        async Task RegisterBatchAsync(int first, int count)
        {
            int[] statuses;
            try
            {
                statuses = await api.PostBatchAsync(workers.Skip(first).Take(count).ToArray(), caller: first);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                statuses = [.. Enumerable.Repeat(0, count)];
            }

            var now = Stopwatch.GetTimestamp();
            for (var k = 0; k < count; k++)
            {
                calls.Add(Stopwatch.GetElapsedTime(due[first + k], now).TotalMilliseconds);
                var status = k < statuses.Length ? statuses[k] : 0;
                if (status != (int)HttpStatusCode.Created)
                {
                    failures.AddOrUpdate(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }

            Interlocked.Add(ref answered, count);
            InterlockedMax(ref lastAnswer, now);
        }

        async Task RegisterAsync(int i)
        {
            var outcome = "";
            try
            {
                var status = await api.PostAsync("/api/workers", workers[i], caller: i);
                outcome = status == HttpStatusCode.Created ? "" : ((int)status).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                outcome = ex.GetType().Name;
            }

            var now = Stopwatch.GetTimestamp();
            calls.Add(Stopwatch.GetElapsedTime(due[i], now).TotalMilliseconds);
            if (outcome.Length > 0)
            {
                failures.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }

            Interlocked.Increment(ref answered);
            InterlockedMax(ref lastAnswer, now);
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }
}

/// <summary>The machine and both processes at one moment: load average, CPU time used so far, the product's memory.</summary>
internal sealed record Usage(string LoadAverage, TimeSpan ProductCpu, TimeSpan BenchCpu, long ProductWorkingSet, long At)
{
    public static Usage Take(int productPid) =>
        new(ProcFs.LoadAverage(), ProcFs.CpuTime(productPid), ProcFs.CpuTime(), ProcFs.WorkingSet(productPid), Stopwatch.GetTimestamp());
}

/// <summary>What one offered rate achieved.</summary>
internal sealed record StepResult(
    int Rate, int Sent, TimeSpan UntilLastAnswer, int Answered, IReadOnlyDictionary<string, int> Failures,
    Percentiles Push, Percentiles Calls, double MaxLagMs, Usage Before, Usage After)
{
    /// <summary>Registrations answered per second, from the first one's due time to the last answer.</summary>
    public double Achieved => Answered / Math.Max(UntilLastAnswer.TotalSeconds, 1e-9);

    public int Failed => Failures.Values.Sum();

    public double ReachedShare => Sent == 0 ? 0 : (double)Push.Count / Sent;

    public override string ToString()
    {
        var wall = Stopwatch.GetElapsedTime(Before.At, After.At).TotalSeconds;
        var product = (After.ProductCpu - Before.ProductCpu).TotalSeconds;
        var bench = (After.BenchCpu - Before.BenchCpu).TotalSeconds;
        var cores = Environment.ProcessorCount;
        var failures = Failed == 0 ? "0" : $"{Failed:N0} ({string.Join(", ", Failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} ×{f.Value:N0}"))})";
        return string.Create(CultureInfo.InvariantCulture, $"""
            offered {Rate:N0}/s: {Sent:N0} registrations
              achieved                          {Achieved:N0} registrations answered/s ({Answered:N0} answered, the last {UntilLastAnswer.TotalSeconds:F1} s after the first was due)
              failed calls                      {failures}
              reached a recruiter               {Push.Count:N0} ({100 * ReachedShare:F1} %)
              registration → CandidateFound     {Push.Summary()}
              registration HTTP call            {Calls.Summary()}
              sender lag behind schedule (max)  {Percentiles.Format(MaxLagMs)}
              load average (1, 5, 15 min)       {Before.LoadAverage} before, {After.LoadAverage} after
              CPU time                          product {product:F1} s ({product / wall:F2} of {cores} cores), bench {bench:F1} s ({bench / wall:F2} of {cores} cores), over {wall:F1} s
              product working set               {After.ProductWorkingSet / 1024.0 / 1024.0:N0} MB
            """);
    }
}
