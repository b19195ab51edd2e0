using Matching.Holds;

namespace Matching.Workers;

/// <summary>The worker's side of a slot hold: which order, whose, until when.</summary>
[GenerateSerializer, Immutable, Alias("WorkerHold")]
public sealed record WorkerHold(
    [property: Id(0)] string HoldId,
    [property: Id(1)] string JobOrderId,
    [property: Id(2)] string EmployerId,
    [property: Id(3)] DateTimeOffset ExpiresAt) : IDeadlineHold
{
    DateTimeOffset? IDeadlineHold.Deadline => ExpiresAt;

    /// <summary>Past its deadline a hold binds nobody, whether or not a timer has released it yet.</summary>
    public bool IsLive(DateTimeOffset now) => Deadlines.Before(now, ExpiresAt);
}
