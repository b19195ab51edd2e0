using Matching.Employers;
using Matching.Fairs;

namespace Matching.Workload;

/// <summary>The fair of the workload: held on the anchor day with a random subset of the employers.</summary>
internal static class FairFactory
{
    public static FairProfile Create(WorkloadOptions options, IReadOnlyList<EmployerProfile> employers)
    {
        var random = WorkloadRandom.For(options.Seed, WorkloadStream.Fair);
        var participants = random.Sample([.. employers.Select(e => e.Id!)], options.FairEmployers);
        Array.Sort(participants, StringComparer.Ordinal);
        return new FairProfile
        {
            Id = WorkloadIds.Fair(1),
            // The article's fair of 28 August; it names no venue, so the hall is a placeholder.
            Name = "长三角公共就业服务示范项目暨上海市人力资源协作洽谈大会",
            Date = options.Today,
            Venue = "洽谈大会主会场",
            District = "huangpu",
            EmployerIds = participants,
        };
    }
}
