using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.Errors;
using Matching.JobOrders;
using Matching.Workers;
using Matching.Workload;

namespace Matching.LoadDriver;

/// <summary>
/// Hold + confirm throughput: recruiters acting at once each hold a fresh seeking worker on an order and confirm
/// the hold when granted. Contended: every round of recruiters fights over a few orders with 1–3 slots, so most
/// are refused. Spread: the same number of attempts over all the orders with room, so nearly all succeed.
/// </summary>
public static class HoldScenario
{
    private const int ContendedMaxHeadcount = 3;

    public static async Task<int> RunAsync(IGrainFactory grains, DriverOptions options)
    {
        var workersNeeded = 2 * options.Holds;
        var generator = options.Generator(workersNeeded);
        await Load.EmployersAndOrdersAsync(grains, generator, options.Concurrency);

        var watch = Stopwatch.StartNew();
        var registered = await Load.AllAsync(generator.Workers(), w => grains.GetGrain<IWorkerGrain>(w.Id!).CreateAsync(w), options.Concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"registered {registered:N0} workers for the holds in {watch.Elapsed.TotalSeconds:F1} s ({registered / watch.Elapsed.TotalSeconds:N0}/s, closed loop, {options.Concurrency} in flight)"));

        var orders = generator.JobOrders().ToList();
        var hot = orders.Where(o => o.Headcount <= ContendedMaxHeadcount).ToList();
        var spread = orders.Where(o => o.Headcount > ContendedMaxHeadcount).ToList();
        var workers = Enumerable.Range(1, workersNeeded).Select(WorkloadIds.Worker).ToArray();

        var contended = await ContendedAsync(grains, options, hot, workers[..options.Holds]);
        Report($"contended: rounds of {options.Recruiters:N0} recruiters on {options.HotOrdersPerRound} orders of 1–{ContendedMaxHeadcount} slots", contended);
        var overbooked = await OverbookedAsync(grains, contended.Orders);

        var uncontended = await SpreadAsync(grains, options, spread, workers[options.Holds..]);
        Report($"spread: {options.Recruiters:N0} recruiters over {spread.Count:N0} orders of {ContendedMaxHeadcount + 1}+ slots", uncontended);
        overbooked += await OverbookedAsync(grains, uncontended.Orders);

        Console.WriteLine(overbooked == 0 ? "no order hired beyond its headcount" : $"OVERBOOKED: {overbooked} orders hired beyond their headcount");
        return overbooked == 0 && contended.Failed == 0 && uncontended.Failed == 0 ? 0 : 1;
    }

    private static async Task<Outcome> ContendedAsync(IGrainFactory grains, DriverOptions options, List<JobOrderProfile> hot, string[] workers)
    {
        var outcome = new Outcome();
        var rounds = (workers.Length + options.Recruiters - 1) / options.Recruiters;
        if (hot.Count < rounds * options.HotOrdersPerRound)
        {
            throw new InvalidOperationException($"{rounds} rounds need {rounds * options.HotOrdersPerRound} orders of few slots; the workload has {hot.Count}.");
        }

        var random = new Random(options.Seed);
        var clock = new CpuClock();
        for (var round = 0; round < rounds; round++)
        {
            var targets = hot.GetRange(round * options.HotOrdersPerRound, options.HotOrdersPerRound);
            outcome.Orders.AddRange(targets);
            var batch = workers.Skip(round * options.Recruiters).Take(options.Recruiters)
                .Select(w => (Worker: w, Order: targets[random.Next(targets.Count)].Id!)).ToList();

            // All recruiters of a round act at once: the contention is on the few orders' grains.
            await Task.WhenAll(batch.Select(a => AttemptAsync(grains, a.Order, a.Worker, outcome)));
        }

        outcome.Elapsed = clock.Wall;
        outcome.CoreSeconds = clock.CoreSeconds;
        return outcome;
    }

    private static async Task<Outcome> SpreadAsync(IGrainFactory grains, DriverOptions options, List<JobOrderProfile> spread, string[] workers)
    {
        var outcome = new Outcome();
        var attempts = workers.Select((w, i) => (Worker: w, Order: spread[i % spread.Count].Id!)).ToList();
        outcome.Orders.AddRange(spread.Take(attempts.Count));
        var clock = new CpuClock();
        await Load.AllAsync(attempts, a => AttemptAsync(grains, a.Order, a.Worker, outcome), options.Recruiters);
        outcome.Elapsed = clock.Wall;
        outcome.CoreSeconds = clock.CoreSeconds;
        return outcome;
    }

    private static async Task AttemptAsync(IGrainFactory grains, string orderId, string workerId, Outcome outcome)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var order = grains.GetGrain<IJobOrderGrain>(orderId);
            var hold = await order.HoldAsync(workerId, null);
            await order.ConfirmAsync(hold.HoldId);
            Interlocked.Increment(ref outcome.Confirmed);
        }
        catch (ConflictException)
        {
            // No free slot, or the order filled and closed to holds: the answer a losing recruiter gets.
            Interlocked.Increment(ref outcome.Refused);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref outcome.Failed);
            outcome.FirstFailure ??= ex;
        }

        outcome.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Orders with more hires than headcount: must be none, however hard the recruiters raced.</summary>
    private static async Task<int> OverbookedAsync(IGrainFactory grains, List<JobOrderProfile> orders)
    {
        var views = await Task.WhenAll(orders.Select(o => grains.GetGrain<IJobOrderGrain>(o.Id!).GetAsync()));
        return views.Count(v => v.Hired > v.Headcount);
    }

    private static void Report(string title, Outcome o)
    {
        var attempts = o.Confirmed + o.Refused + o.Failed;
        var seconds = o.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {title}
              attempts                          {attempts:N0} in {seconds:F1} s: {o.Confirmed:N0} held and confirmed, {o.Refused:N0} refused, {o.Failed:N0} failed{(o.FirstFailure is { } f ? $" (first: {f.GetType().Name}: {f.Message})" : "")}
              hold+confirm completed            {o.Confirmed / seconds:N0}/s
              attempts answered                 {attempts / seconds:N0}/s
              CPU used                          {o.CoreSeconds:F0} core-seconds, {o.CoreSeconds / seconds:F2} of {Environment.ProcessorCount} cores on average: {o.Confirmed / o.CoreSeconds:N0} hold+confirm and {attempts / o.CoreSeconds:N0} attempts per core-second
              attempt latency                   {new Percentiles(o.Latencies).Summary()}
            """));
    }

    private sealed class Outcome
    {
        public int Confirmed;
        public int Refused;
        public int Failed;
        public Exception? FirstFailure;

        public ConcurrentBag<double> Latencies { get; } = [];

        public List<JobOrderProfile> Orders { get; } = [];

        public TimeSpan Elapsed { get; set; }

        public double CoreSeconds { get; set; }
    }
}
