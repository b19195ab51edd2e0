using Matching.Index;
using Matching.Scoring;

namespace Matching.Feeds;

// What an employer's recruiters hear on its channel (/hubs/recruiter): candidates entering, leaving and moving in
// its orders' lists, and the holds and hires of its orders. The codes an event carries are defined beside it.

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

/// <summary>A slot hold was taken, released, or lapsed; pushed to the employer's recruiters.</summary>
[GenerateSerializer, Immutable, Alias("HoldChanged")]
public sealed record HoldChanged : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string HoldId { get; init; } = "";
    [Id(2)] public string WorkerId { get; init; } = "";
    /// <summary>One of <see cref="HoldStates"/>.</summary>
    [Id(3)] public string State { get; init; } = "";
    [Id(4)] public DateTimeOffset ExpiresAt { get; init; }
    [Id(5)] public int OpenSlots { get; init; }

    public override string Type => nameof(HoldChanged);
}

/// <summary>A hold was confirmed: the worker is hired into the job order.</summary>
[GenerateSerializer, Immutable, Alias("Hired")]
public sealed record Hired : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string HoldId { get; init; } = "";
    [Id(2)] public string WorkerId { get; init; } = "";
    [Id(3)] public int Hires { get; init; }
    [Id(4)] public int OpenSlots { get; init; }
    /// <summary>True when this hire filled the order's headcount.</summary>
    [Id(5)] public bool Filled { get; init; }

    public override string Type => nameof(Hired);
}

/// <summary>
/// A hire changed after it was made: an internship was converted to employment (<c>employed</c>) or the worker
/// left (<c>left</c>); pushed to the employer's recruiters.
/// </summary>
[GenerateSerializer, Immutable, Alias("EngagementChanged")]
public sealed record EngagementChanged : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string HoldId { get; init; } = "";
    [Id(2)] public string WorkerId { get; init; } = "";
    [Id(3)] public Workers.EngagementKind Kind { get; init; }
    /// <summary><see cref="Workers.Engagements.Employed"/> or <see cref="Workers.Engagements.Left"/>.</summary>
    [Id(4)] public string State { get; init; } = "";

    public override string Type => nameof(EngagementChanged);
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

    public static readonly IReadOnlyList<string> All = [Withdrawn, Hired, Unfit, Outranked, OrderClosed];
}

/// <summary>Where a slot hold went (<see cref="HoldChanged.State"/>); an ended hold's state also names its 409 code.</summary>
public static class HoldStates
{
    /// <summary>The worker is kept against a slot until the hold's deadline.</summary>
    public const string Held = "held";

    /// <summary>The recruiter let the worker go, or the order closed.</summary>
    public const string Released = "released";

    /// <summary>The deadline passed without a confirmation.</summary>
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Held, Released, Expired];
}
