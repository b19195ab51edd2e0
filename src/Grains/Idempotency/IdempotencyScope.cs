using System.Security.Cryptography;
using System.Text;

namespace Matching.Idempotency;

/// <summary>Which <see cref="IIdempotencyGrain"/> guards a key: one per caller, method, path and key.</summary>
public static class IdempotencyScope
{
    /// <summary>
    /// A SHA-256 of the parts, so a grain key has a fixed length and shape whatever the path and key hold.
    /// Each part is length-prefixed, so no two different scopes can run together into the same text.
    /// </summary>
    public static string GrainKeyOf(string caller, string method, string path, string key)
    {
        var text = new StringBuilder();
        foreach (var part in (ReadOnlySpan<string>)[caller, method.ToUpperInvariant(), path, key])
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
