using Matching.Fairs;
using Matching.Tests.Support;

namespace Matching.Tests.Validation;

public sealed class FairRulesTests
{
    [Fact]
    public void A_valid_fair_is_trimmed_with_a_lower_case_district_and_distinct_employers()
    {
        var input = Samples.Fair(" emp-1 ", "emp-2", "emp-1") with { Name = " 春风行动 ", District = "JIADING", Venue = " 体育馆 " };

        var profile = FairRules.Normalize(input, "f1", Samples.Today);

        Assert.Equal(("f1", "春风行动", "jiading", "体育馆"), (profile.Id, profile.Name, profile.District, profile.Venue));
        Assert.Equal(["emp-1", "emp-2"], profile.EmployerIds);
    }

    [Fact]
    public void Employer_ids_differing_only_in_case_name_different_employers()
    {
        var profile = FairRules.Normalize(Samples.Fair("acme", "ACME"), "f1", Samples.Today);

        Assert.Equal(["acme", "ACME"], profile.EmployerIds);
    }

    [Theory]
    [InlineData(new[] { "emp-1", "emp-1", "bad id" }, new[] { "employerIds[2]" })]
    [InlineData(new[] { " ", "bad id" }, new[] { "employerIds[0]", "employerIds[1]" })]
    public void Employer_id_errors_name_the_position_in_the_input(string[] employerIds, string[] fields)
    {
        Assert.Equal(fields, ValidationAssert.FieldsOf(() => FairRules.Normalize(Samples.Fair(employerIds), "f1", Samples.Today)));
    }

    [Fact]
    public void A_fair_of_the_last_five_years_can_be_recorded()
    {
        var profile = FairRules.Normalize(Samples.Fair() with { Date = Samples.Today.AddYears(-5) }, "f1", Samples.Today);

        Assert.Equal(Samples.Today.AddYears(-5), profile.Date);
    }

    [Theory]
    [InlineData("name", "name missing")]
    [InlineData("date", "date missing")]
    [InlineData("date", "date too late")]
    [InlineData("date", "date too early")]
    [InlineData("venue", "venue too long")]
    [InlineData("district", "district unknown")]
    [InlineData("employerIds[1]", "employer not an id")]
    [InlineData("employerIds[0]", "employer blank")]
    [InlineData("employerIds", "too many employers")]
    public void Each_broken_rule_reports_its_field(string field, string how)
    {
        var valid = Samples.Fair("emp-1");
        var broken = how switch
        {
            "name missing" => valid with { Name = "" },
            "date missing" => valid with { Date = default },
            "date too late" => valid with { Date = Samples.Today.AddYears(2).AddDays(1) },
            "date too early" => valid with { Date = Samples.Today.AddYears(-5).AddDays(-1) },
            "venue too long" => valid with { Venue = new string('x', 201) },
            "district unknown" => valid with { District = "dali" },
            "employer not an id" => valid with { EmployerIds = ["emp-1", "emp/2"] },
            "employer blank" => valid with { EmployerIds = [" "] },
            "too many employers" => valid with { EmployerIds = [.. Enumerable.Range(0, FairRules.MaxEmployers + 1).Select(i => $"emp-{i}")] },
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal([field], ValidationAssert.FieldsOf(() => FairRules.Normalize(broken, "f1", Samples.Today)));
    }
}
