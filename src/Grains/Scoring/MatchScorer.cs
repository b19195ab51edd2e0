using System.Collections.Immutable;
using Matching.Reference;

namespace Matching.Scoring;

/// <summary>
/// Scores worker–job pairs: hard filters first, then a 0–100 score from weighted components.
/// Pure and thread-safe. <see cref="Score"/> allocates nothing and is what ranking many pairs should
/// call; <see cref="CreateMatch"/> and <see cref="Explain"/> add the labelled reasons for the few kept.
/// </summary>
public static class MatchScorer
{
    /// <summary>
    /// Filters and scores the pair, with the tie-break flags ranking needs; no reasons, no allocation.
    /// For speed it stops at the first failing filters, so an ineligible result names some of them, not
    /// necessarily all (<see cref="Explain"/> names all).
    /// </summary>
    public static MatchScore Score(WorkerSummary worker, JobSummary job, ScoringOptions options)
    {
        var facts = PairFacts.Of(worker, job, options, allFailures: false);
        var priority = HasPriority(worker, options);
        if (facts.Failed != HardFilters.None)
        {
            return new MatchScore(facts.Failed, 0, false, priority);
        }

        Span<double> points = stackalloc double[ComponentFits.Count];
        var score = Points(worker, job, facts, options, points);
        score += Bonus(worker, options, score);
        return new MatchScore(HardFilters.None, score, facts.PartnerProgramme >= 0, priority);
    }

    /// <summary>
    /// The scored pair with its reasons, or null when a hard filter fails. <paramref name="reference"/>
    /// labels configured trades; the built-in ones are known without it.
    /// </summary>
    public static Match? CreateMatch(WorkerSummary worker, JobSummary job, ScoringOptions options, ReferenceData? reference = null)
    {
        var facts = PairFacts.Of(worker, job, options, allFailures: false);
        if (facts.Failed != HardFilters.None)
        {
            return null;
        }

        var (score, reasons) = Reasons(worker, job, facts, options, reference);
        return new Match(worker.WorkerId, job.JobOrderId, score, facts.PartnerProgramme >= 0, HasPriority(worker, options), reasons);
    }

    /// <summary>
    /// Why the pair matches (score and reasons) or does not (every failed filter, labelled).
    /// <paramref name="reference"/> labels configured trades; the built-in ones are known without it.
    /// </summary>
    public static MatchExplanation Explain(WorkerSummary worker, JobSummary job, ScoringOptions options, ReferenceData? reference = null)
    {
        var facts = PairFacts.Of(worker, job, options, allFailures: true);
        if (facts.Failed == HardFilters.None)
        {
            var (score, reasons) = Reasons(worker, job, facts, options, reference);
            return new MatchExplanation(true, score, reasons, []);
        }

        var failures = ImmutableArray.CreateBuilder<FailedFilter>();
        for (var filter = HardFilters.Trade; filter <= HardFilters.Interns; filter = (HardFilters)((int)filter << 1))
        {
            if ((facts.Failed & filter) != 0)
            {
                failures.Add(new FailedFilter(FilterCodes.Of(filter), MatchLabels.Failure(filter, worker, job, facts, options, reference)));
            }
        }

        return new MatchExplanation(false, 0, [], failures.ToImmutable());
    }

    private static bool HasPriority(WorkerSummary worker, ScoringOptions options) =>
        options.PovertyAlleviatedPolicy == PovertyAlleviatedPolicy.TieBreak && worker.IsPovertyAlleviated;

    /// <summary>The bonus points of the bonus policy, cut so the score stays within 100.</summary>
    private static int Bonus(WorkerSummary worker, ScoringOptions options, int score) =>
        options.PovertyAlleviatedPolicy == PovertyAlleviatedPolicy.Bonus && worker.IsPovertyAlleviated
            ? Math.Clamp(options.PovertyAlleviatedBonus, 0, 100 - score)
            : 0;

