using Matching.Reference;
using Matching.Validation;

namespace Matching.Fairs;

/// <summary>Field rules of a fair.</summary>
public static class FairRules
{
    public const int MaxEmployers = 2_000;

    public static FairProfile Normalize(FairProfile input, string id, DateOnly today)
    {
        var e = new FieldErrors();
        var employerIds = e.Texts("employerIds", input.EmployerIds, MaxEmployers, 64, StringComparer.Ordinal);

        // Checked on the input rather than on the distinct list, so an error names the position the caller sent;
        // an empty distinct list means the list was refused as a whole, or held only blanks already reported.
        var given = input.EmployerIds ?? [];
        for (var i = 0; i < given.Length && employerIds.Length > 0; i++)
        {
            var employerId = given[i]?.Trim() ?? "";
            if (employerId.Length > 0 && !FieldErrors.IsValidId(employerId))
            {
                e.Add($"employerIds[{i}]", "is not a valid id.");
            }
        }

        var profile = new FairProfile
        {
            Id = e.SameId(input.Id, id),
            Name = e.Text("name", input.Name, 200),
            Date = e.Date("date", input.Date, today.AddYears(-5), today.AddYears(2)),
            Venue = e.Text("venue", input.Venue, 200, required: false),
            District = e.Code("district", input.District, ReferenceData.Districts.Keys),
            EmployerIds = employerIds,
        };
        e.ThrowIfAny();
        return profile;
    }
}
