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

/// <summary>A worker hired into a slot of a job order.</summary>
[GenerateSerializer, Immutable, Alias("SlotHire")]
public sealed record SlotHire(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] DateTimeOffset HiredAt);
