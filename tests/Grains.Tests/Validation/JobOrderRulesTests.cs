using Matching.JobOrders;
using Matching.Reference;
using Matching.Tests.Support;

namespace Matching.Tests.Validation;

public sealed class JobOrderRulesTests
{
    private static readonly ReferenceData _refs = new();

    [Fact]
    public void A_valid_order_is_trimmed_with_lower_case_codes_and_distinct_lists()
    {
        var input = Samples.JobOrder(" emp-1 ") with
        {
            Title = " 电焊工 ",
            Trade = "WELDER",
            MinLevel = "Intermediate",
            District = "JIADING",
            RequiredCertificates = ["焊工证", "焊工证 ", "Safety", "SAFETY"],
        };

        var profile = JobOrderRules.Normalize(input, "job-1", _refs, Samples.Today);

        Assert.Equal("job-1", profile.Id);
        Assert.Equal("emp-1", profile.EmployerId);
        Assert.Equal("电焊工", profile.Title);
        Assert.Equal("welder", profile.Trade);
        Assert.Equal("intermediate", profile.MinLevel);
        Assert.Equal("jiading", profile.District);
        Assert.Equal(["焊工证", "Safety"], profile.RequiredCertificates);
    }

    [Fact]
    public void Bounds_are_inclusive()
    {
        var highest = Samples.JobOrder("emp-1") with
        {
            Headcount = JobOrderRules.MaxHeadcount,
            WageMin = JobOrderRules.MaxWage,
            WageMax = JobOrderRules.MaxWage,
            StartDate = Samples.Today.AddYears(2),
        };
        var lowest = highest with
        {
            Headcount = 1,
            WageMin = JobOrderRules.MinWage,
            WageMax = JobOrderRules.MinWage,
            StartDate = Samples.Today.AddYears(-1),
        };

        Assert.Equal(Bounds(highest), Bounds(JobOrderRules.Normalize(highest, "job-1", _refs, Samples.Today)));
        Assert.Equal(Bounds(lowest), Bounds(JobOrderRules.Normalize(lowest, "job-1", _refs, Samples.Today)));

        static (int, int, int, DateOnly) Bounds(JobOrderProfile p) => (p.Headcount, p.WageMin, p.WageMax, p.StartDate);
    }

    [Fact]
    public void A_trade_added_by_configuration_is_known()
    {
        var refs = new ReferenceData(new Dictionary<string, string> { [" Plumber "] = "管道工" });

        var profile = JobOrderRules.Normalize(Samples.JobOrder("emp-1") with { Trade = "PLUMBER" }, "job-1", refs, Samples.Today);

        Assert.Equal("plumber", profile.Trade);
        Assert.Equal(["trade"], ValidationAssert.FieldsOf(() => JobOrderRules.Normalize(profile, "job-1", _refs, Samples.Today)));
    }

    [Theory]
    [InlineData("employerId", "employer missing")]
    [InlineData("employerId", "employer not an id")]
    [InlineData("title", "title missing")]
    [InlineData("title", "title too long")]
    [InlineData("trade", "trade unknown")]
    [InlineData("minLevel", "level unknown")]
    [InlineData("requiredCertificates[0]", "certificate blank")]
    [InlineData("headcount", "no headcount")]
    [InlineData("headcount", "headcount too large")]
    [InlineData("wageMin", "wage below minimum")]
    [InlineData("wageMax", "wage above maximum")]
    [InlineData("wageMax", "wageMax below wageMin")]
    [InlineData("district", "district unknown")]
    [InlineData("startDate", "no start date")]
    [InlineData("startDate", "start too late")]
    [InlineData("startDate", "start too early")]
    [InlineData("partnerProgrammes", "too many programmes")]
    public void Each_broken_rule_reports_its_field(string field, string how)
    {
        var valid = Samples.JobOrder("emp-1");
        var broken = how switch
        {
            "employer missing" => valid with { EmployerId = " " },
            "employer not an id" => valid with { EmployerId = "emp 1" },
            "title missing" => valid with { Title = "" },
            "title too long" => valid with { Title = new string('x', 201) },
            "trade unknown" => valid with { Trade = "astronaut" },
            "level unknown" => valid with { MinLevel = "master" },
            "certificate blank" => valid with { RequiredCertificates = [""] },
            "no headcount" => valid with { Headcount = 0 },
            "headcount too large" => valid with { Headcount = JobOrderRules.MaxHeadcount + 1 },
            "wage below minimum" => valid with { WageMin = JobOrderRules.MinWage - 1 },
            "wage above maximum" => valid with { WageMax = JobOrderRules.MaxWage + 1 },
            "wageMax below wageMin" => valid with { WageMin = 8000, WageMax = 7999 },
            "district unknown" => valid with { District = "kunming" },
            "no start date" => valid with { StartDate = default },
            "start too late" => valid with { StartDate = Samples.Today.AddYears(2).AddDays(1) },
            "start too early" => valid with { StartDate = Samples.Today.AddYears(-1).AddDays(-1) },
            "too many programmes" => valid with { PartnerProgrammes = [.. Enumerable.Range(0, 21).Select(i => $"p{i}")] },
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal([field], ValidationAssert.FieldsOf(() => JobOrderRules.Normalize(broken, "job-1", _refs, Samples.Today)));
    }
}
