namespace Matching.Api.Tests;

/// <summary>Valid request bodies, as a client would write them.</summary>
internal static class Samples
{
    public static string Employer(string id, string district = "jiading", bool key = true) => $$"""
        {"id":"{{id}}","name":"上海某重工","district":"{{district}}","isKeyEnterprise":{{(key ? "true" : "false")}},"creditStanding":"good","partnerProgrammes":["临沧技师学院"]}
        """;

    public static string JobOrder(string id, string employerId, string trade = "welder", int headcount = 5, string district = "jiading") => $$"""
        {"id":"{{id}}","employerId":"{{employerId}}","title":"电焊工","trade":"{{trade}}","minLevel":"intermediate",
         "requiredCertificates":["焊工证"],"headcount":{{headcount}},"wageMin":6000,"wageMax":8000,"district":"{{district}}",
         "providesHousing":true,"startDate":"{{TestClock.Day(14)}}","acceptsInterns":true,"partnerProgrammes":["临沧技师学院"]}
        """;

    /// <summary>A worker of one trade; <paramref name="desiredDistricts"/> in order of preference (jiading, baoshan when none are given).</summary>
    public static string Worker(string id, string prefecture = "lincang", string trade = "welder", params string[] desiredDistricts) => $$"""
        {"id":"{{id}}","name":"付明","phone":"13812345678","idNumber":"530902199801010011","originProvince":"yunnan",
         "originPrefecture":"{{prefecture}}","originCounty":"临翔区","categories":["ruralLabour","povertyAlleviated"],
         "skills":[{"trade":"{{trade}}","level":"senior","certificates":["焊工证"]}],"desiredDistricts":{{System.Text.Json.JsonSerializer.Serialize(desiredDistricts.Length > 0 ? desiredDistricts : ["jiading", "baoshan"])}},
         "minWage":6000,"availableFrom":"{{TestClock.Day(3)}}","needsLodging":true,"programmes":["临沧技师学院"]}
        """;

    public static string Site(string id) => $$"""
        {"id":"{{id}}","name":"有嘉客栈·安亭","district":"jiading","town":"安亭","address":"安亭镇墨玉路 1 号"}
        """;

    public static string Fair(string id, params string[] employerIds) => $$"""
        {"id":"{{id}}","name":"东西部劳务协作专场招聘会","date":"{{TestClock.Day(7)}}","venue":"嘉定体育馆","district":"jiading",
         "employerIds":[{{string.Join(",", employerIds.Select(e => $"\"{e}\""))}}]}
        """;
}
