using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>A scored, eligible worker–job pair with the reasons that travel with it.</summary>
/// <param name="WorkerId">The candidate.</param>
/// <param name="JobOrderId">The job order.</param>
/// <param name="Score">0..100, including any poverty-alleviated bonus.</param>
/// <param name="Partner">The worker belongs to one of the job's partner programmes.</param>
/// <param name="Priority">The worker wins ties under <c>PovertyAlleviatedPolicy.TieBreak</c>.</param>
/// <param name="Reasons">The components and tie-breaks, labelled; their points add up to the score.</param>
[GenerateSerializer, Immutable, Alias("Match")]
public sealed record Match(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] int Score,
    [property: Id(3)] bool Partner,
    [property: Id(4)] bool Priority,
    [property: Id(5)] ImmutableArray<ScoreReason> Reasons)
{
    /// <summary>Compares the reasons by content, so equal matches are equal after a trip between silos.</summary>
    public bool Equals(Match? other) =>
        other is not null
        && string.Equals(WorkerId, other.WorkerId, StringComparison.Ordinal)
        && string.Equals(JobOrderId, other.JobOrderId, StringComparison.Ordinal)
        && Score == other.Score
        && Partner == other.Partner
        && Priority == other.Priority
        && ArrayEquality.Same(Reasons, other.Reasons);

    public override int GetHashCode() => HashCode.Combine(WorkerId, JobOrderId, Score, Partner, Priority, ArrayEquality.Hash(Reasons));
}

/// <summary>
/// The allocation-free result of scoring one pair: what ranking needs, without the reasons.
/// </summary>
/// <param name="Failed">Hard filters failed (the first found, not necessarily all); <see cref="HardFilters.None"/> when eligible.</param>
/// <param name="Score">0..100; 0 when not eligible.</param>
/// <param name="Partner">The worker belongs to one of the job's partner programmes; false when not eligible.</param>
/// <param name="Priority">The worker wins ties under <c>PovertyAlleviatedPolicy.TieBreak</c>.</param>
public readonly record struct MatchScore(HardFilters Failed, int Score, bool Partner, bool Priority)
{
    public bool Eligible => Failed == HardFilters.None;
}

/// <summary>
/// The ranking key of a match, totally ordered so any set of matches has exactly one ranked order:
/// higher score first; among equal scores a partner-programme member first (同等条件下优先);
/// then a priority holder (see <c>PovertyAlleviatedPolicy.TieBreak</c>); then by id, ordinal.
/// </summary>
/// <remarks>
/// The partner flag is compared only after the score, so it can never lift a match over one that
/// scores higher: the domain makes it a tie-break, not a bonus. <see cref="CompareTo"/> sorts the
/// better rank first.
/// </remarks>
/// <param name="Score">0..100, higher first.</param>
/// <param name="Partner">In one of the job's partner programmes; decides only among equal scores.</param>
/// <param name="Priority">Wins what partner standing leaves tied.</param>
/// <param name="Id">What is ranked: the worker id among a job's candidates, the job order id among a worker's jobs.</param>
public readonly record struct MatchRank(int Score, bool Partner, bool Priority, string Id) : IComparable<MatchRank>
{
    public int CompareTo(MatchRank other)
    {
        if (Score != other.Score)
        {
            return Score > other.Score ? -1 : 1;
        }

        if (Partner != other.Partner)
        {
            return Partner ? -1 : 1;
        }

        if (Priority != other.Priority)
        {
            return Priority ? -1 : 1;
        }

        return string.CompareOrdinal(Id, other.Id);
    }
}

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

/// <summary>The stable codes of score reasons in the API (<c>reasons[].code</c>).</summary>
public static class ReasonCodes
{
    public const string LevelFit = "levelFit";
    public const string WageFit = "wageFit";
    public const string DistrictFit = "districtFit";
    public const string AvailabilityFit = "availabilityFit";
    public const string HousingFit = "housingFit";
    public const string Certificates = "certificates";

    /// <summary>Membership of one of the job's partner programmes: a tie-break, so always 0 points.</summary>
    public const string Partner = "partner";

    /// <summary>Poverty-alleviated: 0 points as a tie-break, the bonus under the bonus policy.</summary>
    public const string PovertyAlleviated = "povertyAlleviated";
}

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
