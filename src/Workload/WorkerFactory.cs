using Matching.Reference;
using Matching.Workers;

namespace Matching.Workload;

/// <summary>
/// Workers, one at a time from one sequence: the first n workers are the same whatever the
/// total, and a load driver never holds more than the one it is sending.
/// </summary>
internal static class WorkerFactory
{
    private const int MinAge = 18;
    private const int MaxAge = 55;

    /// <summary>Student interns are at school or just out of it.</summary>
    private const int MaxInternAge = 22;

    public static IEnumerable<WorkerProfile> Create(WorkloadOptions options)
    {
        var random = WorkloadRandom.For(options.Seed, WorkloadStream.Workers);
        var numbers = new PersonalNumbers();
        var districts = ReferenceData.Districts.Keys.ToArray();
        for (var n = 1; n <= options.Workers; n++)
        {
            yield return Create(random, numbers, districts, n, options.Today);
        }
    }

    private static WorkerProfile Create(Random random, PersonalNumbers numbers, string[] districts, int number, DateOnly today)
    {
        var (province, prefecture) = Origin(random);
        var county = random.Pick(prefecture.Counties);
        var categories = Categories(random);
        var male = random.Chance(WorkloadDistributions.MaleShare);
        var birthDate = BirthDate(random, today, categories.Contains("studentIntern") ? MaxInternAge : MaxAge);
        return new WorkerProfile
        {
            Id = WorkloadIds.Worker(number),
            Name = ChineseNames.Create(random, male),
            Phone = numbers.Phone(random),
            IdNumber = numbers.IdNumber(random, county.RegionCode, birthDate, male),
            OriginProvince = province,
            OriginPrefecture = prefecture.Code,
            OriginCounty = county.Name,
            Categories = categories,
            Skills = Skills(random),
            DesiredDistricts = random.Sample(districts, random.Next(1, 5)),
            MinWage = random.Step(4_000, 8_000, 100),
            AvailableFrom = today.AddDays(random.Next(WorkloadDistributions.AvailableWithinDays + 1)),
            NeedsLodging = random.Chance(WorkloadDistributions.NeedsLodgingShare),
            Programmes = random.Chance(WorkloadDistributions.WorkerProgrammeShare) ? [random.Pick(PartnerProgrammes.All)] : [],
        };
    }

    private static (string Province, Prefecture Prefecture) Origin(Random random)
    {
        if (random.Chance(WorkloadDistributions.YunnanShare))
        {
            return ("yunnan", OriginRegions.Yunnan.Pick(random));
        }

        var (province, prefectures) = random.Pick(OriginRegions.OtherProvinces);
        return (province, random.Pick(prefectures));
    }

    /// <summary>The three categories are drawn independently, so a worker may have none or several.</summary>
    private static string[] Categories(Random random)
    {
        var categories = new List<string>(3);
        if (random.Chance(WorkloadDistributions.RuralLabourShare))
        {
            categories.Add("ruralLabour");
        }

        if (random.Chance(WorkloadDistributions.PovertyAlleviatedShare))
        {
            categories.Add("povertyAlleviated");
        }

        if (random.Chance(WorkloadDistributions.StudentInternShare))
        {
            categories.Add("studentIntern");
        }

        return [.. categories];
    }

    /// <summary>A birth date giving an age of <see cref="MinAge"/> up to <paramref name="maxAge"/> on <paramref name="today"/>.</summary>
    private static DateOnly BirthDate(Random random, DateOnly today, int maxAge)
    {
        var latest = today.AddYears(-MinAge);
        var earliest = today.AddYears(-(maxAge + 1)).AddDays(1);
        return earliest.AddDays(random.Next(latest.DayNumber - earliest.DayNumber + 1));
    }

    /// <summary>One to three distinct trades by the trade weights; a repeated draw is drawn again.</summary>
    private static WorkerSkill[] Skills(Random random)
    {
        var count = random.Next(1, 4);
        var skills = new List<WorkerSkill>(count);
        while (skills.Count < count)
        {
            var trade = WorkloadDistributions.Trades.Pick(random);
            if (skills.Exists(s => s.Trade == trade))
            {
                continue;
            }

            skills.Add(new WorkerSkill
            {
                Trade = trade,
                Level = WorkloadDistributions.Levels.Pick(random),
                Certificates = random.Chance(WorkloadDistributions.CertificatePerSkillShare) ? [TradeCertificates.ByTrade[trade]] : [],
            });
        }

        return [.. skills];
    }
}
