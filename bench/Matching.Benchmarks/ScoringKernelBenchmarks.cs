using BenchmarkDotNet.Attributes;
using Matching.Scoring;

namespace Matching.Benchmarks;

/// <summary>
/// <see cref="MatchScorer.Score"/> over a fixed pool of pairs drawn from the standard workload; each
/// benchmark scores the whole pool once per invocation, so the reported time is per pair.
/// </summary>
[Config(typeof(QuickConfig))]
[MemoryDiagnoser]
public class ScoringKernelBenchmarks
{
    private const int Pairs = 4096;

    // Draws the pairs; any fixed number does, so every run scores the same pool.
    private const int WorkloadSeed = 17;

    private WorkerSummary[] _anyWorkers = [];
    private JobSummary[] _anyJobs = [];
    private WorkerSummary[] _tradeWorkers = [];
    private JobSummary[] _tradeJobs = [];
    private WorkerSummary[] _eligibleWorkers = [];
    private JobSummary[] _eligibleJobs = [];

    [GlobalSetup]
    public void Setup()
    {
        var jobs = StandardData.Jobs(10_000);
        var byTrade = jobs.GroupBy(j => j.Trade, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var workers = StandardData.Workers(0, 20_000).Select(w => w.Summary).ToArray();
        var random = new Random(WorkloadSeed);

        // What a scan of every order scores: a worker and any order.
        (_anyWorkers, _anyJobs) = Draw(Pairs, i => (workers[i], jobs[random.Next(jobs.Count)]));

        // What a trade shard scores: a worker and an order of one of its trades.
        (_tradeWorkers, _tradeJobs) = Draw(Pairs, i =>
        {
            var w = workers[i];
            var orders = byTrade[w.Skills[random.Next(w.Skills.Length)].Trade];
            return (w, orders[random.Next(orders.Length)]);
        });

        // Pairs that pass every filter and are scored in full: the cost a candidate list pays.
        var eligible = new List<(WorkerSummary, JobSummary)>(Pairs);
        for (var i = 0; eligible.Count < Pairs; i = (i + 1) % workers.Length)
        {
            var w = workers[i];
            var orders = byTrade[w.Skills[random.Next(w.Skills.Length)].Trade];
            var job = orders[random.Next(orders.Length)];
            if (MatchScorer.Score(w, job, StandardData.Scoring).Eligible)
            {
                eligible.Add((w, job));
            }
        }

        (_eligibleWorkers, _eligibleJobs) = Draw(Pairs, i => eligible[i]);
    }

    /// <summary>A uniformly drawn pair: mostly rejected by the first cheap filters.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int AnyPair() => ScoreAll(_anyWorkers, _anyJobs);

    /// <summary>An order of one of the worker's trades: the pairs a trade shard scores.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int SameTradePair() => ScoreAll(_tradeWorkers, _tradeJobs);

    /// <summary>Pairs that pass every hard filter, scored in full.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int EligiblePair() => ScoreAll(_eligibleWorkers, _eligibleJobs);

    /// <summary>The labelled match with reasons that goes into a <c>CandidateFound</c>: paid per list entry, not per pair.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public int CreateMatchEligible()
    {
        var sum = 0;
        for (var i = 0; i < _eligibleWorkers.Length; i++)
        {
            sum += MatchScorer.CreateMatch(_eligibleWorkers[i], _eligibleJobs[i], StandardData.Scoring)!.Score;
        }

        return sum;
    }

    private static int ScoreAll(WorkerSummary[] workers, JobSummary[] jobs)
    {
        var sum = 0;
        var options = StandardData.Scoring;
        for (var i = 0; i < workers.Length; i++)
        {
            sum += MatchScorer.Score(workers[i], jobs[i], options).Score;
        }

        return sum;
    }

    private static (WorkerSummary[], JobSummary[]) Draw(int count, Func<int, (WorkerSummary, JobSummary)> pick)
    {
        var workers = new WorkerSummary[count];
        var jobs = new JobSummary[count];
        for (var i = 0; i < count; i++)
        {
            (workers[i], jobs[i]) = pick(i);
        }

        return (workers, jobs);
    }
}
