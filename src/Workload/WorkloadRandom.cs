namespace Matching.Workload;

/// <summary>The kinds of generated things; each draws from its own random sequence.</summary>
internal enum WorkloadStream
{
    Employers = 1,
    JobOrders = 2,
    Workers = 3,
    LodgingSites = 4,
    Fair = 5,
}

/// <summary>Random draws of the workload, all from seeded <see cref="Random"/> instances.</summary>
internal static class WorkloadRandom
{
    /// <summary>
    /// A generator for one kind of thing. Separate sequences keep the kinds independent:
    /// asking for more workers does not change the job orders. The seed and stream are mixed
    /// (SplitMix64 finaliser) so that neighbouring seeds do not give related sequences.
    /// A seeded <see cref="Random"/> keeps its algorithm across .NET versions, unlike the unseeded one.
    /// </summary>
    public static Random For(int seed, WorkloadStream stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + ((ulong)stream * 0xD1B54A32D192ED03UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return new Random((int)(z & int.MaxValue));
        }
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A uniform value of <paramref name="min"/>, min + step, … up to <paramref name="max"/>.</summary>
    public static int Step(this Random random, int min, int max, int step) => min + (step * random.Next(((max - min) / step) + 1));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>
    /// A geometric count on 1..<paramref name="max"/> with the given untruncated mean, by inverting
    /// its distribution function, so every call uses exactly one draw.
    /// </summary>
    public static int TruncatedGeometric(this Random random, double mean, int max)
    {
        var q = 1 - (1 / mean);
        var u = random.NextDouble();
        var k = Math.Ceiling(Math.Log(1 - (u * (1 - Math.Pow(q, max)))) / Math.Log(q));
        return Math.Clamp((int)k, 1, max);
    }

    /// <summary><paramref name="count"/> distinct items in random order (a partial Fisher–Yates shuffle of a copy).</summary>
    public static T[] Sample<T>(this Random random, IReadOnlyList<T> items, int count)
    {
        var pool = items.ToArray();
        var taken = Math.Min(count, pool.Length);
        for (var i = 0; i < taken; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..taken];
    }
}
