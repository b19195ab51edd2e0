using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Matching.Feeds;
using Matching.Index;
using Matching.Scoring;

namespace Matching.Benchmarks;

/// <summary>
/// One registration inside the engine, with the standard 100,000 workers already indexed and 10,000 orders open:
/// the new worker is scored, placed in every list it enters, and its <c>CandidateFound</c> events are built.
/// Each invocation registers the next unseen worker, so no call repeats an earlier one.
/// </summary>
/// <remarks>
/// The invocation count is fixed so a run registers a known number of workers (about 1,500 of a pool of 8,000),
/// which keeps the index at the standard size throughout.
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 7, invocationCount: 128)]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Seated = 100_000;
    private const int Orders = 10_000;
    private const int Fresh = 8_000;

    private IndexedWorker[] _seated = [];
    private IndexedWorker[] _fresh = [];
    private int _next;
    private long _events;
    private TradeShard? _hotShard;
    private TradeIndex? _index;
    private ScanMatcher? _naive;
    private ScanMatcher? _scoreFirst;

    [GlobalSetup(Target = nameof(OneShardAllOfItsTrade))]
    public void SetupHotShard()
    {
        LoadWorkers(w => StandardData.TradesOf(w).Contains(StandardData.HotTrade));
        _hotShard = new TradeShard(StandardData.TopK, StandardData.Scoring, null, Count);
        _hotShard.Load(StandardData.JobsOfTrade(StandardData.HotTrade, Orders), _seated);
        _hotShard.RankAll();
    }

    [GlobalSetup(Target = nameof(TradeShardsOfTheWorker))]
    public void SetupIndex()
    {
        LoadWorkers(_ => true);
        _index = new TradeIndex(Count);
        _index.Load(StandardData.Jobs(Orders), _seated);
    }

    [GlobalSetup(Target = nameof(NaiveScan))]
    public void SetupNaive()
    {
        LoadWorkers(_ => true);
        _naive = Scan(byTrade: false);
    }

    [GlobalSetup(Target = nameof(ScoreFirstTradeScan))]
    public void SetupScoreFirst()
    {
        LoadWorkers(_ => true);
        _scoreFirst = Scan(byTrade: true);
    }

    /// <summary>Case A, the worst case: all 10,000 open orders are of the worker's trade, in one shard.</summary>
    [Benchmark]
    public void OneShardAllOfItsTrade() => _hotShard!.UpsertWorker(NextWorker());

    /// <summary>Case B: the standard 10,000 orders across trades; the worker is matched in the shards of its 1–3 trades.</summary>
    [Benchmark]
    public void TradeShardsOfTheWorker() => _index!.UpsertWorker(NextWorker());

    /// <summary>The same workers scored against every one of the 10,000 open orders of all trades, no trade index.</summary>
    [Benchmark(Baseline = true)]
    public void NaiveScan() => _naive!.UpsertWorker(NextWorker());

    /// <summary>
    /// Case B's trade partition with nothing looked up before the score: what the index gains once a shard's
    /// per-order dictionary lookups follow the score instead of preceding it.
    /// </summary>
    [Benchmark]
    public void ScoreFirstTradeScan() => _scoreFirst!.UpsertWorker(NextWorker());

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine($"// registered {_next} workers, {_events} events announced");

    private void LoadWorkers(Func<IndexedWorker, bool> include)
    {
        _seated = [.. StandardData.Workers(0, Seated).Where(include)];
        _fresh = [.. StandardData.Workers(Seated, Fresh).Where(include)];
    }

    private ScanMatcher Scan(bool byTrade)
    {
        var matcher = new ScanMatcher(byTrade, Count);
        StandardData.Jobs(Orders).ForEach(matcher.AddJob);
        matcher.Load(_seated);
        return matcher;
    }

    private IndexedWorker NextWorker() => _fresh[_next++ % _fresh.Length];

    private void Count(JobSummary job, FeedEvent e) => _events++;
}
