using Matching.JobOrders;
using Matching.Scoring;
using Matching.Workers;

namespace Matching.Index;

/// <summary>
/// How entity grains and the API talk to the index shards: which shards a worker or an order lives in,
/// and merging the shards' answers. Keeps the routing rule in one place.
/// </summary>
public sealed class MatchIndex(IGrainFactory grains, Microsoft.Extensions.Options.IOptions<IndexOptions> options)
{
    private IndexOptions Options => options.Value;

    /// <summary>Seeking and held workers are candidates; a hold may lapse, and a recruiter sees the hold anyway.</summary>
    public static bool InSearch(WorkerStatus status) => status is WorkerStatus.Seeking or WorkerStatus.Held;

    /// <summary>Whether a stored job order belongs in the shards of its trade: open orders only.</summary>
    public static bool Lists(JobOrderState state) => state.Profile is not null && state.Status == JobOrderStatus.Open;

    /// <summary>Whether a stored worker belongs in the shards of its trades as of <paramref name="now"/>.</summary>
    public static bool Lists(WorkerState state, DateTimeOffset now) => state.Profile is not null && InSearch(state.StatusAt(now));

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
            calls.AddRange(now.Select(trade => WorkerShard(trade, id).UpsertWorkerAsync(entry)));
            calls.AddRange(was.Where(t => !now.Contains(t)).Select(trade => WorkerShard(trade, id).RemoveWorkerAsync(id, "unfit")));
        }
        else
        {
            calls.AddRange(now.Union(was).Select(trade => WorkerShard(trade, id).RemoveWorkerAsync(id, reasonIfGone)));
        }

        await Task.WhenAll(calls);
    }

    /// <summary>Puts an open order into every shard of its trade, or takes a closed or filled one out.</summary>
    public async Task JobChangedAsync(JobOrderProfile? before, JobOrderProfile after, JobOrderStatus status)
    {
        var id = after.Id!;
        var calls = new List<Task>();
        if (before is not null && before.Trade != after.Trade)
        {
            calls.AddRange(Shards(before.Trade).Select(s => s.RemoveJobAsync(id)));
        }

        if (status == JobOrderStatus.Open)
        {
            var summary = JobSummary.From(after);
            calls.AddRange(Shards(after.Trade).Select(s => s.UpsertJobAsync(summary)));
        }
        else
        {
            calls.AddRange(Shards(after.Trade).Select(s => s.RemoveJobAsync(id)));
        }

        await Task.WhenAll(calls);
    }

    /// <summary>The order's candidates from every shard of its trade, merged into one ranked list of at most K.</summary>
    public async Task<RankedCandidate[]> CandidatesAsync(JobOrderProfile order)
    {
        var parts = await Task.WhenAll(Shards(order.Trade).Select(s => s.CandidatesAsync(order.Id!)));
        return [.. parts.SelectMany(p => p).OrderBy(c => c.Rank).Take(Options.TopK)];
    }

    /// <summary>The worker's best orders over all its trades (each order has one trade, so no duplicates).</summary>
    public async Task<RankedJob[]> MatchesAsync(WorkerProfile worker)
    {
        var parts = await Task.WhenAll(worker.Skills.Select(s => WorkerShard(s.Trade, worker.Id!).MatchesOfAsync(worker.Id!, Options.TopK)));
        return [.. parts.SelectMany(p => p).OrderBy(j => j.Rank).Take(Options.TopK)];
    }

    /// <summary>Every shard of every trade, for the admin check.</summary>
    public IEnumerable<IMatchIndexGrain> AllShards(IEnumerable<string> trades) => trades.SelectMany(Shards);

    private IEnumerable<IMatchIndexGrain> Shards(string trade) =>
        Enumerable.Range(0, Options.ShardsOf(trade)).Select(n => grains.GetGrain<IMatchIndexGrain>(IndexKey.Of(trade, n)));

    private IMatchIndexGrain WorkerShard(string trade, string workerId) =>
        grains.GetGrain<IMatchIndexGrain>(IndexKey.Of(trade, IndexKey.ShardOf(workerId, Options.ShardsOf(trade))));
}
