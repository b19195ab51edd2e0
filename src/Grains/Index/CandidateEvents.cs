using Matching.Feeds;
using Matching.Scoring;

namespace Matching.Index;

/// <summary>A worker entered the ranked candidates of one of the employer's job orders.</summary>
[GenerateSerializer, Immutable, Alias("CandidateFound")]
public sealed record CandidateFound : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    [Id(2)] public int Score { get; init; }
    /// <summary>1-based place in the job order's list when the event was raised.</summary>
    [Id(3)] public int Rank { get; init; }
    [Id(4)] public ReasonPoints[] Reasons { get; init; } = [];
    [Id(5)] public CandidateCard Worker { get; init; } = null!;

    public override string Type => nameof(CandidateFound);
}

/// <summary>A worker left a job order's candidates: withdrawn, hired, no longer fitting, or outranked.</summary>
[GenerateSerializer, Immutable, Alias("CandidateWithdrawn")]
public sealed record CandidateWithdrawn : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    /// <summary>One of <see cref="WithdrawalReasons"/>.</summary>
    [Id(2)] public string Reason { get; init; } = "";

    public override string Type => nameof(CandidateWithdrawn);
}

/// <summary>A listed candidate's score changed (the worker or the order changed).</summary>
[GenerateSerializer, Immutable, Alias("CandidateRankChanged")]
public sealed record CandidateRankChanged : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string WorkerId { get; init; } = "";
    [Id(2)] public int Score { get; init; }
    [Id(3)] public int PreviousScore { get; init; }
    [Id(4)] public int Rank { get; init; }
    [Id(5)] public ReasonPoints[] Reasons { get; init; } = [];

    public override string Type => nameof(CandidateRankChanged);
}

/// <summary>Why a candidate left a job order's list (<see cref="CandidateWithdrawn.Reason"/>).</summary>
public static class WithdrawalReasons
{
    /// <summary>The worker withdrew from the search.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The worker was hired (by this order or another).</summary>
    public const string Hired = "hired";

    /// <summary>The worker or the order changed and the pair no longer passes the hard filters.</summary>
    public const string Unfit = "unfit";

    /// <summary>Better candidates took the shown places.</summary>
    public const string Outranked = "outranked";

    /// <summary>The order closed, filled, or left the trade.</summary>
    public const string OrderClosed = "orderClosed";
}
