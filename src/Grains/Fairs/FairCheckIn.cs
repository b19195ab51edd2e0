namespace Matching.Fairs;

/// <summary>
/// One visitor's arrival at a fair, as the fair keeps it for its day's report: when, from where, and the order
/// the visitor was matched to on arrival. Origins are copied at check-in, so the report counts the visitor where
/// the board counted them.
/// </summary>
[GenerateSerializer, Immutable, Alias("FairCheckIn")]
public sealed record FairCheckIn(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string OriginProvince,
    [property: Id(3)] string OriginPrefecture,
    [property: Id(4)] string OriginCounty,
    [property: Id(5)] string? MatchedJobOrderId);
