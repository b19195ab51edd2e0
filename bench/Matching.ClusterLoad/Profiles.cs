using Matching.Employers;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Workers;

namespace Matching.ClusterLoad;

/// <summary>Valid entities of the load, spread over every trade so no single index shard takes all of it.</summary>
public static class Profiles
{
    public static readonly string[] Trades = [.. ReferenceData.BaseTrades.Keys];

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static EmployerProfile Employer(string id) => new()
    {
        Id = id,
        Name = "上海某某机械有限公司",
        District = "jiading",
        IsKeyEnterprise = true,
        CreditStanding = "good",
    };

    public static JobOrderProfile JobOrder(string id, string employerId, string trade, int headcount) => new()
    {
        Id = id,
        EmployerId = employerId,
        Title = "操作工",
        Trade = trade,
        MinLevel = "junior",
        Headcount = headcount,
        WageMin = 6000,
        WageMax = 7500,
        District = "jiading",
        ProvidesHousing = true,
        StartDate = Today.AddDays(14),
        AcceptsInterns = true,
    };

    public static WorkerProfile Worker(string id, string trade) => new()
    {
        Id = id,
        Name = "张三",
        Phone = "13800138000",
        IdNumber = "53010219980704123" + WorkerRules.CheckDigit("53010219980704123"),
        OriginProvince = "yunnan",
        OriginPrefecture = "lincang",
        Categories = ["ruralLabour"],
        Skills = [new WorkerSkill { Trade = trade, Level = "senior" }],
        DesiredDistricts = ["jiading"],
        MinWage = 6000,
        AvailableFrom = Today.AddDays(7),
        NeedsLodging = false,
    };
}
