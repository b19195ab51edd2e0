namespace Matching.Index;

/// <summary>Shape of the match index, bound from <c>Matching:Index</c>.</summary>
public sealed class IndexOptions
{
    public const string Section = "Matching:Index";

    /// <summary>Candidates kept per job order and job orders returned per worker.</summary>
    public int TopK { get; set; } = 50;

    /// <summary>
    /// Shards of a hot trade, by trade code (default 1). A trade's shards split its workers by id and
    /// each holds every open order of the trade, so a registration touches one shard per trade.
    /// </summary>
    public Dictionary<string, int> Shards { get; set; } = [];

    public int ShardsOf(string trade) => Shards.TryGetValue(trade, out var n) && n > 1 ? Math.Min(n, 64) : 1;
}
