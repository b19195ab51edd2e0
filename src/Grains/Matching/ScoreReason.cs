namespace Matching.Scoring;

/// <summary>
/// One named part of a score with its Chinese label, e.g. <c>("wageFit", "期望薪资 6000 ≤ 7500", 22)</c>.
/// The points of a match's reasons add up to its score; tie-break reasons carry 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("ScoreReason")]
public sealed record ScoreReason(
    [property: Id(0)] string Code,
    [property: Id(1)] string Label,
    [property: Id(2)] int Points);

/// <summary>
/// One reason of a pushed score: its code and points, without the label. Screens label the codes from
/// <c>/api/reference</c>; the candidates and explain routes carry the full labelled reasons.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReasonPoints")]
public readonly record struct ReasonPoints([property: Id(0)] string Code, [property: Id(1)] int Points);
