namespace Matching.JobOrders;

/// <summary>A slot of a job order kept for one worker until <see cref="ExpiresAt"/>, then confirmed or released.</summary>
[GenerateSerializer, Immutable, Alias("SlotHold")]
public sealed record SlotHold(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt)
{
    /// <summary>A hold past its deadline never counts as taken, whether or not a timer has fired yet.</summary>
    public bool IsLive(DateTimeOffset now) => now < ExpiresAt;
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
