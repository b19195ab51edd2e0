using Matching.Reference;
using Matching.Workers;

namespace Matching.Index;

/// <summary>
/// What a recruiter may see of a candidate it does not hold: masked name and phone, origin, categories,
/// skills. Built once when the worker is indexed, so no push or list ever carries the personal data.
/// </summary>
[GenerateSerializer, Immutable, Alias("CandidateCard")]
public sealed record CandidateCard(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string MaskedName,
    [property: Id(2)] string MaskedPhone,
    [property: Id(3)] string OriginProvince,
    [property: Id(4)] string OriginPrefecture,
    [property: Id(5)] string[] Categories,
    [property: Id(6)] string[] Trades,
    [property: Id(7)] bool NeedsLodging)
{
    public static CandidateCard From(WorkerProfile profile) => new(
        profile.Id!,
        PersonalData.MaskName(profile.Name),
        PersonalData.MaskPhone(profile.Phone),
        ReferenceData.Canonical(profile.OriginProvince),
        ReferenceData.Canonical(profile.OriginPrefecture),
        SharedCategories(profile.Categories),
        [.. profile.Skills.Select(s => ReferenceData.Canonical($"{s.Trade}:{s.Level}"))],
        profile.NeedsLodging);

    // Cards are immutable, so workers with the same known categories share one array (at most eight exist).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _categories = new(StringComparer.Ordinal);

    private static string[] SharedCategories(string[] categories)
    {
        if (!categories.All(c => ReferenceData.WorkerCategories.Contains(c)))
        {
            return categories;
        }

        return _categories.GetOrAdd(string.Join('|', categories), _ => [.. categories.Select(ReferenceData.Canonical)]);
    }
}
