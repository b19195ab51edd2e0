using Matching.Feeds;

namespace Matching.JobOrders;

/// <summary>A slot hold was taken, released, or lapsed; pushed to the employer's recruiters.</summary>
[GenerateSerializer, Immutable, Alias("HoldChanged")]
public sealed record HoldChanged : FeedEvent
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string HoldId { get; init; } = "";
    [Id(2)] public string WorkerId { get; init; } = "";
    /// <summary><c>held</c>, <c>released</c> or <c>expired</c>.</summary>
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
    /// <summary><c>employed</c> or <c>left</c>.</summary>
    [Id(4)] public string State { get; init; } = "";

    public override string Type => nameof(EngagementChanged);
}
