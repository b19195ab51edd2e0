using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Matching.Reference;
using Matching.Workers;

namespace Matching.Scoring;

/// <summary>
/// What scoring needs of a worker, compact enough to keep tens of thousands in an index shard
/// (a few hundred bytes each): no personal data, free texts reduced to keys. Build it with <see cref="From"/>.
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

    /// <summary>Summarises a normalised profile; the profile must carry its id.</summary>
    public static WorkerSummary From(WorkerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrEmpty(profile.Id))
        {
            throw new ArgumentException("The profile has no id.", nameof(profile));
        }

        var skills = new SkillSummary[profile.Skills.Length];
        var count = 0;
        foreach (var skill in profile.Skills)
        {
            if (IndexOf(skills.AsSpan(0, count), skill.Trade) < 0)
            {
                skills[count++] = new SkillSummary(ReferenceData.Canonical(skill.Trade), (sbyte)ReferenceData.LevelRank(skill.Level), TextKey.Of(skill.Certificates));
            }
        }

        ushort desired = 0;
        ulong preferences = 0;
        var position = 0;
        foreach (var code in profile.DesiredDistricts)
        {
            var district = DistrictIndex.Of(code);
            if (district >= 0 && (desired & (1 << district)) == 0)
            {
                desired |= (ushort)(1 << district);
                preferences |= (ulong)position << (4 * district);
                position++;
            }
        }

        return new WorkerSummary
        {
            WorkerId = profile.Id,
            // Arrays built here and never seen again are wrapped without a copy.
            Skills = ImmutableCollectionsMarshal.AsImmutableArray(count == skills.Length ? skills : skills[..count]),
            DesiredDistricts = desired,
            DistrictPreferences = preferences,
            MinWage = profile.MinWage,
            AvailableFrom = profile.AvailableFrom,
            NeedsLodging = profile.NeedsLodging,
            IsStudentIntern = profile.Categories.Contains("studentIntern"),
            IsPovertyAlleviated = profile.Categories.Contains("povertyAlleviated"),
            ProgrammeKeys = TextKey.Of(profile.Programmes),
        };
    }

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

    private static int IndexOf(ReadOnlySpan<SkillSummary> skills, string trade)
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
