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

/// <summary>Whether every check agrees, and the checks.</summary>
[GenerateSerializer, Immutable, Alias("ConsistencyReport")]
public sealed record ConsistencyReport(
    [property: Id(0)] bool Consistent,
    [property: Id(1)] ConsistencyCheck[] Checks);

/// <summary>
/// One count of derived state (<paramref name="Derived"/>) against the count the store implies
/// (<paramref name="Store"/>): e.g. <c>catalog</c> / <c>worker</c> / <c>status:seeking</c>, or
/// <c>index</c> / <c>welder/0</c> / <c>jobs</c>, or <c>reservations</c> / <c>worker-holds</c> / <c>on-their-order</c>
/// (of the holds workers keep, how many their order keeps too). <paramref name="Mismatches"/> names the first few
/// entities that disagree.
/// </summary>
[GenerateSerializer, Immutable, Alias("ConsistencyCheck")]
public sealed record ConsistencyCheck(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] string Measure,
    [property: Id(3)] int Store,
    [property: Id(4)] int Derived,
    [property: Id(5)] string[]? Mismatches = null)
{
    public bool Consistent => Store == Derived;
}
