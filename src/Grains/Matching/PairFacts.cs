namespace Matching.Scoring;

/// <summary>
/// What one worker–job pair looks like to the filters, the score and the labels, worked out once
/// so the three read the same numbers.
/// </summary>
/// <param name="Failed">The hard filters failed.</param>
/// <param name="SkillIndex">The worker's skill in the job's trade, or -1.</param>
/// <param name="LevelExcess">Levels above the job's minimum (negative: below); 0 without the skill.</param>
/// <param name="ExtraCertificates">Certificates of the skill beyond those required.</param>
/// <param name="LateDays">Days from the job's start to the worker's availability; 0 or less is on time.</param>
/// <param name="DistrictPreference">The job's district in the worker's desired list (0 = first), or -1.</param>
/// <param name="PartnerProgramme">The first of the job's partner programmes the worker belongs to, or -1.</param>
internal readonly record struct PairFacts(
    HardFilters Failed,
    int SkillIndex,
    int LevelExcess,
    int ExtraCertificates,
    int LateDays,
    int DistrictPreference,
    int PartnerProgramme)
{
    public static PairFacts Of(WorkerSummary worker, JobSummary job, ScoringOptions options)
    {
        var failed = HardFilters.None;
        var skillIndex = worker.SkillIndexOf(job.Trade);
        var levelExcess = 0;
        var extraCertificates = 0;
        if (skillIndex < 0)
        {
            failed |= HardFilters.Trade;
        }
        else
        {
            var skill = worker.Skills[skillIndex];
            levelExcess = skill.LevelRank - job.MinLevelRank;
            if (levelExcess < 0)
            {
                failed |= HardFilters.Level;
            }

            // Both lists are distinct (case-insensitively), so the required keys found are exactly
            // the worker's certificates that were required; the rest are extra.
            var held = 0;
            foreach (var key in job.RequiredCertificateKeys)
            {
                if (TextKey.Contains(skill.CertificateKeys, key))
                {
                    held++;
                }
            }

            if (held < job.RequiredCertificateKeys.Length)
            {
                failed |= HardFilters.Certificates;
            }

            extraCertificates = skill.CertificateKeys.Length - held;
        }

        var lateDays = worker.AvailableFrom.DayNumber - job.StartDate.DayNumber;
        if (lateDays > options.AvailabilityGraceDays)
        {
            failed |= HardFilters.Availability;
        }

        if (!worker.Accepts(job.District))
        {
            failed |= HardFilters.District;
        }

        if (job.WageMax < worker.MinWage)
        {
            failed |= HardFilters.Wage;
        }

        if (worker.IsStudentIntern && !job.AcceptsInterns)
        {
            failed |= HardFilters.Interns;
        }

        return new PairFacts(
            failed,
            skillIndex,
            levelExcess,
            extraCertificates,
            lateDays,
            worker.PreferenceOf(job.District),
            PartnerIndex(worker, job));
    }

    private static int PartnerIndex(WorkerSummary worker, JobSummary job)
    {
        var partners = job.PartnerProgrammeKeys;
        for (var i = 0; i < partners.Length; i++)
        {
            if (TextKey.Contains(worker.ProgrammeKeys, partners[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
