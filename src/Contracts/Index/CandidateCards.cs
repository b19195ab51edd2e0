using Matching.Reference;
using Matching.Workers;

namespace Matching.Index;

/// <summary>Builds a candidate's card from the profile: masking and canonical names are the grains' rules.</summary>
public static class CandidateCards
{
    // Cards are immutable, so workers with the same known categories share one array (at most eight exist).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _categories = new(StringComparer.Ordinal);

    extension(CandidateCard)
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
    }

    private static string[] SharedCategories(string[] categories)
    {
        if (!categories.All(c => ReferenceData.WorkerCategories.Contains(c)))
        {
            return categories;
        }

        return _categories.GetOrAdd(string.Join('|', categories), _ => [.. categories.Select(ReferenceData.Canonical)]);
    }
}
