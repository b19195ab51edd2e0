using Matching.Employers;
using Matching.JobOrders;
using Matching.Reference;

namespace Matching.Workload;

/// <summary>Job orders of uniformly drawn employers, in the employer's district and with its programmes.</summary>
internal static class JobOrderFactory
{
    public static IEnumerable<JobOrderProfile> Create(WorkloadOptions options, IReadOnlyList<EmployerProfile> employers)
    {
        var random = WorkloadRandom.For(options.Seed, WorkloadStream.JobOrders);
        for (var n = 1; n <= options.JobOrders; n++)
        {
            yield return Create(random, n, random.Pick(employers), options.Today);
        }
    }

    private static JobOrderProfile Create(Random random, int number, EmployerProfile employer, DateOnly today)
    {
        var trade = WorkloadDistributions.Trades.Pick(random);
        var level = WorkloadDistributions.Levels.Pick(random);
        var wageMin = random.Step(4_500, 8_000, 100);
        return new JobOrderProfile
        {
            Id = WorkloadIds.JobOrder(number),
            EmployerId = employer.Id!,
            Title = Title(trade, level),
            Trade = trade,
            MinLevel = level,
            Headcount = random.TruncatedGeometric(WorkloadDistributions.HeadcountMean, WorkloadDistributions.MaxHeadcount),
            WageMin = wageMin,
            WageMax = wageMin + random.Step(1_000, 3_000, 100),
            District = employer.District,
            ProvidesHousing = random.Chance(WorkloadDistributions.ProvidesHousingShare),
            StartDate = today.AddDays(random.Next(WorkloadDistributions.StartWithinDays + 1)),
            AcceptsInterns = random.Chance(WorkloadDistributions.AcceptsInternsShare),
            RequiredCertificates = random.Chance(WorkloadDistributions.CertificateRequiredShare)
                ? [TradeCertificates.ByTrade[trade]]
                : [],
            PartnerProgrammes = [.. employer.PartnerProgrammes],
        };
    }

    /// <summary>As a posting reads: 电焊工, 中级电焊工, 高级电焊工, 电焊工技师.</summary>
    private static string Title(string trade, string level)
    {
        // The logistics label names the field (物流仓储); a posting names the person.
        var tradeLabel = trade == "logistics" ? "仓储物流员" : ReferenceData.BaseTrades[trade];
        return level switch
        {
            "junior" => tradeLabel,
            "technician" => tradeLabel + ReferenceData.LevelLabels[level],
            _ => ReferenceData.LevelLabels[level] + tradeLabel,
        };
    }
}
