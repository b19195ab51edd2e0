namespace Matching.Scoring;

/// <summary>
/// What one worker–job pair looks like to the filters, the score and the labels, worked out once
/// so the three read the same numbers.
/// </summary>
/// <param name="Failed">The hard filters failed.</param>
/// <param name="SkillIndex">The worker's skill in the job's trade, or -1.</param>
/// <param name="LevelExcess">Levels above the job's minimum (negative: below); 0 without the skill.</param>
/// <param name="ExtraCertificates">Certificates of the skill beyond those required; eligible pairs only.</param>
/// <param name="LateDays">Days from the job's start to the worker's availability; 0 or less is on time.</param>
/// <param name="DistrictPreference">The job's district in the worker's desired list (0 = first), or -1; eligible pairs only.</param>
/// <param name="PartnerProgramme">The first of the job's partner programmes the worker belongs to, or -1; eligible pairs only.</param>
internal readonly record struct PairFacts(
    HardFilters Failed,
    int SkillIndex,
    int LevelExcess,
    int ExtraCertificates,
    int LateDays,
    int DistrictPreference,
    int PartnerProgramme)
{
    /// <summary>
    /// Works out the pair. With <paramref name="allFailures"/> false it stops at the first failing group of
    /// filters, which is all that ranking needs; the facts the score reads are only worked out for an eligible pair.
    /// </summary>
    public static PairFacts Of(WorkerSummary worker, JobSummary job, ScoringOptions options, bool allFailures)
    {
        // Filters on plain fields first: over thousands of orders they reject most pairs
        // before a string or an array of either side is read.
        var failed = HardFilters.None;
        if (job.WageMax < worker.MinWage)
        {
            failed |= HardFilters.Wage;
        }

        if (!worker.Accepts(job.District))
        {
            failed |= HardFilters.District;
        }

        var lateDays = worker.AvailableFrom.DayNumber - job.StartDate.DayNumber;
        if (lateDays > options.AvailabilityGraceDays)
        {
            failed |= HardFilters.Availability;
        }

        if (worker.IsStudentIntern && !job.AcceptsInterns)
        {
            failed |= HardFilters.Interns;
        }

        if (failed != HardFilters.None && !allFailures)
        {
            return new PairFacts(failed, -1, 0, 0, lateDays, -1, -1);
        }

        var skillIndex = worker.SkillIndexOf(job.Trade);
        if (skillIndex < 0)
        {
            return new PairFacts(failed | HardFilters.Trade, -1, 0, 0, lateDays, -1, -1);
        }

        var skill = worker.Skills[skillIndex];
        var levelExcess = skill.LevelRank - job.MinLevelRank;
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

        if (failed != HardFilters.None)
        {
            return new PairFacts(failed, skillIndex, levelExcess, 0, lateDays, -1, -1);
        }

        return new PairFacts(
            failed,
            skillIndex,
            levelExcess,
            skill.CertificateKeys.Length - held,
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
