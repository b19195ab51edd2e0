namespace Matching.Scoring;

/// <summary>
/// Hard-filter tolerances, score weights and the poverty-alleviated policy,
/// bound from the <c>Matching:Scoring</c> configuration section.
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Matching:Scoring";

    /// <summary>
    /// Days a worker may become available after a job's start date and still pass the availability filter;
    /// employers commonly hold a start for two weeks for workers travelling from the sending regions.
    /// </summary>
    public int AvailabilityGraceDays { get; set; } = 14;

    /// <summary>
    /// How far the middle of the offered wage range must exceed the worker's minimum, as a fraction of it,
    /// for full wage marks (0.3: 30 % above). An offer centred on the minimum earns half marks.
    /// </summary>
    public double WageFullMarksMargin { get; set; } = 0.3;

    public ScoreWeights Weights { get; set; } = new();

    /// <inheritdoc cref="Scoring.PovertyAlleviatedPolicy"/>
    public PovertyAlleviatedPolicy PovertyAlleviatedPolicy { get; set; } = PovertyAlleviatedPolicy.TieBreak;

    /// <summary>Points added under <see cref="PovertyAlleviatedPolicy.Bonus"/>; the score still stops at 100.</summary>
    public int PovertyAlleviatedBonus { get; set; } = 5;

    /// <summary>What is wrong with these options, one sentence per problem; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AvailabilityGraceDays is < 0 or > 365)
        {
            errors.Add($"{nameof(AvailabilityGraceDays)} must be between 0 and 365.");
        }

        if (!(WageFullMarksMargin > 0 && WageFullMarksMargin <= 10))
        {
            errors.Add($"{nameof(WageFullMarksMargin)} must be greater than 0 and at most 10.");
        }

        var weights = Weights;
        if (weights is null)
        {
            errors.Add($"{nameof(Weights)} is required.");
        }
        else if (weights.LevelFit < 0 || weights.WageFit < 0 || weights.DistrictFit < 0
            || weights.AvailabilityFit < 0 || weights.HousingFit < 0 || weights.Certificates < 0)
        {
            errors.Add($"{nameof(Weights)} must not be negative.");
        }
        else if (weights.Total is <= 0 or > 1_000_000)
        {
            errors.Add($"{nameof(Weights)} must add up to more than 0 and at most 1000000.");
        }

        if (!Enum.IsDefined(PovertyAlleviatedPolicy))
        {
            errors.Add($"{nameof(PovertyAlleviatedPolicy)} must be None, TieBreak or Bonus.");
        }

        if (PovertyAlleviatedBonus is < 0 or > 100)
        {
            errors.Add($"{nameof(PovertyAlleviatedBonus)} must be between 0 and 100.");
        }

        return errors;
    }
}
