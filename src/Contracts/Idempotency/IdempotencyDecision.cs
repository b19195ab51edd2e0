namespace Matching.Idempotency;

/// <summary>What the caller of <see cref="IIdempotencyGrain.BeginAsync"/> does next.</summary>
[GenerateSerializer, Alias("IdempotencyOutcome")]
public enum IdempotencyOutcome
{
    /// <summary>The key is free: run the request, then complete or abandon the attempt.</summary>
    Proceed = 0,

    /// <summary>The same request already ran: send its stored answer.</summary>
    Replay = 1,

    /// <summary>The same request is running now under this key.</summary>
    InProgress = 2,

    /// <summary>The key was used for a different request.</summary>
    FingerprintMismatch = 3,
}

/// <summary>The grain's answer to a request that begins under a key.</summary>
/// <param name="Outcome">What the caller does next.</param>
/// <param name="Attempt">Set on <see cref="IdempotencyOutcome.Proceed"/>: names the attempt that completes or abandons.</param>
/// <param name="Answer">Set on <see cref="IdempotencyOutcome.Replay"/>.</param>
[GenerateSerializer, Alias("IdempotencyDecision")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] Guid Attempt,
    [property: Id(2)] IdempotentAnswer? Answer)
{
    public static IdempotencyDecision InProgress { get; } = new(IdempotencyOutcome.InProgress, Guid.Empty, null);

    public static IdempotencyDecision FingerprintMismatch { get; } = new(IdempotencyOutcome.FingerprintMismatch, Guid.Empty, null);

    public static IdempotencyDecision Proceed(Guid attempt) => new(IdempotencyOutcome.Proceed, attempt, null);

    public static IdempotencyDecision Replay(IdempotentAnswer answer) => new(IdempotencyOutcome.Replay, Guid.Empty, answer);
}
