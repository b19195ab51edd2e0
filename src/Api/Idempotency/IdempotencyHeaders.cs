using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Matching.Api.Idempotency;

/// <summary>The headers of the idempotency contract and which requests it covers.</summary>
public static class IdempotencyHeaders
{
    /// <summary>The client's key for one logical request, sent again unchanged on every retry of it.</summary>
    public const string Key = "Idempotency-Key";

    /// <summary>Marks an answer sent from the store rather than by running the request again.</summary>
    public const string Replayed = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    public const string KeyRule = "must be 1 to 255 printable ASCII characters.";

    /// <summary>Mutating methods under <c>/api</c>; reads are safe to repeat and need no key.</summary>
    public static bool Covers(string method, PathString path) =>
        (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
        && path.StartsWithSegments("/api");

    /// <summary>The key when the header holds exactly one value of 1-255 printable ASCII characters.</summary>
    public static bool TryReadKey(StringValues values, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } value)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        key = value;
        return true;
    }
}
