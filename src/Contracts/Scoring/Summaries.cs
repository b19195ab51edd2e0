using System.Collections.Immutable;

namespace Matching.Scoring;

/// <summary>
/// What scoring needs of a worker, compact enough to keep tens of thousands in an index shard
/// (a few hundred bytes each): no personal data, free texts reduced to keys. Built from a profile by <c>WorkerSummary.From</c> in the grain assembly, where the reference data lives.
/// </summary>
[GenerateSerializer, Immutable, Alias("WorkerSummary")]
public sealed record WorkerSummary
{
    [Id(0)] public string WorkerId { get; init; } = "";

    /// <summary>At most one entry per trade, in the profile's order.</summary>
    [Id(1)] public ImmutableArray<SkillSummary> Skills { get; init; } = [];

    /// <summary>Bit <c>d</c> is set when district <c>d</c> of <see cref="DistrictIndex"/> is desired; 0 means any district.</summary>
    [Id(2)] public ushort DesiredDistricts { get; init; }

    /// <summary>
    /// Four bits per district index: its position in the worker's list of desired districts (0 = first choice).
    /// Meaningful only where <see cref="DesiredDistricts"/> has the bit set.
    /// </summary>
    [Id(3)] public ulong DistrictPreferences { get; init; }

    [Id(4)] public int MinWage { get; init; }
    [Id(5)] public DateOnly AvailableFrom { get; init; }
    [Id(6)] public bool NeedsLodging { get; init; }
    [Id(7)] public bool IsStudentIntern { get; init; }
    [Id(8)] public bool IsPovertyAlleviated { get; init; }

    /// <summary>Keys of the worker's partner programmes, compared with a job's.</summary>
    [Id(9)] public ImmutableArray<ulong> ProgrammeKeys { get; init; } = [];

    /// <summary>Compares by content, so an index can tell an unchanged worker from a changed one.</summary>
    public bool Equals(WorkerSummary? other) =>
        other is not null
        && string.Equals(WorkerId, other.WorkerId, StringComparison.Ordinal)
        && ArrayEquality.Same(Skills, other.Skills)
        && DesiredDistricts == other.DesiredDistricts
        && DistrictPreferences == other.DistrictPreferences
        && MinWage == other.MinWage
        && AvailableFrom == other.AvailableFrom
        && NeedsLodging == other.NeedsLodging
        && IsStudentIntern == other.IsStudentIntern
        && IsPovertyAlleviated == other.IsPovertyAlleviated
        && ArrayEquality.Same(ProgrammeKeys, other.ProgrammeKeys);

    public override int GetHashCode() =>
        HashCode.Combine(WorkerId, ArrayEquality.Hash(Skills), DistrictPreferences, MinWage, AvailableFrom, ArrayEquality.Hash(ProgrammeKeys));

    /// <summary>The index in <see cref="Skills"/> of the trade, or -1.</summary>
    public int SkillIndexOf(string trade) => IndexOf(Skills.AsSpan(), trade);

    /// <summary>True when the worker accepts the district: it is desired, or no district is.</summary>
    public bool Accepts(int district) =>
        DesiredDistricts == 0 || (district is >= 0 and < DistrictIndex.Count && (DesiredDistricts & (1 << district)) != 0);

    /// <summary>The position of the district in the worker's desired list (0 = first choice), or -1 when not listed.</summary>
    public int PreferenceOf(int district) =>
        district is >= 0 and < DistrictIndex.Count && (DesiredDistricts & (1 << district)) != 0
            ? (int)((DistrictPreferences >> (4 * district)) & 0xF)
            : -1;

    internal static int IndexOf(ReadOnlySpan<SkillSummary> skills, string trade)
    {
        for (var i = 0; i < skills.Length; i++)
        {
            if (string.Equals(skills[i].Trade, trade, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One trade of a worker: the level as a rank (<c>Reference.ReferenceData.LevelRank</c>) and its certificate keys.</summary>
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

/// <summary>
/// What scoring needs of an open job order. Names of certificates and programmes stay beside their keys
/// (same order) because reasons quote them. Built from a profile by <c>JobSummary.From</c> in the grain assembly.
/// </summary>
[GenerateSerializer, Immutable, Alias("JobSummary")]
public sealed record JobSummary
{
    [Id(0)] public string JobOrderId { get; init; } = "";
    [Id(1)] public string EmployerId { get; init; } = "";
    [Id(2)] public string Trade { get; init; } = "";
    [Id(3)] public sbyte MinLevelRank { get; init; }
    [Id(4)] public ImmutableArray<string> RequiredCertificates { get; init; } = [];
    [Id(5)] public ImmutableArray<ulong> RequiredCertificateKeys { get; init; } = [];
    [Id(6)] public int WageMin { get; init; }
    [Id(7)] public int WageMax { get; init; }

    /// <summary>The work district as a <see cref="DistrictIndex"/> number, or -1 when unknown.</summary>
    [Id(8)] public sbyte District { get; init; }

    [Id(9)] public DateOnly StartDate { get; init; }
    [Id(10)] public bool AcceptsInterns { get; init; }
    [Id(11)] public bool ProvidesHousing { get; init; }
    [Id(12)] public ImmutableArray<string> PartnerProgrammes { get; init; } = [];
    [Id(13)] public ImmutableArray<ulong> PartnerProgrammeKeys { get; init; } = [];

    /// <summary>Compares by content, so an index can tell an unchanged order from a changed one.</summary>
    public bool Equals(JobSummary? other) =>
        other is not null
        && string.Equals(JobOrderId, other.JobOrderId, StringComparison.Ordinal)
        && string.Equals(EmployerId, other.EmployerId, StringComparison.Ordinal)
        && string.Equals(Trade, other.Trade, StringComparison.Ordinal)
        && MinLevelRank == other.MinLevelRank
        && ArrayEquality.Same(RequiredCertificates, other.RequiredCertificates)
        && WageMin == other.WageMin
        && WageMax == other.WageMax
        && District == other.District
        && StartDate == other.StartDate
        && AcceptsInterns == other.AcceptsInterns
        && ProvidesHousing == other.ProvidesHousing
        && ArrayEquality.Same(PartnerProgrammes, other.PartnerProgrammes);

    // The keys follow from the names compared above, so neither comparison nor hash needs them.
    public override int GetHashCode() =>
        HashCode.Combine(JobOrderId, Trade, MinLevelRank, WageMax, District, StartDate, ArrayEquality.Hash(RequiredCertificates), ArrayEquality.Hash(PartnerProgrammes));

}

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
