using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.Feeds;
using Matching.Index;
using Matching.Reference;
using Matching.Workers;

namespace Matching.LoadDriver;

/// <summary>
/// The registration storm: with the orders open and a recruiter subscribed to every employer's feed, N workers
/// register through their grains, at a fixed rate (open loop) or as fast as the calls come back (closed loop).
/// </summary>
public static class RegistrationScenario
{
    // Events still trickling in after the last call are waited for until the feeds have been quiet this long.
    private static readonly TimeSpan _quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan _maxDrain = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IGrainFactory grains, DriverOptions options)
    {
        var generator = options.Generator(options.Workers);
        var employers = await Load.EmployersAndOrdersAsync(grains, generator, options.Concurrency);

        var watch = new CandidateWatch(options.Workers);
        await using var subscriptions = await FeedSubscriptions.StartAsync(
            grains, watch, [.. employers.Select(e => FeedChannel.Employer(e.Id!))]);

        var before = MemorySnapshot.Take();
        var calls = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<Exception>();
        var clock = new CpuClock();
        var (allocatedBefore, pausedBefore, collectionsBefore) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var lag = options.Rate > 0
            ? await OpenLoopAsync(grains, generator.Workers(), options, watch, calls, failures)
            : await ClosedLoopAsync(grains, generator.Workers(), options, watch, calls, failures);
        var sending = clock.Wall;

        var drain = Stopwatch.StartNew();
        while (watch.SinceLastEvent < _quiet && drain.Elapsed < _maxDrain)
        {
            await Task.Delay(250);
        }

        var (cpuUsed, wallUsed) = (clock.CoreSeconds, clock.Wall.TotalSeconds);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var after = MemorySnapshot.Take();
        var stats = await IndexStatsAsync(grains);
        var (latency, found) = watch.Latencies(options.Workers);
        var registered = calls.Count;
        var mode = options.Rate > 0
            ? string.Create(CultureInfo.InvariantCulture, $"open loop at {options.Rate:N0}/s, at most {options.MaxInFlight:N0} in flight")
            : string.Create(CultureInfo.InvariantCulture, $"closed loop, {options.Concurrency} in flight");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            registrations: {registered:N0} of {options.Workers:N0} in {sending.TotalSeconds:F1} s ({mode})
              achieved rate                     {registered / sending.TotalSeconds:N0} registrations/s
              CPU used, sending + drain         {cpuUsed:F0} core-seconds, {cpuUsed / wallUsed:F2} of {Environment.ProcessorCount} cores on average: {registered / cpuUsed:N0} registrations per core-second
              allocated, garbage collections    {allocated / Math.Max(1, calls.Count) / 1024.0:N1} KB per registration; {collections:N0} collections, paused {paused:F1} s ({100 * paused / wallUsed:F1} % of the wall time)
              registration call                 {new Percentiles(calls).Summary()}
              registration → CandidateFound     {latency.Summary()}
              workers with a CandidateFound     {found:N0} ({100.0 * found / Math.Max(1, options.Workers):F1} %)
              feed events received              {watch.Events:N0}
              sender lag behind schedule (max)  {Percentiles.Format(lag)}
              failed calls                      {failures.Count:N0}{(failures.TryPeek(out var first) ? $" (first: {first.GetType().Name}: {first.Message})" : "")}
              index                             {stats.Jobs:N0} open orders, {stats.Workers:N0} worker entries (one per trade shard), {stats.ListedPairs:N0} listed pairs
              working set   before / after      {MemorySnapshot.Mb(before.WorkingSet)} / {MemorySnapshot.Mb(after.WorkingSet)}
              managed heap  before / after      {MemorySnapshot.Mb(before.Heap)} / {MemorySnapshot.Mb(after.Heap)}
              per 100k workers                  working set {MemorySnapshot.Mb(Per100K(after.WorkingSet - before.WorkingSet, registered))}, managed heap {MemorySnapshot.Mb(Per100K(after.Heap - before.Heap, registered))}
            """));
        return failures.IsEmpty ? 0 : 1;
    }

    /// <summary>Sends each registration when it is due; answers how far behind schedule the sender fell at worst.</summary>
    /// <remarks>
    /// Latency counts from when a registration was due, not from when it went out, so a stalled sender
    /// shows up in the figures instead of hiding them (coordinated omission).
    /// </remarks>
    private static async Task<double> OpenLoopAsync(
        IGrainFactory grains, IEnumerable<WorkerProfile> workers, DriverOptions options, CandidateWatch watch,
        ConcurrentBag<double> calls, ConcurrentQueue<Exception> failures)
    {
        var inFlight = new SemaphoreSlim(options.MaxInFlight);
        var pending = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var ticksPerWorker = (double)Stopwatch.Frequency / options.Rate;
        var maxLag = 0.0;
        var n = 0;
        foreach (var profile in workers)
        {
            var due = start + (long)(n++ * ticksPerWorker);
            await WaitUntilAsync(due);
            await inFlight.WaitAsync();
            maxLag = Math.Max(maxLag, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            watch.Due(n, due);
            pending.Add(RegisterAsync(grains, profile, due, calls, failures).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default));
        }

        await Task.WhenAll(pending);
        return maxLag;
    }

    private static async Task<double> ClosedLoopAsync(
        IGrainFactory grains, IEnumerable<WorkerProfile> workers, DriverOptions options, CandidateWatch watch,
        ConcurrentBag<double> calls, ConcurrentQueue<Exception> failures)
    {
        await Parallel.ForEachAsync(workers, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (profile, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            watch.Due(int.Parse(profile.Id!.AsSpan(2), CultureInfo.InvariantCulture), started);
            await RegisterAsync(grains, profile, started, calls, failures);
        });
        return 0;
    }

    private static async Task RegisterAsync(
        IGrainFactory grains, WorkerProfile profile, long started, ConcurrentBag<double> calls, ConcurrentQueue<Exception> failures)
    {
        try
        {
            await grains.GetGrain<IWorkerGrain>(profile.Id!).CreateAsync(profile);
            calls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            failures.Enqueue(ex);
        }
    }

    /// <summary>Sleeps while more than a couple of milliseconds remain (timer resolution), then yields until due.</summary>
    private static async Task WaitUntilAsync(long due)
    {
        while (true)
        {
            var left = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (left <= 0)
            {
                return;
            }

            if (left > 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(left - 1));
            }
            else
            {
                await Task.Yield();
            }
        }
    }

    private static async Task<IndexStats> IndexStatsAsync(IGrainFactory grains)
    {
        var shards = new IndexOptions();
        var all = await Task.WhenAll(ReferenceData.BaseTrades.Keys
            .SelectMany(t => Enumerable.Range(0, shards.ShardsOf(t)).Select(n => grains.GetGrain<ITradeShardGrain>(IndexKey.Of(t, n)).StatsAsync())));
        return new IndexStats("all", all.Sum(s => s.Jobs), all.Sum(s => s.Workers), all.Sum(s => s.ListedPairs));
    }

    private static long Per100K(long bytes, int workers) => workers == 0 ? 0 : bytes * 100_000 / workers;
}
