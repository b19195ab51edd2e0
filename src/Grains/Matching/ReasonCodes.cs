namespace Matching.Scoring;

/// <summary>The stable codes of score reasons in the API (<c>reasons[].code</c>).</summary>
public static class ReasonCodes
{
    public const string LevelFit = "levelFit";
    public const string WageFit = "wageFit";
    public const string DistrictFit = "districtFit";
    public const string AvailabilityFit = "availabilityFit";
    public const string HousingFit = "housingFit";
    public const string Certificates = "certificates";

    /// <summary>Membership of one of the job's partner programmes: a tie-break, so always 0 points.</summary>
    public const string Partner = "partner";

    /// <summary>Poverty-alleviated: 0 points as a tie-break, the bonus under the bonus policy.</summary>
    public const string PovertyAlleviated = "povertyAlleviated";
}
