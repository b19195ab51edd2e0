using Matching.Feeds;
using Matching.Scoring;

namespace Matching.Index;

/// <summary>A worker entered the ranked candidates of one of the employer's job orders.</summary>
[GenerateSerializer, Alias("CandidateFound")]
public sealed record CandidateFound : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    [Id(2)] public int Score { get; init; }
    /// <summary>1-based place in the job order's list when the event was raised.</summary>
    [Id(3)] public int Rank { get; init; }
    [Id(4)] public ScoreReason[] Reasons { get; init; } = [];
    [Id(5)] public CandidateCard Worker { get; init; } = null!;

    public override string Type => nameof(CandidateFound);
}

/// <summary>A worker left a job order's candidates: withdrawn, hired, no longer fitting, or outranked.</summary>
[GenerateSerializer, Alias("CandidateWithdrawn")]
public sealed record CandidateWithdrawn : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    /// <summary><c>withdrawn</c>, <c>hired</c>, <c>unfit</c>, <c>outranked</c> or <c>orderClosed</c>.</summary>
    [Id(2)] public string Reason { get; init; } = "";

    public override string Type => nameof(CandidateWithdrawn);
}

/// <summary>A listed candidate's score changed (the worker or the order changed).</summary>
[GenerateSerializer, Alias("CandidateRankChanged")]
public sealed record CandidateRankChanged : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    [Id(2)] public int Score { get; init; }
    [Id(3)] public int PreviousScore { get; init; }
    [Id(4)] public int Rank { get; init; }
    [Id(5)] public ScoreReason[] Reasons { get; init; } = [];

    public override string Type => nameof(CandidateRankChanged);
}
