using Matching.Catalog;
using Matching.Index;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Storage;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Consistency;

/// <summary>
/// Scans the store once per kind and asks every catalog and index shard for its counts. Stateless: any silo
/// can answer, several at once. Asking a shard that was not active activates it, which rebuilds it from the
/// store, so only shards that lived through changes can disagree — which is what the check is for.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class ConsistencyGrain(
    IStateStore store,
    IOptions<IndexOptions> indexOptions,
    ShardRouter shards,
    ReferenceData refs,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IConsistencyGrain
{
    private const string Total = "total";

    public async Task<ConsistencyReport> CheckAsync()
    {
        var checks = new List<ConsistencyCheck>();
        foreach (var kind in CatalogScan.Kinds)
        {
            checks.AddRange(await CheckCatalogAsync(kind));
        }

        checks.AddRange(await CheckIndexAsync());
        checks.AddRange(await CheckReservationsAsync());
        return new ConsistencyReport(checks.All(c => c.Consistent), [.. checks]);
    }

    private async Task<List<ConsistencyCheck>> CheckCatalogAsync(string kind)
    {
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var entry in CatalogScan.EntriesAsync(store, kind, default))
        {
            byStatus[entry.Status] = byStatus.GetValueOrDefault(entry.Status) + 1;
            total++;
        }

        var catalog = GrainFactory.GetGrain<ICatalogGrain>(kind);
        var checks = new List<ConsistencyCheck> { new("catalog", kind, Total, total, await CountAsync(catalog, null)) };
        foreach (var (status, count) in byStatus)
        {
            checks.Add(new("catalog", kind, $"status:{status}", count, await CountAsync(catalog, status)));
        }

        return checks;
    }

    private async Task<List<ConsistencyCheck>> CheckIndexAsync()
    {
        var options = indexOptions.Value;
        var openJobs = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (key, state) in store.ScanAsync<JobOrderState>(StorageNames.JobOrder))
        {
            if (state.IsListed)
            {
                var trade = state.Profile!.Trade;
                var shardKey = IndexKey.Of(trade, IndexKey.ShardOf(key, options.ShardsOf(trade)));
                openJobs[shardKey] = openJobs.GetValueOrDefault(shardKey) + 1;
            }
        }

        var workers = new Dictionary<string, int>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        await foreach (var (_, state) in store.ScanAsync<WorkerState>(StorageNames.Worker))
        {
            if (!state.IsListedAt(now))
            {
                continue;
            }

            // Every shard of a trade scores every worker of the trade.
            foreach (var trade in state.Profile!.Skills.Select(s => s.Trade).Distinct(StringComparer.Ordinal))
            {
                workers[trade] = workers.GetValueOrDefault(trade) + 1;
            }
        }

        // Every known trade, and any trade stored entities still name (e.g. one dropped from the configuration).
        var trades = refs.Trades.Keys
            .Concat(openJobs.Keys.Select(k => IndexKey.Parse(k).Trade))
            .Concat(workers.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var checks = new List<ConsistencyCheck>();
        foreach (var shard in shards.AllShards(trades))
        {
            var stats = await shard.StatsAsync();
            checks.Add(new("index", stats.Key, "jobs", openJobs.GetValueOrDefault(stats.Key), stats.Jobs));
            checks.Add(new("index", stats.Key, "workers", workers.GetValueOrDefault(IndexKey.Parse(stats.Key).Trade), stats.Workers));
        }

        return checks;
    }

    /// <summary>
    /// Holds and hires are written on both sides of a flow (the job order and the worker): each side's must be
    /// found on the other, in both directions. Steps the order has not settled yet (see <c>HoldPhase</c>) are
    /// left out: they are a flow in progress, and the order finishes or undoes them itself.
    /// </summary>
    private async Task<List<ConsistencyCheck>> CheckReservationsAsync()
    {
        var now = time.GetUtcNow();
        var orderHolds = new Dictionary<string, string>(StringComparer.Ordinal);
        var orderHires = new Dictionary<string, string>(StringComparer.Ordinal);
        var unsettled = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (_, state) in store.ScanAsync<JobOrderState>(StorageNames.JobOrder))
        {
            foreach (var hold in state.Holds.Where(h => h.IsLive(now)))
            {
                if (hold.Phase == HoldPhase.Bound)
                {
                    orderHolds[hold.HoldId] = hold.WorkerId;
                }
                else
                {
                    unsettled.Add(hold.HoldId);
                }
            }

            foreach (var hire in state.Hires)
            {
                orderHires[hire.HoldId] = hire.WorkerId;
            }
        }

        var workerHolds = new Dictionary<string, string>(StringComparer.Ordinal);
        var workerHires = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (key, state) in store.ScanAsync<WorkerState>(StorageNames.Worker))
        {
            if (state.StatusAt(now) == WorkerStatus.Held && state.Hold is { } hold && !unsettled.Contains(hold.HoldId))
            {
                workerHolds[hold.HoldId] = key;
            }

            if (state.Hire is { } hire && !unsettled.Contains(hire.HoldId))
            {
                workerHires[hire.HoldId] = key;
            }
        }

        return
        [
            Matched("worker-holds", "on-their-order", workerHolds, orderHolds),
            Matched("order-holds", "on-their-worker", orderHolds, workerHolds),
            Matched("worker-hires", "on-their-order", workerHires, orderHires),
            Matched("order-hires", "on-their-worker", orderHires, workerHires),
        ];

        // Of one side's entries (hold id → worker), how many the other side has for the same worker.
        static ConsistencyCheck Matched(string key, string measure, Dictionary<string, string> side, Dictionary<string, string> other)
        {
            var missing = side.Where(e => other.GetValueOrDefault(e.Key) != e.Value).Select(e => $"{e.Value}:{e.Key}").ToList();
            return new("reservations", key, measure, side.Count, side.Count - missing.Count, missing.Count == 0 ? null : [.. missing.Order(StringComparer.Ordinal).Take(20)]);
        }
    }

    private static async Task<int> CountAsync(ICatalogGrain catalog, string? status) =>
        (await catalog.QueryAsync(new CatalogQuery(status, [], 0, 0))).Total;
}
