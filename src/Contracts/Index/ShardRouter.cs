using Matching.Feeds;
using Matching.JobOrders;
using Matching.Scoring;
using Matching.Workers;

namespace Matching.Index;

/// <summary>
/// How entity grains and the API talk to the index shards: which shards a worker or an order lives in,
/// and merging the shards' answers. Keeps the routing rule in one place.
/// </summary>
public sealed class ShardRouter(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<IndexOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Trade, int Shard), ITradeShardGrain> _shards = new();

    private IndexOptions Options => options.Value;

    /// <summary>Seeking and held workers are candidates; a hold may lapse, and a recruiter sees the hold anyway.</summary>
    public static bool InSearch(WorkerStatus status) => status is WorkerStatus.Seeking or WorkerStatus.Held;

    public static IndexedWorker Entry(WorkerProfile profile) => new(WorkerSummary.From(profile), CandidateCard.From(profile));

    /// <summary>
    /// Puts the worker where its current trades are and takes it out of the trades it no longer has
    /// (or out of all of them when it left the search).
    /// </summary>
    public async Task WorkerChangedAsync(WorkerProfile? before, WorkerProfile after, WorkerStatus status, string reasonIfGone)
    {
        var id = after.Id!;
        var now = after.Skills.Select(s => s.Trade).ToHashSet(StringComparer.Ordinal);
        var was = before?.Skills.Select(s => s.Trade) ?? [];
        var calls = new List<Task>();
        if (InSearch(status))
        {
            var entry = Entry(after);
            calls.AddRange(now.SelectMany(Shards).Select(shard => shard.UpsertWorkerAsync(entry)));
            calls.AddRange(was.Where(t => !now.Contains(t)).SelectMany(Shards).Select(shard => shard.RemoveWorkerAsync(id, WithdrawalReasons.Unfit)));
        }
        else
        {
            calls.AddRange(now.Union(was).SelectMany(Shards).Select(shard => shard.RemoveWorkerAsync(id, reasonIfGone)));
        }

        await Task.WhenAll(calls);
    }

    /// <summary>Puts an open order into its shard of its trade, or takes a closed or filled one out.</summary>
    public async Task JobChangedAsync(JobOrderProfile? before, JobOrderProfile after, JobOrderStatus status)
    {
        var id = after.Id!;
        var calls = new List<Task>();
        if (before is not null && before.Trade != after.Trade)
        {
            calls.Add(JobShard(before.Trade, id).RemoveJobAsync(id));
        }

        calls.Add(status == JobOrderStatus.Open
            ? JobShard(after.Trade, id).UpsertJobAsync(JobSummary.From(after))
            : JobShard(after.Trade, id).RemoveJobAsync(id));

        await Task.WhenAll(calls);
    }

    /// <summary>The order's ranked candidates, from the one shard that holds its list.</summary>
    public Task<RankedCandidate[]> CandidatesAsync(JobOrderProfile order) => JobShard(order.Trade, order.Id!).CandidatesAsync(order.Id!);

    /// <summary>The worker's best orders over all its trades and their shards (each order is in one shard, so no duplicates).</summary>
    public async Task<RankedJob[]> MatchesAsync(WorkerProfile worker)
    {
        var parts = await Task.WhenAll(worker.Skills.Select(s => s.Trade).Distinct(StringComparer.Ordinal).SelectMany(Shards)
            .Select(shard => shard.MatchesOfAsync(worker.Id!, Options.TopK)));
        return [.. parts.SelectMany(p => p).OrderBy(j => j.Rank).Take(Options.TopK)];
    }

    /// <summary>Every shard of every trade, for the admin check.</summary>
    public IEnumerable<ITradeShardGrain> AllShards(IEnumerable<string> trades) => trades.SelectMany(Shards);

    private IEnumerable<ITradeShardGrain> Shards(string trade) => Enumerable.Range(0, Options.ShardsOf(trade)).Select(n => Shard(trade, n));

    private ITradeShardGrain JobShard(string trade, string jobOrderId) => Shard(trade, IndexKey.ShardOf(jobOrderId, Options.ShardsOf(trade)));

    // References are cached: building one reflects over the interface, which cost more than the call it served.
    private ITradeShardGrain Shard(string trade, int shard) =>
        _shards.GetOrAdd((trade, shard), key => grains.GetGrain<ITradeShardGrain>(IndexKey.Of(key.Trade, key.Shard)));
}
