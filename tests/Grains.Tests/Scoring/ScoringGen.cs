using FsCheck;
using FsCheck.Fluent;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Scoring;
using Matching.Workers;

namespace Matching.Tests.Scoring;

/// <summary>
/// Random profiles and options over small vocabularies, so filters pass and fail often and ties happen: workers
/// with one to three trades, orders of any headcount starting on any of some sixty days.
/// </summary>
internal static class ScoringGen
{
    public static readonly string[] Trades = ["welder", "fitter", "electrician", "general", "cook"];
    private static readonly string[] _certificates = ["焊工证", "电工证", "高处作业证"];
    private static readonly string[] _programmes = ["临沧技师学院", "昆明技师学院", "文山州对口协作"];
    private static readonly string[] _districts = [.. DistrictIndex.Codes];
    private static readonly Gen<bool> _bool = Gen.Elements(true, false);

    public static Gen<WorkerProfile> Worker(string id) =>
        from skills in Skills()
        from districtCount in Gen.Choose(0, 4)
        from districts in Gen.Shuffle(_districts)
        from minWage in Gen.Choose(0, 9000)
        from availableIn in Gen.Choose(-30, 30)
        from needsLodging in _bool
        from intern in _bool
        from poverty in _bool
        from programmes in Gen.SubListOf(_programmes)
        select new WorkerProfile
        {
            Id = id,
            Categories = [.. Categories(intern, poverty)],
            Skills = skills,
            DesiredDistricts = [.. districts.Take(districtCount)],
            MinWage = minWage,
            AvailableFrom = Pairs.Start.AddDays(availableIn),
            NeedsLodging = needsLodging,
            Programmes = [.. programmes],
        };

    public static Gen<JobOrderProfile> Job(string id) =>
        from trade in Gen.Elements(Trades)
        from level in Gen.Choose(0, ReferenceData.Levels.Count - 1)
        from certificates in Gen.SubListOf(_certificates)
        from wageMin in Gen.Choose(3000, 9000)
        from wageSpread in Gen.Choose(0, 3000)
        from district in Gen.Elements(_districts)
        from housing in _bool
        from interns in _bool
        from partners in Gen.SubListOf(_programmes)
        from headcount in Gen.Choose(1, 12)
        from startIn in Gen.Choose(-20, 40)
        select new JobOrderProfile
        {
            Id = id,
            EmployerId = "e-1",
            Trade = trade,
            MinLevel = ReferenceData.Levels[level],
            RequiredCertificates = [.. certificates],
            Headcount = headcount,
            WageMin = wageMin,
            WageMax = wageMin + wageSpread,
            District = district,
            ProvidesHousing = housing,
            StartDate = Pairs.Start.AddDays(startIn),
            AcceptsInterns = interns,
            PartnerProgrammes = [.. partners],
        };

    /// <summary>A job order of one of the worker's trades that it passes every filter of (under the default grace), otherwise random.</summary>
    public static Gen<JobOrderProfile> EligibleJob(WorkerProfile worker, string id) =>
        from skill in Gen.Elements(worker.Skills)
        from job in EligibleJob(worker, skill, id)
        select job;

    private static Gen<JobOrderProfile> EligibleJob(WorkerProfile worker, WorkerSkill skill, string id)
    {
        var rank = ReferenceData.LevelRank(skill.Level);
        return
            from level in Gen.Choose(0, rank)
            from certificates in Gen.SubListOf(skill.Certificates)
            from wageMin in Gen.Choose(3000, 12000)
            from wageMax in Gen.Choose(Math.Max(wageMin, worker.MinWage), 15000)
            from district in worker.DesiredDistricts.Length > 0 ? Gen.Elements(worker.DesiredDistricts) : Gen.Elements(_districts)
            from startIn in Gen.Choose(-14, 30)
            from housing in _bool
            from partners in Gen.SubListOf(_programmes)
            from headcount in Gen.Choose(1, 12)
            select new JobOrderProfile
            {
                Id = id,
                EmployerId = "e-1",
                Trade = skill.Trade,
                MinLevel = ReferenceData.Levels[level],
                RequiredCertificates = [.. certificates],
                Headcount = headcount,
                WageMin = wageMin,
                WageMax = wageMax,
                District = district,
                ProvidesHousing = housing,
                StartDate = worker.AvailableFrom.AddDays(startIn),
                AcceptsInterns = worker.Categories.Contains("studentIntern") || wageMin % 2 == 0,
                PartnerProgrammes = [.. partners],
            };
    }

    /// <summary>A worker, a job order it is eligible for, and random options.</summary>
    public static Gen<(WorkerProfile Worker, JobOrderProfile Job, ScoringOptions Options)> EligiblePair() =>
        from worker in Worker("w-1")
        from job in EligibleJob(worker, "j-1")
        from options in Options()
        select (worker, job, options);

    public static Gen<ScoringOptions> Options() =>
        from weights in Gen.ArrayOf(Gen.Choose(0, 50), 6).Where(w => w.Sum() > 0)
        from margin in Gen.Choose(5, 100)
        from policy in Gen.Elements(PovertyAlleviatedPolicy.None, PovertyAlleviatedPolicy.TieBreak, PovertyAlleviatedPolicy.Bonus)
        from bonus in Gen.Choose(0, 20)
        select new ScoringOptions
        {
            WageFullMarksMargin = margin / 100.0,
            PovertyAlleviatedPolicy = policy,
            PovertyAlleviatedBonus = bonus,
            Weights = new ScoreWeights
            {
                LevelFit = weights[0],
                WageFit = weights[1],
                DistrictFit = weights[2],
                AvailabilityFit = weights[3],
                HousingFit = weights[4],
                Certificates = weights[5],
            },
        };

    /// <summary>One to three skills of distinct trades, each with its own level and certificates.</summary>
    public static Gen<WorkerSkill[]> Skills() =>
        from trades in Gen.Shuffle(Trades)
        from count in Gen.Choose(1, 3)
        from skills in Gen.CollectToArray(trades.Take(count), Skill)
        select skills;

    private static Gen<WorkerSkill> Skill(string trade) =>
        from level in Gen.Choose(0, ReferenceData.Levels.Count - 1)
        from certificates in Gen.SubListOf(_certificates)
        select new WorkerSkill { Trade = trade, Level = ReferenceData.Levels[level], Certificates = [.. certificates] };

    public static Gen<MatchRank> Rank(int maxScore) =>
        from score in Gen.Choose(0, maxScore)
        from partner in _bool
        from priority in _bool
        from id in Gen.Choose(0, 50)
        select new MatchRank(score, partner, priority, $"w-{id:D2}");

    private static IEnumerable<string> Categories(bool intern, bool poverty)
    {
        yield return "ruralLabour";
        if (intern)
        {
            yield return "studentIntern";
        }

        if (poverty)
        {
            yield return "povertyAlleviated";
        }
    }
}
