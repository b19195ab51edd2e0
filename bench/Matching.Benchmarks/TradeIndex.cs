using Matching.Feeds;
using Matching.Index;
using Matching.Scoring;

namespace Matching.Benchmarks;

/// <summary>
/// The live index without Orleans: one <see cref="TradeShard"/> per trade, a worker routed to the shards of
/// its trades and an order to the shard of its trade, as <see cref="ShardRouter"/> routes them with one shard per trade.
/// </summary>
public sealed class TradeIndex
{
    private readonly Dictionary<string, TradeShard> _shards = new(StringComparer.Ordinal);
    private readonly Action<JobSummary, FeedEvent> _announce;

    public TradeIndex(Action<JobSummary, FeedEvent> announce)
    {
        _announce = announce;
    }

    public int Shards => _shards.Count;

    /// <summary>Fills every shard silently and ranks every order from scratch, as an activation does.</summary>
    public void Load(IEnumerable<JobSummary> jobs, IEnumerable<IndexedWorker> workers)
    {
        foreach (var group in jobs.GroupBy(j => j.Trade, StringComparer.Ordinal))
        {
            ShardOf(group.Key).Load(group, []);
        }

        foreach (var worker in workers)
        {
            foreach (var trade in StandardData.TradesOf(worker))
            {
                ShardOf(trade).Load([], [worker]);
            }
        }

        foreach (var shard in _shards.Values)
        {
            shard.RankAll();
        }
    }

    /// <summary>A registration: the worker scored in each shard of its trades and nowhere else.</summary>
    public void UpsertWorker(IndexedWorker worker)
    {
        foreach (var skill in worker.Summary.Skills)
        {
            ShardOf(skill.Trade).UpsertWorker(worker);
        }
    }

    public TradeShard ShardOf(string trade)
    {
        if (!_shards.TryGetValue(trade, out var shard))
        {
            _shards[trade] = shard = new TradeShard(StandardData.TopK, StandardData.Scoring, null, _announce);
        }

        return shard;
    }
}
