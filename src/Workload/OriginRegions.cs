namespace Matching.Workload;

/// <summary>A county (县/区) and its six-digit administrative code, the first six digits of a resident ID number.</summary>
internal sealed record County(string Name, string RegionCode);

/// <summary>A prefecture by its pinyin code, with a few of its counties.</summary>
internal sealed record Prefecture(string Code, County[] Counties);

/// <summary>Where generated workers come from.</summary>
internal static class OriginRegions
{
    /// <summary>Yunnan's prefectures with the workload page's weights.</summary>
    public static readonly Weighted<Prefecture> Yunnan = new(
        (new("kunming", [new("五华区", "530102"), new("官渡区", "530111"), new("寻甸县", "530129"), new("禄劝县", "530128")]), 8),
        (new("qujing", [new("麒麟区", "530302"), new("会泽县", "530326"), new("宣威市", "530381"), new("富源县", "530325")]), 10),
        (new("zhaotong", [new("昭阳区", "530602"), new("镇雄县", "530627"), new("彝良县", "530628"), new("巧家县", "530622")]), 12),
        (new("honghe", [new("蒙自市", "532503"), new("泸西县", "532527"), new("元阳县", "532528"), new("金平县", "532530")]), 10),
        (new("wenshan", [new("文山市", "532601"), new("砚山县", "532622"), new("广南县", "532627"), new("丘北县", "532626")]), 9),
        (new("lincang", [new("临翔区", "530902"), new("凤庆县", "530921"), new("云县", "530922"), new("耿马县", "530926")]), 8),
        (new("dali", [new("大理市", "532901"), new("祥云县", "532923"), new("宾川县", "532924"), new("巍山县", "532927")]), 8),
        (new("puer", [new("思茅区", "530802"), new("墨江县", "530822"), new("景谷县", "530824"), new("澜沧县", "530828")]), 7),
        (new("baoshan", [new("隆阳区", "530502"), new("施甸县", "530521"), new("龙陵县", "530523"), new("腾冲市", "530581")]), 6),
        (new("chuxiong", [new("楚雄市", "532301"), new("南华县", "532324"), new("大姚县", "532326"), new("武定县", "532329")]), 6),
        (new("dehong", [new("芒市", "533103"), new("瑞丽市", "533102"), new("盈江县", "533123")]), 4),
        (new("yuxi", [new("红塔区", "530402"), new("新平县", "530427"), new("元江县", "530428")]), 4),
        (new("lijiang", [new("古城区", "530702"), new("永胜县", "530722"), new("宁蒗县", "530724")]), 3),
        (new("xishuangbanna", [new("景洪市", "532801"), new("勐海县", "532822"), new("勐腊县", "532823")]), 2),
        (new("nujiang", [new("泸水市", "533301"), new("福贡县", "533323"), new("兰坪县", "533325")]), 2),
        (new("diqing", [new("香格里拉市", "533401"), new("德钦县", "533422"), new("维西县", "533423")]), 1));

    /// <summary>The other sending provinces of the article, drawn with equal shares.</summary>
    public static readonly IReadOnlyList<(string Province, Prefecture[] Prefectures)> OtherProvinces =
    [
        ("anhui", [new("fuyang", [new("临泉县", "341221"), new("颍上县", "341226")]), new("luan", [new("霍邱县", "341522")])]),
        ("hunan", [new("shaoyang", [new("隆回县", "430524"), new("洞口县", "430525")]), new("huaihua", [new("溆浦县", "431224")])]),
        ("henan", [new("zhoukou", [new("太康县", "411627"), new("扶沟县", "411621")]), new("zhumadian", [new("西平县", "411721")])]),
        ("jiangxi", [new("ganzhou", [new("于都县", "360731"), new("宁都县", "360730")]), new("jian", [new("吉安县", "360821")])]),
        ("hubei", [new("enshi", [new("恩施市", "422801"), new("利川市", "422802")]), new("xiaogan", [new("孝昌县", "420921")])]),
        ("gansu", [new("dingxi", [new("通渭县", "621121"), new("陇西县", "621122")]), new("tianshui", [new("清水县", "620521")])]),
    ];
}
