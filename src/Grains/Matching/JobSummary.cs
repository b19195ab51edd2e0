using System.Collections.Immutable;
using Matching.JobOrders;
using Matching.Reference;

namespace Matching.Scoring;

/// <summary>
/// What scoring needs of an open job order. Names of certificates and programmes stay beside their keys
/// (same order) because reasons quote them. Build it with <see cref="From"/>.
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

    /// <summary>Summarises a normalised profile; the profile must carry its id.</summary>
    public static JobSummary From(JobOrderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (string.IsNullOrEmpty(profile.Id))
        {
            throw new ArgumentException("The profile has no id.", nameof(profile));
        }

        return new JobSummary
        {
            JobOrderId = profile.Id,
            EmployerId = profile.EmployerId,
            Trade = profile.Trade,
            MinLevelRank = (sbyte)ReferenceData.LevelRank(profile.MinLevel),
            RequiredCertificates = [.. profile.RequiredCertificates],
            RequiredCertificateKeys = TextKey.Of(profile.RequiredCertificates),
            WageMin = profile.WageMin,
            WageMax = profile.WageMax,
            District = (sbyte)DistrictIndex.Of(profile.District),
            StartDate = profile.StartDate,
            AcceptsInterns = profile.AcceptsInterns,
            ProvidesHousing = profile.ProvidesHousing,
            PartnerProgrammes = [.. profile.PartnerProgrammes],
            PartnerProgrammeKeys = TextKey.Of(profile.PartnerProgrammes),
        };
    }
}
