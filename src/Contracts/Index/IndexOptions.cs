namespace Matching.Index;

/// <summary>Shape of the match index, bound from <c>Matching:Index</c>.</summary>
public sealed class IndexOptions
{
    public const string Section = "Matching:Index";

    /// <summary>Candidates kept per job order and job orders returned per worker.</summary>
    public int TopK { get; set; } = 50;

    /// <summary>
    /// Places kept below the K shown per job order, so a candidate leaving the shown places is replaced by a shift
    /// rather than a rescan of the shard; -1 (default) takes the engine's own reserve (<c>TradeShard.DefaultReserve</c>).
    /// </summary>
    public int Reserve { get; set; } = -1;

    /// <summary>
    /// How long a shard gathers the changes it announces before publishing their net effect. 0 (default) publishes
    /// as soon as the calls already queued at the shard are done, so a batch grows with the load and adds no wait
    /// when the shard is idle; a window in milliseconds trades that latency for larger batches.
    /// </summary>
    public int FlushMilliseconds { get; set; }

    /// <summary>
    /// Shards of a hot trade, by trade code (default: 2 for <c>general</c>, which carries about 40 % of workers;
    /// 1 for the others). A trade's shards split its open orders by id and each scores every worker of the trade,
    /// so one registration is matched on several cores at once and each order's list lives in exactly one shard.
    /// </summary>
    public Dictionary<string, int> Shards { get; set; } = new(StringComparer.Ordinal) { ["general"] = 2 };

    public int ShardsOf(string trade) => Shards.TryGetValue(trade, out var n) && n > 1 ? Math.Min(n, 64) : 1;
}
