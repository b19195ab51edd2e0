using System.Collections.Immutable;
using System.Globalization;
using Matching.Reference;

namespace Matching.Scoring;

/// <summary>The Chinese labels of reasons and failed filters, as shown to recruiters and staff.</summary>
internal static class MatchLabels
{
    private const string Check = "✔";

    public static string Trade(string code, ReferenceData? reference) =>
        reference?.Trades.TryGetValue(code, out var label) == true ? label
        : ReferenceData.BaseTrades.TryGetValue(code, out label) ? label
        : code;

    public static string Level(int rank) =>
        rank >= 0 && rank < ReferenceData.Levels.Count ? ReferenceData.LevelLabels[ReferenceData.Levels[rank]] : "未定级";

    public static string District(int index) =>
        index >= 0 && index < DistrictIndex.Count ? ReferenceData.Districts[DistrictIndex.Codes[index]] : "未知区域";

    public static string LevelFit(string trade, int workerRank, int minRank) =>
        workerRank > minRank
            ? $"{trade} {Level(workerRank)} {Check}（要求{Level(minRank)}）"
            : $"{trade} {Level(workerRank)} {Check}";

    public static string WageFit(int minWage, int wageMax) => string.Create(CultureInfo.InvariantCulture, $"期望薪资 {minWage} ≤ {wageMax}");

    public static string DistrictFit(int district, int preference) => preference switch
    {
        < 0 => $"{District(district)} · 不限区域",
        0 => $"{District(district)} 首选区域 {Check}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{District(district)} 第{preference + 1}意向区域"),
    };

    public static string AvailabilityFit(int lateDays, DateOnly startDate) =>
        lateDays <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"开工 {startDate:yyyy-MM-dd} 可到岗 {Check}")
            : string.Create(CultureInfo.InvariantCulture, $"开工后 {lateDays} 天到岗");

    public static string HousingFit(bool needsLodging, bool providesHousing) =>
        !needsLodging ? "无需住宿" : providesHousing ? $"包住 {Check}" : "需住宿 · 不包住";

    public static string Certificates(ImmutableArray<string> required, int extra)
    {
        var held = required.IsEmpty ? "" : $"证书齐全 {Check}（{string.Join("、", required)}）";
        var more = extra > 0 ? string.Create(CultureInfo.InvariantCulture, $"另持证书 {extra} 项") : "";
        return (held.Length, more.Length) switch
        {
            (0, 0) => "无额外证书",
            (0, _) => more,
            (_, 0) => held,
            _ => $"{held} · {more}",
        };
    }

    public static string Partner(string programme) => $"{programme} 合作项目";

    public static string PovertyTieBreak() => "脱贫劳动力 同等条件下优先";

    public static string PovertyBonus(int points) => string.Create(CultureInfo.InvariantCulture, $"脱贫劳动力 +{points}");

    public static string Failure(HardFilters filter, WorkerSummary worker, JobSummary job, in PairFacts facts, ScoringOptions options, ReferenceData? reference) => filter switch
    {
        HardFilters.Trade => $"不具备工种 {Trade(job.Trade, reference)}",
        HardFilters.Level => $"{Trade(job.Trade, reference)} {Level(worker.Skills[facts.SkillIndex].LevelRank)} < 要求 {Level(job.MinLevelRank)}",
        HardFilters.Certificates => $"缺少证书 {string.Join("、", Missing(worker.Skills[facts.SkillIndex], job))}",
        HardFilters.Availability => string.Create(CultureInfo.InvariantCulture, $"可到岗 {worker.AvailableFrom:yyyy-MM-dd} 晚于开工 {job.StartDate:yyyy-MM-dd} 超过 {options.AvailabilityGraceDays} 天"),
        HardFilters.District => $"意向区域不含 {District(job.District)}",
        HardFilters.Wage => string.Create(CultureInfo.InvariantCulture, $"期望薪资 {worker.MinWage} > 最高 {job.WageMax}"),
        HardFilters.Interns => "岗位不接收实习生",
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "Not a single filter."),
    };

    private static IEnumerable<string> Missing(SkillSummary skill, JobSummary job)
    {
        for (var i = 0; i < job.RequiredCertificateKeys.Length; i++)
        {
            if (!TextKey.Contains(skill.CertificateKeys, job.RequiredCertificateKeys[i]))
            {
                yield return job.RequiredCertificates[i];
            }
        }
    }
}
