using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Matching.Api.Idempotency;

/// <summary>What makes a retry the same request: the SHA-256 of its query string and body.</summary>
internal static class RequestFingerprint
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Reads the whole body and rewinds it, so the endpoint still binds it afterwards.</summary>
    public static async Task<string> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // The query is part of the request too; a raw query string never holds a NUL, so it cannot run into the body.
        hash.AppendData(Encoding.UTF8.GetBytes(request.QueryString.Value ?? ""));
        hash.AppendData([0]);

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
