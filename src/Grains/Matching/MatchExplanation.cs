using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>
/// Why a worker and a job order match or not (<c>GET /api/matches/explain</c>).
/// An ineligible pair scores 0, has no reasons and lists every filter it failed.
/// </summary>
[GenerateSerializer, Immutable, Alias("MatchExplanation")]
public sealed record MatchExplanation(
    [property: Id(0)] bool Eligible,
    [property: Id(1)] int Score,
    [property: Id(2)] ImmutableArray<ScoreReason> Reasons,
    [property: Id(3)] ImmutableArray<FailedFilter> FailedFilters);
