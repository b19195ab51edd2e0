using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>One trade of a worker: the level as a rank (<see cref="Reference.ReferenceData.LevelRank"/>) and its certificate keys.</summary>
[GenerateSerializer, Immutable, Alias("SkillSummary")]
public readonly record struct SkillSummary(
    [property: Id(0)] string Trade,
    [property: Id(1)] sbyte LevelRank,
    [property: Id(2)] ImmutableArray<ulong> CertificateKeys)
{
    /// <summary>Compares the certificate keys by content, not by array.</summary>
    public bool Equals(SkillSummary other) =>
        string.Equals(Trade, other.Trade, StringComparison.Ordinal)
        && LevelRank == other.LevelRank
        && ArrayEquality.Same(CertificateKeys, other.CertificateKeys);

    public override int GetHashCode() => HashCode.Combine(Trade, LevelRank, ArrayEquality.Hash(CertificateKeys));
}
