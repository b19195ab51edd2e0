namespace Matching.Index;

/// <summary>Keys of index shards: <c>{trade}/{shard}</c>, and which shard of its trade holds a job order.</summary>
public static class IndexKey
{
    public static string Of(string trade, int shard) => $"{trade}/{shard}";

    public static (string Trade, int Shard) Parse(string key)
    {
        var at = key.LastIndexOf('/');
        return (key[..at], int.Parse(key.AsSpan(at + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The shard of a job order (or the bucket of any key) by a stable hash (FNV-1a), not <c>string.GetHashCode</c>,
    /// which differs between processes.
    /// </summary>
    public static int ShardOf(string jobOrderId, int shards)
    {
        if (shards <= 1)
        {
            return 0;
        }

        var hash = 2166136261u;
        foreach (var c in jobOrderId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
