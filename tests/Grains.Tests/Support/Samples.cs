using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Workers;

namespace Matching.Tests.Support;

/// <summary>Valid inputs for every entity, to be broken one field at a time with <c>with</c>.</summary>
public static class Samples
{
    /// <summary>The test clock's start: every date window of the rules is measured from it.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>A fresh id, so tests sharing a cluster never meet each other's grains.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A resident ID number of Kunming with a valid check digit.</summary>
    public static string IdNumber(string birthDate = "19980704", string sequence = "123")
    {
        var first17 = $"530102{birthDate}{sequence}";
        return first17 + WorkerRules.CheckDigit(first17);
    }

    public static EmployerProfile Employer() => new()
    {
        Name = "上海某某机械有限公司",
        District = "jiading",
        IsKeyEnterprise = true,
        CreditStanding = "good",
        PartnerProgrammes = ["临沧技师学院"],
    };

    public static JobOrderProfile JobOrder(string employerId) => new()
    {
        EmployerId = employerId,
        Title = "电焊工",
        Trade = "welder",
        MinLevel = "intermediate",
        RequiredCertificates = ["焊工证"],
        Headcount = 5,
        WageMin = 6000,
        WageMax = 7500,
        District = "jiading",
        ProvidesHousing = true,
        StartDate = Today.AddDays(14),
        AcceptsInterns = false,
        PartnerProgrammes = ["临沧技师学院"],
    };

    public static WorkerProfile Worker() => new()
    {
        Name = "张三",
        Phone = "13800138000",
        IdNumber = IdNumber(),
        OriginProvince = "yunnan",
        OriginPrefecture = "lincang",
        OriginCounty = "临翔区",
        Categories = ["ruralLabour"],
        Skills = [new WorkerSkill { Trade = "welder", Level = "senior", Certificates = ["焊工证"] }],
        DesiredDistricts = ["jiading", "baoshan"],
        MinWage = 6000,
        AvailableFrom = Today.AddDays(7),
        NeedsLodging = true,
        Programmes = ["临沧技师学院"],
    };

    public static LodgingSiteProfile LodgingSite() => new()
    {
        Name = "嘉定安居客栈",
        District = "jiading",
        Town = "安亭镇",
        Address = "墨玉路 1 号",
    };

    public static FairProfile Fair(params string[] employerIds) => new()
    {
        Name = "春风行动招聘会",
        Date = Today.AddDays(30),
        Venue = "嘉定体育馆",
        District = "jiading",
        EmployerIds = employerIds,
    };
}
