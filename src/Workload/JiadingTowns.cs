namespace Matching.Workload;

/// <summary>A town (街镇) of Jiading with the short name used in a site's name and a road in it.</summary>
internal sealed record JiadingTown(string Name, string ShortName, string Road);

/// <summary>Jiading's twelve towns and subdistricts: the article's lodging sites are spread over all of them.</summary>
internal static class JiadingTowns
{
    public const string District = "jiading";

    public static readonly IReadOnlyList<JiadingTown> All =
    [
        new("安亭镇", "安亭", "墨玉南路"),
        new("马陆镇", "马陆", "宝安公路"),
        new("南翔镇", "南翔", "沪宜公路"),
        new("江桥镇", "江桥", "曹安公路"),
        new("华亭镇", "华亭", "霜竹公路"),
        new("外冈镇", "外冈", "恒永路"),
        new("徐行镇", "徐行", "宝钱公路"),
        new("菊园新区", "菊园", "平城路"),
        new("嘉定工业区", "嘉定工业区", "叶城路"),
        new("新成路街道", "新成路", "新成路"),
        new("真新街道", "真新", "金沙江西路"),
        new("嘉定镇街道", "嘉定镇", "博乐路"),
    ];
}
