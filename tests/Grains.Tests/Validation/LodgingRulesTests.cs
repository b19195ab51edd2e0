using Matching.Lodging;
using Matching.Tests.Support;

namespace Matching.Tests.Validation;

public sealed class LodgingRulesTests
{
    [Fact]
    public void A_valid_site_is_trimmed_with_a_lower_case_district()
    {
        var profile = LodgingRules.Normalize(Samples.LodgingSite() with { Name = " 客栈 ", District = "JiaDing", Town = " 安亭镇 " }, "s1");

        Assert.Equal(("s1", "客栈", "jiading", "安亭镇"), (profile.Id, profile.Name, profile.District, profile.Town));
    }

    [Fact]
    public void Town_and_address_are_optional()
    {
        var profile = LodgingRules.Normalize(Samples.LodgingSite() with { Town = "", Address = " " }, "s1");

        Assert.Equal(("", ""), (profile.Town, profile.Address));
    }

    [Theory]
    [InlineData("name", "name missing")]
    [InlineData("district", "district unknown")]
    [InlineData("town", "town too long")]
    [InlineData("address", "address too long")]
    public void Each_broken_site_rule_reports_its_field(string field, string how)
    {
        var valid = Samples.LodgingSite();
        var broken = how switch
        {
            "name missing" => valid with { Name = "" },
            "district unknown" => valid with { District = "lincang" },
            "town too long" => valid with { Town = new string('镇', 51) },
            "address too long" => valid with { Address = new string('路', 201) },
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal([field], ValidationAssert.FieldsOf(() => LodgingRules.Normalize(broken, "s1")));
    }

    [Theory]
    [InlineData(0, 3, new[] { "001", "002", "003" })]
    [InlineData(5, 2, new[] { "006", "007" })]
    [InlineData(1998, 2, new[] { "1999", "2000" })]
    public void A_count_numbers_the_new_beds_on_from_the_existing_ones(int existing, int count, string[] labels)
    {
        Assert.Equal(labels, LodgingRules.BedLabels(new AddBedsRequest { Count = count }, existing));
    }

    [Fact]
    public void Labels_are_trimmed_and_a_matching_count_is_accepted()
    {
        var labels = LodgingRules.BedLabels(new AddBedsRequest { Count = 2, Labels = [" A-1 ", "A-2"] }, 10);

        Assert.Equal(["A-1", "A-2"], labels);
    }

    [Theory]
    [InlineData("count", "neither count nor labels")]
    [InlineData("count", "count zero")]
    [InlineData("count", "count too large")]
    [InlineData("count", "count differs from labels")]
    [InlineData("count", "site full")]
    [InlineData("labels[1]", "label blank")]
    [InlineData("labels[0]", "label too long")]
    [InlineData("labels", "too many labels")]
    public void Each_broken_bed_rule_reports_its_field(string field, string how)
    {
        var (request, existing) = how switch
        {
            "neither count nor labels" => (new AddBedsRequest { Labels = [] }, 0),
            "count zero" => (new AddBedsRequest { Count = 0 }, 0),
            "count too large" => (new AddBedsRequest { Count = LodgingRules.MaxBedsPerRequest + 1 }, 0),
            "count differs from labels" => (new AddBedsRequest { Count = 3, Labels = ["A", "B"] }, 0),
            "site full" => (new AddBedsRequest { Count = 2 }, LodgingRules.MaxBedsPerSite - 1),
            "label blank" => (new AddBedsRequest { Labels = ["A", " "] }, 0),
            "label too long" => (new AddBedsRequest { Labels = [new string('x', 51)] }, 0),
            "too many labels" => (new AddBedsRequest { Labels = [.. Enumerable.Range(0, LodgingRules.MaxBedsPerRequest + 1).Select(i => $"b{i}")] }, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal([field], ValidationAssert.FieldsOf(() => LodgingRules.BedLabels(request, existing)));
    }
}
