using Matching.Employers;
using Matching.Reference;

namespace Matching.Workload;

/// <summary>Employers: district uniform, 30 % key enterprises, credit 90/8/2, 10 % with a partner programme.</summary>
internal static class EmployerFactory
{
    public static IReadOnlyList<EmployerProfile> Create(WorkloadOptions options)
    {
        var random = WorkloadRandom.For(options.Seed, WorkloadStream.Employers);
        var districts = ReferenceData.Districts.Keys.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var employers = new List<EmployerProfile>(options.Employers);
        for (var n = 1; n <= options.Employers; n++)
        {
            var district = random.Pick(districts);
            employers.Add(new EmployerProfile
            {
                Id = WorkloadIds.Employer(n),
                Name = EmployerNames.Create(random, ReferenceData.Districts[district], n, names),
                District = district,
                IsKeyEnterprise = random.Chance(WorkloadDistributions.KeyEnterpriseShare),
                CreditStanding = WorkloadDistributions.CreditStandings.Pick(random),
                PartnerProgrammes = random.Chance(WorkloadDistributions.EmployerProgrammeShare)
                    ? [random.Pick(PartnerProgrammes.All)]
                    : [],
            });
        }

        return employers;
    }
}
