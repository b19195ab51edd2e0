using Matching.Reference;
using Matching.Validation;

namespace Matching.JobOrders;

/// <summary>Field rules of a job order.</summary>
public static class JobOrderRules
{
    public const int MaxHeadcount = 10_000;
    public const int MinWage = 1_000;
    public const int MaxWage = 200_000;

    /// <summary>Checks every field and returns the normalised profile, or throws with all field errors.</summary>
    public static JobOrderProfile Normalize(JobOrderProfile input, string id, ReferenceData refs, DateOnly today)
    {
        var e = new FieldErrors();
        var profile = new JobOrderProfile
        {
            Id = e.SameId(input.Id, id),
            EmployerId = e.Text("employerId", input.EmployerId, 64),
            Title = e.Text("title", input.Title, 200),
            Trade = e.Code("trade", input.Trade, refs.Trades.Keys),
            MinLevel = e.Code("minLevel", input.MinLevel, ReferenceData.Levels),
            RequiredCertificates = e.Texts("requiredCertificates", input.RequiredCertificates),
            Headcount = e.Range("headcount", input.Headcount, 1, MaxHeadcount),
            WageMin = e.Range("wageMin", input.WageMin, MinWage, MaxWage),
            WageMax = e.Range("wageMax", input.WageMax, MinWage, MaxWage),
            District = e.Code("district", input.District, ReferenceData.Districts.Keys),
            ProvidesHousing = input.ProvidesHousing,
            StartDate = e.Date("startDate", input.StartDate, today.AddYears(-1), today.AddYears(2)),
            AcceptsInterns = input.AcceptsInterns,
            PartnerProgrammes = e.Texts("partnerProgrammes", input.PartnerProgrammes),
        };
        if (profile.EmployerId.Length > 0 && !FieldErrors.IsValidId(profile.EmployerId))
        {
            e.Add("employerId", "is not a valid id.");
        }

        if (input.WageMin > input.WageMax)
        {
            e.Add("wageMax", "must not be less than wageMin.");
        }

        e.ThrowIfAny();
        return profile;
    }
}
