using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>A scored, eligible worker–job pair with the reasons that travel with it.</summary>
/// <param name="WorkerId">The candidate.</param>
/// <param name="JobOrderId">The job order.</param>
/// <param name="Score">0..100, including any poverty-alleviated bonus.</param>
/// <param name="Partner">The worker belongs to one of the job's partner programmes.</param>
/// <param name="Priority">The worker wins ties under <see cref="PovertyAlleviatedPolicy.TieBreak"/>.</param>
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

    /// <summary>The rank among the candidates of one job order.</summary>
    public MatchRank CandidateRank => new(Score, Partner, Priority, WorkerId);

    /// <summary>
    /// The rank among the job orders of one worker. The priority flag belongs to the worker,
    /// so it is the same for all of them and left out.
    /// </summary>
    public MatchRank JobRank => new(Score, Partner, false, JobOrderId);
}
