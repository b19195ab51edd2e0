using Matching.Reference;
using Matching.Validation;

namespace Matching.Employers;

/// <summary>Field rules of an employer profile.</summary>
public static class EmployerRules
{
    /// <summary>Checks every field and returns the normalised profile, or throws with all field errors.</summary>
    public static EmployerProfile Normalize(EmployerProfile input, string id)
    {
        var e = new FieldErrors();
        var profile = new EmployerProfile
        {
            Id = e.SameId(input.Id, id),
            Name = e.Text("name", input.Name, 200),
            District = e.Code("district", input.District, ReferenceData.Districts.Keys),
            IsKeyEnterprise = input.IsKeyEnterprise,
            CreditStanding = e.Code("creditStanding", input.CreditStanding ?? "good", ReferenceData.CreditStandings),
            PartnerProgrammes = e.Texts("partnerProgrammes", input.PartnerProgrammes),
        };
        e.ThrowIfAny();
        return profile;
    }
}
