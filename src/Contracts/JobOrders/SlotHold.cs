using System.Text.Json.Serialization;
using Matching.Holds;

namespace Matching.JobOrders;

/// <summary>
/// Where a hold stands in the flow the job order coordinates with the worker. The order writes each step
/// before it calls the worker, so a crash or a lost answer leaves a step the order can finish or undo.
/// </summary>
public enum HoldPhase
{
    /// <summary>The worker took the hold (also what holds stored before phases existed read as).</summary>
    Bound = 0,

    /// <summary>Stored, counted against the headcount, and the worker asked to take it; not yet answered.</summary>
    Binding = 1,

    /// <summary>The employer confirmed at <see cref="SlotHold.ConfirmedAt"/>; the worker's hire not yet answered.</summary>
    Confirming = 2,
}

/// <summary>
/// A slot of a job order kept for one worker until <see cref="ExpiresAt"/>, then confirmed or released.
/// <see cref="MadeBy"/> is the keyed request that made it (see <c>RequestKey</c>), kept in the store only.
/// </summary>
[GenerateSerializer, Immutable, Alias("SlotHold")]
public sealed record SlotHold(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    // Written only while a step is open, so a settled hold reads (and is stored) as it always was.
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] HoldPhase Phase = HoldPhase.Bound,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] DateTimeOffset? ConfirmedAt = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MadeBy = null) : IDeadlineHold
{
    DateTimeOffset? IDeadlineHold.Deadline => ExpiresAt;

    /// <summary>
    /// A hold past its deadline never counts as taken, whether or not a timer has fired yet — except one
    /// confirmed in time whose hire the worker has not answered: it may already be a hire.
    /// </summary>
    public bool IsLive(DateTimeOffset now) => Deadlines.Before(now, ExpiresAt) || Phase == HoldPhase.Confirming;
}

/// <summary>
/// A worker hired into a slot of a job order, as employment or an internship; the order's copy is the record
/// reports count, and it stays when the worker leaves (the slot was filled: a departure does not reopen it).
/// </summary>
[GenerateSerializer, Immutable, Alias("SlotHire")]
public sealed record SlotHire(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] DateTimeOffset HiredAt,
    [property: Id(3)] Workers.EngagementKind Kind = Workers.EngagementKind.Employment,
    [property: Id(4)] DateTimeOffset? ConvertedAt = null,
    [property: Id(5)] DateTimeOffset? LeftAt = null)
{
    /// <summary><c>interning</c>, <c>employed</c> or <c>left</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(1)]
    public string State => Workers.Engagements.StateOf(Kind, LeftAt);
}

/// <summary>A worker to be told that a hold ended here; kept with the order's state until the worker answered.</summary>
[GenerateSerializer, Immutable, Alias("WorkerRelease")]
public sealed record WorkerRelease(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string HoldId);
