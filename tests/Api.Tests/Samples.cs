namespace Matching.Api.Tests;

/// <summary>Valid request bodies, as a client would write them.</summary>
internal static class Samples
{
    public static string Employer(string id, string district = "jiading", bool key = true) => $$"""
        {"id":"{{id}}","name":"上海某重工","district":"{{district}}","isKeyEnterprise":{{(key ? "true" : "false")}},"creditStanding":"good","partnerProgrammes":["临沧技师学院"]}
        """;

    public static string JobOrder(string id, string employerId, string trade = "welder", int headcount = 5) => $$"""
        {"id":"{{id}}","employerId":"{{employerId}}","title":"电焊工","trade":"{{trade}}","minLevel":"intermediate",
         "requiredCertificates":["焊工证"],"headcount":{{headcount}},"wageMin":6000,"wageMax":8000,"district":"jiading",
         "providesHousing":true,"startDate":"{{DateTime.UtcNow.AddDays(14):yyyy-MM-dd}}","acceptsInterns":true,"partnerProgrammes":["临沧技师学院"]}
        """;

    public static string Worker(string id, string prefecture = "lincang") => $$"""
        {"id":"{{id}}","name":"付明","phone":"13812345678","idNumber":"530902199801010011","originProvince":"yunnan",
         "originPrefecture":"{{prefecture}}","originCounty":"临翔区","categories":["ruralLabour","povertyAlleviated"],
         "skills":[{"trade":"welder","level":"senior","certificates":["焊工证"]}],"desiredDistricts":["jiading","baoshan"],
         "minWage":6000,"availableFrom":"{{DateTime.UtcNow.AddDays(3):yyyy-MM-dd}}","needsLodging":true,"programmes":["临沧技师学院"]}
        """;

    public static string Site(string id) => $$"""
        {"id":"{{id}}","name":"有嘉客栈·安亭","district":"jiading","town":"安亭","address":"安亭镇墨玉路 1 号"}
        """;

    public static string Fair(string id, params string[] employerIds) => $$"""
        {"id":"{{id}}","name":"东西部劳务协作专场招聘会","date":"{{DateTime.UtcNow.AddDays(7):yyyy-MM-dd}}","venue":"嘉定体育馆","district":"jiading",
         "employerIds":[{{string.Join(",", employerIds.Select(e => $"\"{e}\""))}}]}
        """;
}
