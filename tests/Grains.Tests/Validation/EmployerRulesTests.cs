using Matching.Employers;
using Matching.Tests.Support;

namespace Matching.Tests.Validation;

public sealed class EmployerRulesTests
{
    [Fact]
    public void A_valid_profile_is_trimmed_with_lower_case_codes_and_distinct_programmes()
    {
        var input = Samples.Employer() with
        {
            Id = null,
            Name = "  Acme  ",
            District = " JiaDing ",
            CreditStanding = "WATCH",
            PartnerProgrammes = ["临沧技师学院", " 临沧技师学院 ", "Programme", "programme"],
        };

        var profile = EmployerRules.Normalize(input, "e1");

        Assert.Equal("e1", profile.Id);
        Assert.Equal("Acme", profile.Name);
        Assert.Equal("jiading", profile.District);
        Assert.Equal("watch", profile.CreditStanding);
        Assert.Equal(["临沧技师学院", "Programme"], profile.PartnerProgrammes);
        Assert.True(profile.IsKeyEnterprise);
    }

    [Fact]
    public void A_missing_credit_standing_is_good()
    {
        var profile = EmployerRules.Normalize(Samples.Employer() with { CreditStanding = null! }, "e1");

        Assert.Equal("good", profile.CreditStanding);
    }

    [Fact]
    public void Employer_with_every_field_wrong_reports_each_field()
    {
        var fields = ValidationAssert.FieldsOf(() =>
            EmployerRules.Normalize(new EmployerProfile { Name = " ", District = "paris", CreditStanding = "excellent" }, "e1"));

        Assert.Equal(["creditStanding", "district", "name"], fields);
    }

    [Theory]
    [InlineData("name", "too long")]
    [InlineData("name", "control character")]
    [InlineData("district", "missing")]
    [InlineData("creditStanding", "blank")]
    [InlineData("partnerProgrammes[1]", "blank item")]
    [InlineData("partnerProgrammes", "too many")]
    public void Each_broken_rule_reports_its_field(string field, string how)
    {
        var valid = Samples.Employer();
        var broken = how switch
        {
            "too long" => valid with { Name = new string('x', 201) },
            "control character" => valid with { Name = "Acme\nLtd" },
            "missing" => valid with { District = "" },
            "blank" => valid with { CreditStanding = " " },
            "blank item" => valid with { PartnerProgrammes = ["ok", " "] },
            "too many" => valid with { PartnerProgrammes = [.. Enumerable.Range(0, 21).Select(i => $"p{i}")] },
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal([field], ValidationAssert.FieldsOf(() => EmployerRules.Normalize(broken, "e1")));
    }

    [Fact]
    public void A_body_id_other_than_the_route_id_is_refused()
    {
        var ex = Assert.Throws<Matching.Errors.ValidationFailedException>(() => EmployerRules.Normalize(Samples.Employer() with { Id = "other" }, "e1"));

        Assert.Equal(["id"], ex.Errors.Keys);
    }
}
