using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.Feeds;
using Matching.Index;
using Matching.Scoring;

namespace Matching.Benchmarks;

/// <summary>
/// A whole registration storm inside the engine: M open orders, then N workers registered one after another
/// through the trade shards, the naive matcher and the score-first trade scan in turn, in the same process; prints
/// the time per registration of each and the speed-ups. All must announce the same candidates, which is checked.
/// </summary>
public static class EngineReplay
{
    public static int Run(Arguments args)
    {
        var workers = args.Int("workers", 100_000);
        var orders = args.Int("orders", 10_000);
        var jobs = StandardData.Jobs(orders);

        // Entries are built before the clock starts: the storm measures matching, not the generator.
        var entries = StandardData.Workers(0, workers).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay: {workers:N0} workers registered one by one against {orders:N0} open orders"));

        var shards = Storm("trade shards", entries, announce =>
        {
            var index = new TradeIndex(announce);
            index.Load(jobs, []);
            return index.UpsertWorker;
        });
        var naive = Storm("naive scan", entries, announce => Scan(jobs, byTrade: false, announce));
        var scoreFirst = Storm("score-first", entries, announce => Scan(jobs, byTrade: true, announce));

        Console.WriteLine("speed-up over the naive scan (total time; median registration):");
        Console.WriteLine(Ratio("trade shards", naive, shards));
        Console.WriteLine(Ratio("score-first trade scan", naive, scoreFirst));

        // The three must find the same candidates, else the comparison would be of different work.
        if (shards.Found != naive.Found || shards.Found != scoreFirst.Found)
        {
            Console.WriteLine($"MISMATCH: announced {shards.Found:N0}, {naive.Found:N0} and {scoreFirst.Found:N0} candidates");
            return 1;
        }

        return 0;
    }

    private static Action<IndexedWorker> Scan(List<JobSummary> jobs, bool byTrade, Action<JobSummary, FeedEvent> announce)
    {
        var matcher = new ScanMatcher(byTrade, announce);
        jobs.ForEach(matcher.AddJob);
        return matcher.UpsertWorker;
    }

    private static Result Storm(string name, IndexedWorker[] entries, Func<Action<JobSummary, FeedEvent>, Action<IndexedWorker>> build)
    {
        var counter = new Counter();
        var upsert = build(counter.Add);
        var times = new double[entries.Length];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < entries.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            upsert(entries[i]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var result = new Result(total.Elapsed.TotalMilliseconds, new Percentiles(times), counter.Found);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-13} {result.TotalMs / 1000:F1} s, {entries.Length / (result.TotalMs / 1000):N0} registrations/s; per registration {result.Times.Summary()}; {counter.Found:N0} CandidateFound, {counter.Other:N0} other events"));
        return result;
    }

    private static string Ratio(string name, Result naive, Result other) =>
        string.Create(CultureInfo.InvariantCulture, $"  {name,-24} {naive.TotalMs / other.TotalMs:F2}x; {naive.Times[50] / other.Times[50]:F2}x");

    private sealed record Result(double TotalMs, Percentiles Times, long Found);

    private sealed class Counter
    {
        public long Found { get; private set; }

        public long Other { get; private set; }

        public void Add(JobSummary job, FeedEvent e)
        {
            if (e is CandidateFound)
            {
                Found++;
            }
            else
            {
                Other++;
            }
        }
    }
}
