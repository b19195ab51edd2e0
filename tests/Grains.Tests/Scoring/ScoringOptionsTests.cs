using Matching.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Tests.Scoring;

public sealed class ScoringOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_with_weights_adding_up_to_100()
    {
        var options = new ScoringOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(100, options.Weights.Total);
        Assert.Equal(14, options.AvailabilityGraceDays);
        Assert.Equal(PovertyAlleviatedPolicy.TieBreak, options.PovertyAlleviatedPolicy);
    }

    [Fact]
    public void Options_bind_from_the_matching_scoring_section()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Matching:Scoring:AvailabilityGraceDays"] = "7",
            ["Matching:Scoring:Weights:WageFit"] = "50",
            ["Matching:Scoring:PovertyAlleviatedPolicy"] = "Bonus",
            ["Matching:Scoring:PovertyAlleviatedBonus"] = "3",
        });

        Assert.Equal(7, options.AvailabilityGraceDays);
        Assert.Equal(50, options.Weights.WageFit);
        Assert.Equal(25, options.Weights.LevelFit);
        Assert.Equal(PovertyAlleviatedPolicy.Bonus, options.PovertyAlleviatedPolicy);
        Assert.Equal(3, options.PovertyAlleviatedBonus);
    }

    [Fact]
    public void Unusable_options_fail_validation_with_every_problem()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["Matching:Scoring:AvailabilityGraceDays"] = "-1",
            ["Matching:Scoring:WageFullMarksMargin"] = "0",
            ["Matching:Scoring:Weights:Certificates"] = "-5",
            ["Matching:Scoring:PovertyAlleviatedBonus"] = "101",
        }));

        Assert.Equal(4, ex.Failures.Count());
    }

    [Fact]
    public void Weights_that_add_up_to_nothing_are_refused()
    {
        var options = new ScoringOptions
        {
            Weights = new ScoreWeights { LevelFit = 0, WageFit = 0, DistrictFit = 0, AvailabilityFit = 0, HousingFit = 0, Certificates = 0 },
        };

        Assert.Single(options.Validate());
    }

    private static ScoringOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddScoring(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ScoringOptions>>().Value;
    }
}
