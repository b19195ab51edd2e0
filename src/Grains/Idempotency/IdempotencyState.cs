namespace Matching.Idempotency;

/// <summary>A stored first answer and the request it answered; empty while the key is unused.</summary>
/// <remarks>
/// Only completed answers are stored. A running attempt lives in the activation alone, so a process that
/// stops mid-request never leaves its key blocked after a restart.
/// </remarks>
[GenerateSerializer, Alias("IdempotencyState")]
public sealed class IdempotencyState
{
    /// <summary>SHA-256 of the request that was answered, to tell a retry from a reuse of the key.</summary>
    [Id(0)] public string? Fingerprint { get; set; }

    [Id(1)] public IdempotentAnswer? Answer { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>From this instant the entry counts as absent, whether or not it was deleted yet.</summary>
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }

    public bool IsLive(DateTimeOffset now) => Answer is not null && now < ExpiresAt;
}
