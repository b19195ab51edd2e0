using System.Security.Cryptography;
using Matching.Workers;

namespace Matching.Fairs;

/// <summary>
/// A worker's check-in code (by worker id), printed on the worker's card as text and QR image. It is the
/// coordinator of the pair: it draws a code, has the code's own grain claim it, and only then keeps it.
/// </summary>
[Alias("IWorkerCheckInCodeGrain")]
public interface IWorkerCheckInCodeGrain : IGrainWithStringKey
{
    /// <summary>The worker's code, drawn on first use and the same ever after; 404 when the worker is unknown.</summary>
    [Alias("GetCode")]
    Task<string> GetCodeAsync();
}

/// <summary>A check-in code (by the code): the worker it was issued to, and nothing else.</summary>
[Alias("ICheckInCodeGrain")]
public interface ICheckInCodeGrain : IGrainWithStringKey
{
    /// <summary>Binds the code to the worker; false when another worker holds it (the issuer draws again).</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string workerId);

    /// <summary>The worker the code was issued to; null for a code nobody was issued.</summary>
    [Alias("GetWorkerId")]
    Task<string?> GetWorkerIdAsync();
}

/// <summary>
/// Check-in codes: 10 characters of Crockford's base32 (50 random bits), shown as <c>K7Q2M-9XA4R</c>. Random, not
/// derived from the worker's id or data, so a code tells nothing and neighbouring codes are not someone else's:
/// guessing one of 10,000 issued codes takes about 10^11 tries, far past the rate limits.
/// </summary>
public static class CheckInCodes
{
    public const int Length = 10;
    public const string CodeState = "checkInCode";
    public const string WorkerState = "workerCheckInCode";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCode()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(code);
    }

    /// <summary>
    /// A code as typed or scanned: case, spaces and dashes do not matter, and the letters people mistake for digits
    /// (O, I, L) read as those digits. Null when it cannot be a code at all.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var chars = new List<char>(Length);
        foreach (var c in typed.Trim().ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var read = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(read))
            {
                return null;
            }

            chars.Add(read);
        }

        return chars.Count == Length ? new string([.. chars]) : null;
    }

    /// <summary>As printed: two groups of five.</summary>
    public static string Display(string code) => $"{code[..5]}-{code[5..]}";
}
