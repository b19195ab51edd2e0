using Matching.Employers;
using Matching.Lodging;
using Matching.Workers;

namespace Matching.Tests.Lodging;

/// <summary>Valid inputs and views for lodging tests.</summary>
public static class LodgingSamples
{
    /// <summary>The fake clock's start: 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly CreditCommitment Commitment = new() { SignedBy = "安亭就业服务站 王芳", Note = "企业已承诺录用" };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static WorkerProfile Worker(DateOnly today) => new()
    {
        Name = "付明",
        Phone = "13812345678",
        IdNumber = "530902199801010011",
        OriginProvince = "yunnan",
        OriginPrefecture = "lincang",
        OriginCounty = "临翔区",
        Categories = ["ruralLabour"],
        Skills = [new WorkerSkill { Trade = "welder", Level = "senior" }],
        DesiredDistricts = ["jiading"],
        MinWage = 6000,
        AvailableFrom = today.AddDays(1),
        NeedsLodging = true,
    };

    public static LodgingSiteProfile Site() => new()
    {
        Name = "有嘉客栈·安亭",
        District = "jiading",
        Town = "安亭",
        Address = "安亭镇墨玉路 1 号",
    };

    public static WorkerView WorkerView(WorkerStatus status, WorkerHold? hold = null, WorkerHire? hire = null) =>
        new(Worker(DateOnly.FromDateTime(Start.UtcDateTime)) with { Id = "w1" }) { Status = status, Hold = hold, Hire = hire };

    public static EmployerView Employer(string id, bool key = true, string credit = "good") =>
        new(new EmployerProfile { Id = id, Name = "上海某重工", District = "jiading", IsKeyEnterprise = key, CreditStanding = credit });
}
