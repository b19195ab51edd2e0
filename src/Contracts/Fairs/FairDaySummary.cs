namespace Matching.Fairs;

/// <summary>
/// The end of a fair day: what every screen shows once the fair is closed. <c>Held</c> and <c>Hired</c> count the
/// visitors held for a job slot, or hired, when the fair closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("FairDaySummary")]
public sealed record FairDaySummary(
    [property: Id(0)] int CheckIns,
    [property: Id(1)] int Matched,
    [property: Id(2)] int Held,
    [property: Id(3)] int Hired,
    [property: Id(4)] Dictionary<string, int> ByProvince,
    [property: Id(5)] Dictionary<string, int> ByPrefecture,
    [property: Id(6)] DateTimeOffset ClosedAt);
