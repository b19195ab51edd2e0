namespace Matching.Errors;

/// <summary>
/// A rule of the domain said no. Thrown by grains, carried across the Orleans boundary
/// and turned into a ProblemDetails answer by the API's single exception handler.
/// </summary>
[GenerateSerializer, Alias("DomainException")]
public abstract class DomainException(string message) : Exception(message);

/// <summary>The input broke one or more field rules (HTTP 400).</summary>
[GenerateSerializer, Alias("ValidationFailedException")]
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid.")
{
    [Id(0)]
    public Dictionary<string, string[]> Errors { get; init; } = new(errors);

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The thing asked for does not exist (HTTP 404).</summary>
[GenerateSerializer, Alias("NotFoundException")]
public sealed class NotFoundException(string kind, string id)
    : DomainException($"{kind} '{id}' does not exist.")
{
    [Id(0)]
    public string Kind { get; init; } = kind;

    [Id(1)]
    public string Id { get; init; } = id;
}

/// <summary>The request is well-formed but the current state forbids it (HTTP 409).</summary>
[GenerateSerializer, Alias("ConflictException")]
public sealed class ConflictException(string code, string message) : DomainException(message)
{
    /// <summary>A stable machine-readable reason, e.g. <c>already-exists</c> or <c>not-open</c>.</summary>
    [Id(0)]
    public string Code { get; init; } = code;
}
