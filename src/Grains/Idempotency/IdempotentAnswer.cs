namespace Matching.Idempotency;

/// <summary>The first answer to a request with an idempotency key, as sent to the client.</summary>
/// <remarks>Not <c>[Immutable]</c>: the body is an array, which nothing stops a holder from changing.</remarks>
[GenerateSerializer, Alias("IdempotentAnswer")]
public sealed record IdempotentAnswer(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Location,
    [property: Id(3)] byte[] Body);
