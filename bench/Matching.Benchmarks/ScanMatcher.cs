using Matching.Feeds;
using Matching.Index;
using Matching.Scoring;

namespace Matching.Benchmarks;

/// <summary>
/// A matcher written for comparison: open orders in flat arrays, each with its own top-K, a new worker scored
/// against every order it scans before any per-order state is touched. Unpartitioned it is the naive matcher
/// (every open order of every trade, no index); partitioned by trade it scans only the worker's trades, which
/// shows what the trade index can gain when no lookup precedes the score. Raises the same events as a shard
/// does for a newcomer: found, and outranked for the one it pushes out.
/// </summary>
/// <remarks>
/// Keeps no worker → orders map (a shard keeps one so that a leaving worker touches only its lists), so it
/// handles new workers only; that suits a registration storm, and it flatters neither side of the comparison.
/// </remarks>
public sealed class ScanMatcher(bool byTrade, Action<JobSummary, FeedEvent> announce)
{
    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);

    public void AddJob(JobSummary job)
    {
        var key = byTrade ? job.Trade : "";
        if (!_partitions.TryGetValue(key, out var partition))
        {
            _partitions[key] = partition = new Partition();
        }

        partition.Jobs.Add(job);
        partition.Lists.Add(new RankList<MatchRank>(StandardData.TopK, Comparer<MatchRank>.Default));
    }

    /// <summary>Adds workers without announcing, as a rebuild would.</summary>
    public void Load(IEnumerable<IndexedWorker> workers)
    {
        foreach (var worker in workers)
        {
            Register(worker, announceChanges: false);
        }
    }

    public void UpsertWorker(IndexedWorker worker) => Register(worker, announceChanges: true);

    private void Register(IndexedWorker worker, bool announceChanges)
    {
        if (!byTrade)
        {
            Place(_partitions.GetValueOrDefault("") ?? Partition.Empty, worker, announceChanges);
            return;
        }

        foreach (var skill in worker.Summary.Skills)
        {
            if (_partitions.TryGetValue(skill.Trade, out var partition))
            {
                Place(partition, worker, announceChanges);
            }
        }
    }

    private void Place(Partition partition, IndexedWorker worker, bool announceChanges)
    {
        var summary = worker.Summary;
        var jobs = partition.Jobs;
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            var score = MatchScorer.Score(summary, job, StandardData.Scoring);
            if (!score.Eligible)
            {
                continue;
            }

            var change = partition.Lists[i].Insert(new MatchRank(score.Score, score.Partner, score.Priority, summary.WorkerId));
            if (change.Outcome != RankOutcome.Added || !announceChanges)
            {
                continue;
            }

            var (points, reasons) = MatchScorer.Points(summary, job, StandardData.Scoring);
            announce(job, new CandidateFound
            {
                JobOrderId = job.JobOrderId,
                WorkerId = summary.WorkerId,
                Score = points,
                Rank = change.Rank + 1,
                Reasons = reasons,
                Worker = worker.Card,
            });
            if (change.HasEvicted)
            {
                announce(job, new CandidateWithdrawn { JobOrderId = job.JobOrderId, WorkerId = change.Evicted.Id, Reason = "outranked" });
            }
        }
    }

    private sealed class Partition
    {
        public static readonly Partition Empty = new();

        public List<JobSummary> Jobs { get; } = [];

        public List<RankList<MatchRank>> Lists { get; } = [];
    }
}
