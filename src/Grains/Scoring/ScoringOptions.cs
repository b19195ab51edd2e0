using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

/// <summary>
/// How being poverty-alleviated (脱贫劳动力) weighs in ranking candidates.
/// </summary>
/// <remarks>
/// The default is <see cref="TieBreak"/>: it mirrors the partner rule of the domain
/// ("同等条件下优先", priority only when otherwise equal), so a weaker fit never overtakes a
/// stronger one, while the category still decides between equals. The tie-break comes after
/// the partner-programme tie-break, which the domain names explicitly; this one is a policy choice.
/// <see cref="Bonus"/> is there for a service that decides to favour the category openly: it adds
/// <see cref="ScoringOptions.PovertyAlleviatedBonus"/> points and can therefore reorder candidates.
/// </remarks>
public enum PovertyAlleviatedPolicy
{
    /// <summary>The category plays no part in ranking.</summary>
    None = 0,

    /// <summary>Among candidates with equal score and equal partner standing, poverty-alleviated workers rank first.</summary>
    TieBreak = 1,

    /// <summary>Poverty-alleviated workers get extra points on their score (capped at 100); no tie-break.</summary>
    Bonus = 2,
}

/// <summary>Stops a silo at start when the scoring section is unusable, rather than scoring with it.</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class ScoringServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ScoringOptions"/> from <c>Matching:Scoring</c> and validates them at start.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScoringOptions>()
            .Bind(configuration.GetSection(ScoringOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>());
        return services;
    }
}
