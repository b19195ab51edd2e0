namespace Matching.Index;

/// <summary>
/// What a recruiter may see of a candidate it does not hold: masked name and phone, origin, categories,
/// skills. Built once when the worker is indexed, so no push or list ever carries the personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("CandidateCard")]
public sealed record CandidateCard(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string MaskedName,
    [property: Id(2)] string MaskedPhone,
    [property: Id(3)] string OriginProvince,
    [property: Id(4)] string OriginPrefecture,
    [property: Id(5)] string[] Categories,
    [property: Id(6)] string[] Trades,
    [property: Id(7)] bool NeedsLodging);
