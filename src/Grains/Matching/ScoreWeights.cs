namespace Matching.Scoring;

/// <summary>
/// Relative weights of the score components. Only their proportions matter: the score divides by
/// their sum, so 30/20/… and 3/2/… rank alike. A weight of 0 turns a component (and its reason) off.
/// </summary>
public sealed class ScoreWeights
{
    /// <summary>The worker's level in the job's trade above the minimum.</summary>
    public int LevelFit { get; set; } = 25;

    /// <summary>The offered wage above the worker's minimum; the largest share because it decides most acceptances.</summary>
    public int WageFit { get; set; } = 30;

    /// <summary>The job's district among the worker's desired districts, the first one best.</summary>
    public int DistrictFit { get; set; } = 15;

    /// <summary>The worker available at the start date rather than within the grace period.</summary>
    public int AvailabilityFit { get; set; } = 15;

    /// <summary>A worker who needs lodging finds it with the job (包住).</summary>
    public int HousingFit { get; set; } = 10;

    /// <summary>Certificates of the trade beyond those the job requires.</summary>
    public int Certificates { get; set; } = 5;

    /// <summary>The sum the score is normalised by.</summary>
    public int Total => LevelFit + WageFit + DistrictFit + AvailabilityFit + HousingFit + Certificates;
}
