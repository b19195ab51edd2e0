using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>
/// Content equality for the arrays inside summaries. A record compares an <see cref="ImmutableArray{T}"/> by
/// reference, so two summaries of the same profile, one of them deserialised, would otherwise never be equal.
/// </summary>
internal static class ArrayEquality
{
    public static bool Same<T>(ImmutableArray<T> left, ImmutableArray<T> right)
        where T : IEquatable<T> =>
        left.AsSpan().SequenceEqual(right.AsSpan());

    public static int Hash<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        foreach (var item in items.AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
