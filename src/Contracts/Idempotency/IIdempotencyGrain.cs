namespace Matching.Idempotency;

/// <summary>
/// One idempotency key in its scope (see <c>IdempotencyScope</c>): lets the first request run once
/// and keeps its answer for retries until the retention ends.
/// </summary>
[Alias("IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a request with this fingerprint: proceed when the key is free or its answer expired, replay
    /// the stored answer for the same request, in progress while the same request runs, mismatch when the
    /// key belongs to a different request.
    /// </summary>
    [Alias("Begin")]
    Task<IdempotencyDecision> BeginAsync(string fingerprint);

    /// <summary>
    /// Stores the attempt's answer as the first answer. An answer over the size bound is not stored and the
    /// key is released; an attempt that no longer holds the key changes nothing.
    /// </summary>
    [Alias("Complete")]
    Task CompleteAsync(Guid attempt, IdempotentAnswer answer);

    /// <summary>
    /// Keeps the key held by the running attempt for another in-progress timeout; false when the attempt no
    /// longer holds it (it lapsed and a retry took the key, or the key's grain was lost with its silo).
    /// </summary>
    [Alias("Renew")]
    Task<bool> RenewAsync(Guid attempt);

    /// <summary>Releases the key without an answer, so a retry runs again; other attempts are unaffected.</summary>
    [Alias("Abandon")]
    Task AbandonAsync(Guid attempt);

    /// <summary>Deletes the stored answer once its retention has ended; a live one stays.</summary>
    [Alias("Sweep")]
    Task SweepAsync();
}

/// <summary>The first answer to a request with an idempotency key, as sent to the client.</summary>
/// <remarks>Not <c>[Immutable]</c>: the body is an array, which nothing stops a holder from changing.</remarks>
[GenerateSerializer, Alias("IdempotentAnswer")]
public sealed record IdempotentAnswer(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Location,
    [property: Id(3)] byte[] Body);