    /// <summary>
    /// Fills each component's exact share of 100 and returns their rounded sum. Weights are divided by
    /// their total here rather than required to add up to 100, so configuration can change one alone.
    /// </summary>
    private static int Points(WorkerSummary worker, JobSummary job, in PairFacts facts, ScoringOptions options, Span<double> points)
    {
        var weights = options.Weights;
        var total = weights.Total;
        if (total <= 0)
        {
            points.Clear();
            return 0;
        }

        var scale = 100.0 / total;
        points[ComponentFits.LevelFit] = scale * weights.LevelFit * ComponentFits.Level(facts.LevelExcess, job.MinLevelRank);
        points[ComponentFits.WageFit] = scale * weights.WageFit * ComponentFits.Wage(worker.MinWage, job.WageMin, job.WageMax, options.WageFullMarksMargin);
        points[ComponentFits.DistrictFit] = scale * weights.DistrictFit * ComponentFits.District(facts.DistrictPreference, worker.DesiredDistricts == 0);
        points[ComponentFits.AvailabilityFit] = scale * weights.AvailabilityFit * ComponentFits.Availability(facts.LateDays, options.AvailabilityGraceDays);
        points[ComponentFits.HousingFit] = scale * weights.HousingFit * ComponentFits.Housing(worker.NeedsLodging, job.ProvidesHousing);
        points[ComponentFits.Certificates] = scale * weights.Certificates * ComponentFits.ExtraCertificates(facts.ExtraCertificates);

        var sum = 0.0;
        foreach (var p in points)
        {
            sum += p;
        }

        return Math.Clamp((int)Math.Round(sum, MidpointRounding.AwayFromZero), 0, 100);
    }

    /// <summary>
    /// The score and each reason's code and points, without labels: what a pushed event carries (the pages
    /// label the codes from the reference data). Empty when a hard filter fails.
    /// </summary>
    public static (int Score, ReasonPoints[] Reasons) Points(WorkerSummary worker, JobSummary job, ScoringOptions options)
    {
        var facts = PairFacts.Of(worker, job, options, allFailures: false);
        return facts.Failed != HardFilters.None ? (0, []) : Points(worker, job, facts, options);
    }

    private static (int Score, ReasonPoints[] Reasons) Points(WorkerSummary worker, JobSummary job, in PairFacts facts, ScoringOptions options)
    {
        Span<double> points = stackalloc double[ComponentFits.Count];
        var score = Points(worker, job, facts, options, points);
        Span<int> whole = stackalloc int[ComponentFits.Count];
        Apportion(points, score, whole);

        var weights = options.Weights;
        var bonus = Bonus(worker, options, score);
        var poverty = worker.IsPovertyAlleviated && options.PovertyAlleviatedPolicy != PovertyAlleviatedPolicy.None;
        ReadOnlySpan<int> weightOf =
        [
            weights.LevelFit, weights.WageFit, weights.DistrictFit, weights.AvailabilityFit, weights.HousingFit, weights.Certificates,
        ];

        // A component weighted 0 is switched off, so it says nothing.
        var count = (facts.PartnerProgramme >= 0 ? 1 : 0) + (poverty ? 1 : 0);
        foreach (var weight in weightOf)
        {
            count += weight > 0 ? 1 : 0;
        }

        var reasons = new ReasonPoints[count];
        var n = 0;
        for (var c = 0; c < weightOf.Length; c++)
        {
            if (weightOf[c] > 0)
            {
                reasons[n++] = new ReasonPoints(ComponentCodes[c], whole[c]);
            }
        }

        if (facts.PartnerProgramme >= 0)
        {
            reasons[n++] = new ReasonPoints(ReasonCodes.Partner, 0);
        }

        if (poverty)
        {
            reasons[n] = new ReasonPoints(ReasonCodes.PovertyAlleviated, bonus);
        }

        return (score + bonus, reasons);
    }

    /// <summary>The codes of the score's components, by <see cref="ComponentFits"/> index.</summary>
    private static readonly string[] ComponentCodes = BuildComponentCodes();

    private static string[] BuildComponentCodes()
    {
        var codes = new string[ComponentFits.Count];
        codes[ComponentFits.LevelFit] = ReasonCodes.LevelFit;
        codes[ComponentFits.WageFit] = ReasonCodes.WageFit;
        codes[ComponentFits.DistrictFit] = ReasonCodes.DistrictFit;
        codes[ComponentFits.AvailabilityFit] = ReasonCodes.AvailabilityFit;
        codes[ComponentFits.HousingFit] = ReasonCodes.HousingFit;
        codes[ComponentFits.Certificates] = ReasonCodes.Certificates;
        return codes;
    }

