namespace Matching.Consistency;

/// <summary>
/// Compares derived state with the entities it is derived from, from inside a silo (where the store is),
/// so a process that is only a client of the cluster can ask too.
/// </summary>
[Alias("IConsistencyGrain")]
public interface IConsistencyGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// For each catalog kind, its totals (overall and per status) against the stored entities; for each
    /// match index shard, its open orders and workers in the search against what the store says belong there.
    /// A snapshot: under a stream of writes a difference may be a change still on its way.
    /// </summary>
    [Alias("Check")]
    Task<ConsistencyReport> CheckAsync();
}
