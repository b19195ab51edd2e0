using Matching.Reference;

namespace Matching.Scoring;

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
