using Matching.Reference;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Tests.Validation;

public sealed class WorkerRulesTests
{
    private static readonly ReferenceData _refs = new();

    public static TheoryData<string> YunnanPrefectures => [.. ReferenceData.YunnanPrefectures.Keys];

    [Fact]
    public void A_valid_profile_is_trimmed_with_canonical_codes_and_distinct_lists()
    {
        var input = Samples.Worker() with
        {
            Name = " 张三 ",
            Phone = "138 0013-8000",
            IdNumber = "11010519491231002x",
            OriginProvince = "Yunnan",
            OriginPrefecture = " LINCANG ",
            Categories = ["RuralLabour", "rurallabour", "studentIntern"],
            Skills = [new WorkerSkill { Trade = " Welder ", Level = "SENIOR", Certificates = ["焊工证", "焊工证"] }],
            DesiredDistricts = ["Jiading", "jiading", "BAOSHAN"],
        };

        var profile = WorkerRules.Normalize(input, "w1", _refs, Samples.Today);

        Assert.Equal("w1", profile.Id);
        Assert.Equal("张三", profile.Name);
        Assert.Equal("13800138000", profile.Phone);
        Assert.Equal("11010519491231002X", profile.IdNumber);
        Assert.Equal("yunnan", profile.OriginProvince);
        Assert.Equal("lincang", profile.OriginPrefecture);
        Assert.Equal(["ruralLabour", "studentIntern"], profile.Categories);
        var skill = Assert.Single(profile.Skills);
        Assert.Equal(("welder", "senior"), (skill.Trade, skill.Level));
        Assert.Equal(["焊工证"], skill.Certificates);
        Assert.Equal(["jiading", "baoshan"], profile.DesiredDistricts);
    }

    [Theory]
    [MemberData(nameof(YunnanPrefectures))]
    public void Every_Yunnan_prefecture_code_is_accepted(string prefecture)
    {
        var profile = WorkerRules.Normalize(Samples.Worker() with { OriginPrefecture = prefecture.ToUpperInvariant() }, "w1", _refs, Samples.Today);

        Assert.Equal(prefecture, profile.OriginPrefecture);
    }

    [Fact]
    public void Outside_Yunnan_the_prefecture_is_free_text_and_optional()
    {
        var named = WorkerRules.Normalize(Samples.Worker() with { OriginProvince = "sichuan", OriginPrefecture = " Chengdu " }, "w1", _refs, Samples.Today);
        var unnamed = WorkerRules.Normalize(Samples.Worker() with { OriginProvince = "sichuan", OriginPrefecture = "" }, "w1", _refs, Samples.Today);

        Assert.Equal("chengdu", named.OriginPrefecture);
        Assert.Equal("", unnamed.OriginPrefecture);
    }

    [Fact]
    public void A_profile_with_many_broken_rules_reports_them_all()
    {
        var input = Samples.Worker() with { Name = "", Phone = "", IdNumber = "", OriginProvince = "", Skills = [] };

        var fields = ValidationAssert.FieldsOf(() => WorkerRules.Normalize(input, "w1", _refs, Samples.Today));

        Assert.Equal(["idNumber", "name", "originProvince", "phone", "skills"], fields);
    }

    [Theory]
    [InlineData("name", "name missing")]
    [InlineData("phone", "phone too short")]
    [InlineData("phone", "phone not mobile")]
    [InlineData("phone", "phone with letters")]
    [InlineData("idNumber", "check digit wrong")]
    [InlineData("idNumber", "id too short")]
    [InlineData("idNumber", "id starts with 0")]
    [InlineData("originProvince", "province unknown")]
    [InlineData("originPrefecture", "Yunnan prefecture missing")]
    [InlineData("originPrefecture", "Yunnan prefecture unknown")]
    [InlineData("originCounty", "county too long")]
    [InlineData("categories[1]", "category unknown")]
    [InlineData("categories", "too many categories")]
    [InlineData("skills", "skills missing")]
    [InlineData("skills", "too many skills")]
    [InlineData("skills[1]", "skill null")]
    [InlineData("skills[0].trade", "trade unknown")]
    [InlineData("skills[1].trade", "trade listed twice")]
    [InlineData("skills[0].level", "level unknown")]
    [InlineData("skills[0].certificates[0]", "certificate blank")]
    [InlineData("desiredDistricts[0]", "district unknown")]
    [InlineData("minWage", "wage negative")]
    [InlineData("minWage", "wage too high")]
    [InlineData("availableFrom", "availability missing")]
    [InlineData("availableFrom", "availability too late")]
    [InlineData("programmes[0]", "programme blank")]
    public void Each_broken_rule_reports_its_field(string field, string how)
    {
        var broken = Break(Samples.Worker(), how);

        Assert.Equal([field], ValidationAssert.FieldsOf(() => WorkerRules.Normalize(broken, "w1", _refs, Samples.Today)));
    }

    private static WorkerProfile Break(WorkerProfile valid, string how) => how switch
    {
        "name missing" => valid with { Name = "  " },
        "phone too short" => valid with { Phone = "1380013800" },
        "phone not mobile" => valid with { Phone = "02112345678" },
        "phone with letters" => valid with { Phone = "1380013800a" },
        "check digit wrong" => valid with { IdNumber = valid.IdNumber[..17] + (valid.IdNumber[17] == '1' ? '2' : '1') },
        "id too short" => valid with { IdNumber = valid.IdNumber[..17] },
        "id starts with 0" => valid with { IdNumber = "0" + valid.IdNumber[1..] },
        "province unknown" => valid with { OriginProvince = "atlantis" },
        "Yunnan prefecture missing" => valid with { OriginPrefecture = "" },
        "Yunnan prefecture unknown" => valid with { OriginPrefecture = "chengdu" },
        "county too long" => valid with { OriginCounty = new string('县', 51) },
        "category unknown" => valid with { Categories = ["ruralLabour", "retired"] },
        "too many categories" => valid with { Categories = ["ruralLabour", "povertyAlleviated", "studentIntern", "ruralLabour"] },
        "skills missing" => valid with { Skills = [] },
        "too many skills" => valid with { Skills = [.. new[] { "welder", "fitter", "electrician", "general", "cook", "care" }.Select(Skill)] },
        "skill null" => valid with { Skills = [Skill("welder"), null!] },
        "trade unknown" => valid with { Skills = [Skill("astronaut")] },
        "trade listed twice" => valid with { Skills = [Skill("welder"), Skill("WELDER")] },
        "level unknown" => valid with { Skills = [Skill("welder") with { Level = "master" }] },
        "certificate blank" => valid with { Skills = [Skill("welder") with { Certificates = [" "] }] },
        "district unknown" => valid with { DesiredDistricts = ["kunming"] },
        "wage negative" => valid with { MinWage = -1 },
        "wage too high" => valid with { MinWage = WorkerRules.MaxWage + 1 },
        "availability missing" => valid with { AvailableFrom = default },
        "availability too late" => valid with { AvailableFrom = Samples.Today.AddYears(2).AddDays(1) },
        "programme blank" => valid with { Programmes = [""] },
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    private static WorkerSkill Skill(string trade) => new() { Trade = trade, Level = "junior" };
}
