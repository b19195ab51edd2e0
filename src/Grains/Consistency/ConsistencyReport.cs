namespace Matching.Consistency;

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