    /// <summary>The points of <see cref="Points(WorkerSummary, JobSummary, ScoringOptions)"/>, each with its Chinese label.</summary>
    private static (int Score, ImmutableArray<ScoreReason> Reasons) Reasons(
        WorkerSummary worker, JobSummary job, in PairFacts facts, ScoringOptions options, ReferenceData? reference)
    {
        var (score, points) = Points(worker, job, facts, options);
        var skill = worker.Skills[facts.SkillIndex];
        var trade = MatchLabels.Trade(job.Trade, reference);
        var reasons = ImmutableArray.CreateBuilder<ScoreReason>(points.Length);
        foreach (var (code, value) in points)
        {
            var label = code switch
            {
                ReasonCodes.LevelFit => MatchLabels.LevelFit(trade, skill.LevelRank, job.MinLevelRank),
                ReasonCodes.WageFit => MatchLabels.WageFit(worker.MinWage, job.WageMax),
                ReasonCodes.DistrictFit => MatchLabels.DistrictFit(job.District, facts.DistrictPreference),
                ReasonCodes.AvailabilityFit => MatchLabels.AvailabilityFit(facts.LateDays, job.StartDate),
                ReasonCodes.HousingFit => MatchLabels.HousingFit(worker.NeedsLodging, job.ProvidesHousing),
                ReasonCodes.Certificates => MatchLabels.Certificates(job.RequiredCertificates, facts.ExtraCertificates),
                ReasonCodes.Partner => MatchLabels.Partner(job.PartnerProgrammes[facts.PartnerProgramme]),
                _ => options.PovertyAlleviatedPolicy == PovertyAlleviatedPolicy.Bonus ? MatchLabels.PovertyBonus(value) : MatchLabels.PovertyTieBreak(),
            };
            reasons.Add(new ScoreReason(code, label, value));
        }

        return (score, reasons.MoveToImmutable());
    }

    /// <summary>
    /// Whole points per component that add up to <paramref name="score"/>: each gets its floor, and the
    /// points lost to rounding go to the largest remainders (earlier components first among equals).
    /// </summary>
    private static void Apportion(ReadOnlySpan<double> points, int score, Span<int> whole)
    {
        var left = score;
        for (var i = 0; i < points.Length; i++)
        {
            whole[i] = (int)Math.Floor(points[i]);
            left -= whole[i];
        }

        Span<bool> given = stackalloc bool[points.Length];
        for (; left > 0; left--)
        {
            var best = -1;
            for (var i = 0; i < points.Length; i++)
            {
                if (!given[i] && (best < 0 || points[i] - whole[i] > points[best] - whole[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            whole[best]++;
            given[best] = true;
        }
    }
}

/// <summary>
/// Each score component as a fit in [0, 1] of an eligible pair. Half marks mean "acceptable";
/// the rest rewards what makes an offer more likely to be taken and kept.
/// </summary>
internal static class ComponentFits
{
    /// <summary>Components in reason order; the index of each in a points span.</summary>
    public const int LevelFit = 0;
    public const int WageFit = 1;
    public const int DistrictFit = 2;
    public const int AvailabilityFit = 3;
    public const int HousingFit = 4;
    public const int Certificates = 5;
    public const int Count = 6;

    private static readonly int _topLevelRank = ReferenceData.Levels.Count - 1;

    /// <summary>
    /// Meeting the minimum is half marks; two levels above it, or the top level, full marks.
    /// A job asking for the top level cannot be exceeded, so meeting it is full marks.
    /// </summary>
    public static double Level(int excess, int minLevelRank)
    {
        var fullAt = Math.Min(_topLevelRank - minLevelRank, 2);
        return fullAt <= 0 ? 1.0 : 0.5 + (0.5 * Math.Clamp(excess, 0, fullAt) / fullAt);
    }

    /// <summary>
    /// The middle of the wage range against the worker's minimum: half marks when equal, full marks
    /// at <see cref="ScoringOptions.WageFullMarksMargin"/> above it, nothing as far below it.
    /// A worker with no minimum is satisfied by any offer.
    /// </summary>
    public static double Wage(int minWage, int wageMin, int wageMax, double margin)
    {
        if (minWage <= 0)
        {
            return 1.0;
        }

        var offer = (wageMin + (double)wageMax) / 2;
        return Math.Clamp(0.5 + (0.5 * (offer - minWage) / (minWage * margin)), 0.0, 1.0);
    }

    /// <summary>
    /// First choice full marks, each later choice a tenth less down to half; a worker with no
    /// preference gets half, below anyone who named the district, since a wanted place keeps people longer.
    /// </summary>
    public static double District(int preference, bool anyDistrict) =>
        anyDistrict || preference < 0 ? 0.5 : Math.Max(0.5, 1.0 - (0.1 * preference));

    /// <summary>On time full marks; arriving late within the grace falls linearly to 0.3 at its end.</summary>
    public static double Availability(int lateDays, int graceDays) =>
        lateDays <= 0 ? 1.0 : graceDays <= 0 ? 0.0 : Math.Max(0.3, 1.0 - (0.7 * lateDays / graceDays));

    /// <summary>Full marks unless the worker needs lodging and the job does not provide it.</summary>
    public static double Housing(bool needsLodging, bool providesHousing) =>
        !needsLodging || providesHousing ? 1.0 : 0.0;

    /// <summary>One extra certificate of the trade half marks, two or more full marks.</summary>
    public static double ExtraCertificates(int extra) => Math.Min(Math.Max(extra, 0), 2) / 2.0;
}
