using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Matching.Scoring;

/// <summary>
/// A 64-bit key for a free text (a certificate, a programme), so the hot path compares numbers
/// instead of strings. Case-insensitive like the profile rules that make these lists distinct.
/// </summary>
/// <remarks>
/// FNV-1a rather than <see cref="string.GetHashCode()"/>: summaries travel between silos, and the
/// built-in hash differs from process to process. With 64 bits a false match between two of a few
/// million distinct texts has a chance below one in a million.
/// </remarks>
internal static class TextKey
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash ^= char.ToUpperInvariant(c);
            hash *= Prime;
        }

        return hash;
    }

    public static ImmutableArray<ulong> Of(string[] texts)
    {
        if (texts.Length == 0)
        {
            return ImmutableArray<ulong>.Empty;
        }

        var keys = new ulong[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            keys[i] = Of(texts[i]);
        }

        // The array is never seen again, so wrapping it without a copy keeps the result immutable.
        return ImmutableCollectionsMarshal.AsImmutableArray(keys);
    }

    /// <summary>True when <paramref name="keys"/> contains <paramref name="key"/>; lists are short, so a scan beats a set.</summary>
    public static bool Contains(ImmutableArray<ulong> keys, ulong key)
    {
        foreach (var k in keys)
        {
            if (k == key)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Shanghai's 16 districts numbered 0..15, so a set of them fits a 16-bit mask.
/// The numbers travel inside summaries: append new codes, never reorder.
/// </summary>
public static class DistrictIndex
{
    public const int Count = 16;

    /// <summary>District codes by index.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        "huangpu", "xuhui", "changning", "jingan", "putuo", "hongkou", "yangpu", "minhang",
        "baoshan", "jiading", "pudong", "jinshan", "songjiang", "qingpu", "fengxian", "chongming",
    ];

    /// <summary>The index of a district code, or -1 when it is not one.</summary>
    public static int Of(string? code)
    {
        if (code is null)
        {
            return -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
