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
    public static string GrainKeyOf(string caller, string method, string path, string key) =>
        HashOf([caller, method.ToUpperInvariant(), path, key]);

    /// <summary>The key of the caller's <see cref="IIdempotencyQuotaGrain"/>, of the same shape whatever the subject holds.</summary>
    public static string QuotaKeyOf(string caller) => HashOf(["quota", caller]);

    private static string HashOf(ReadOnlySpan<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
