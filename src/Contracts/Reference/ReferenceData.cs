using Microsoft.Extensions.Options;

namespace Matching.Reference;

/// <summary>
/// The vocabularies of the API (codes) with their Chinese labels for the pages.
/// Trades are extensible through <see cref="MatchingOptions.ExtraTrades"/>; the rest is fixed geography.
/// </summary>
public sealed class ReferenceData
{
    public static readonly IReadOnlyDictionary<string, string> BaseTrades = new Dictionary<string, string>
    {
        ["welder"] = "电焊工",
        ["fitter"] = "钳工",
        ["electrician"] = "电工",
        ["general"] = "普工",
        ["construction"] = "建筑工",
        ["firefighter"] = "消防员",
        ["machinist"] = "机床操作工",
        ["logistics"] = "物流仓储",
        ["care"] = "护理员",
        ["cook"] = "厨师",
    };

    /// <summary>Skill levels in ascending order: a worker meets a job's minimum when its rank is not lower.</summary>
    public static readonly IReadOnlyList<string> Levels = ["junior", "intermediate", "senior", "technician"];

    public static readonly IReadOnlyDictionary<string, string> LevelLabels = new Dictionary<string, string>
    {
        ["junior"] = "初级",
        ["intermediate"] = "中级",
        ["senior"] = "高级",
        ["technician"] = "技师",
    };

    public static readonly IReadOnlyDictionary<string, string> Districts = new Dictionary<string, string>
    {
        ["huangpu"] = "黄浦", ["xuhui"] = "徐汇", ["changning"] = "长宁", ["jingan"] = "静安",
        ["putuo"] = "普陀", ["hongkou"] = "虹口", ["yangpu"] = "杨浦", ["minhang"] = "闵行",
        ["baoshan"] = "宝山", ["jiading"] = "嘉定", ["pudong"] = "浦东新区", ["jinshan"] = "金山",
        ["songjiang"] = "松江", ["qingpu"] = "青浦", ["fengxian"] = "奉贤", ["chongming"] = "崇明",
    };

    /// <summary>Mainland provinces, autonomous regions and municipalities, by pinyin.</summary>
    public static readonly IReadOnlyDictionary<string, string> Provinces = new Dictionary<string, string>
    {
        ["yunnan"] = "云南", ["anhui"] = "安徽", ["hunan"] = "湖南", ["henan"] = "河南", ["jiangxi"] = "江西",
        ["hubei"] = "湖北", ["gansu"] = "甘肃", ["xinjiang"] = "新疆", ["guizhou"] = "贵州", ["sichuan"] = "四川",
        ["chongqing"] = "重庆", ["guangxi"] = "广西", ["shaanxi"] = "陕西", ["shanxi"] = "山西", ["hebei"] = "河北",
        ["shandong"] = "山东", ["jiangsu"] = "江苏", ["zhejiang"] = "浙江", ["fujian"] = "福建", ["guangdong"] = "广东",
        ["hainan"] = "海南", ["qinghai"] = "青海", ["ningxia"] = "宁夏", ["xizang"] = "西藏", ["neimenggu"] = "内蒙古",
        ["heilongjiang"] = "黑龙江", ["jilin"] = "吉林", ["liaoning"] = "辽宁", ["beijing"] = "北京", ["tianjin"] = "天津",
        ["shanghai"] = "上海",
    };

    /// <summary>Yunnan's 16 prefectures: the main sending region, so its prefecture codes are checked.</summary>
    public static readonly IReadOnlyDictionary<string, string> YunnanPrefectures = new Dictionary<string, string>
    {
        ["kunming"] = "昆明", ["qujing"] = "曲靖", ["yuxi"] = "玉溪", ["baoshan"] = "保山", ["zhaotong"] = "昭通",
        ["lijiang"] = "丽江", ["puer"] = "普洱", ["lincang"] = "临沧", ["chuxiong"] = "楚雄", ["honghe"] = "红河",
        ["wenshan"] = "文山", ["xishuangbanna"] = "西双版纳", ["dali"] = "大理", ["dehong"] = "德宏",
        ["nujiang"] = "怒江", ["diqing"] = "迪庆",
    };

    /// <summary>
    /// Prefectures of the other sending provinces the cooperation draws from, for labels on screens only:
    /// unlike Yunnan's, these codes are not checked, so a code missing here is shown as sent.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OtherPrefectureLabels = new Dictionary<string, string>
    {
        ["fuyang"] = "阜阳", ["luan"] = "六安", ["anqing"] = "安庆", ["bozhou"] = "亳州",
        ["shaoyang"] = "邵阳", ["huaihua"] = "怀化", ["yongzhou"] = "永州", ["xiangxi"] = "湘西",
        ["zhoukou"] = "周口", ["zhumadian"] = "驻马店", ["nanyang"] = "南阳", ["shangqiu"] = "商丘", ["xinyang"] = "信阳",
        ["ganzhou"] = "赣州", ["jian"] = "吉安", ["shangrao"] = "上饶",
        ["enshi"] = "恩施", ["xiaogan"] = "孝感", ["huanggang"] = "黄冈",
        ["dingxi"] = "定西", ["tianshui"] = "天水", ["longnan"] = "陇南",
        ["kashi"] = "喀什",
    };

    public static readonly IReadOnlyList<string> WorkerCategories = ["ruralLabour", "povertyAlleviated", "studentIntern"];

    public static readonly IReadOnlyDictionary<string, string> WorkerCategoryLabels = new Dictionary<string, string>
    {
        ["ruralLabour"] = "农村劳动力",
        ["povertyAlleviated"] = "脱贫劳动力",
        ["studentIntern"] = "在校生/实习生",
    };

    /// <summary>
    /// Short labels of score reason codes, for screens that receive a pushed reason as code and points only
    /// (the candidates and explain routes carry each reason's full label).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ReasonLabels = new Dictionary<string, string>
    {
        ["levelFit"] = "技能等级",
        ["wageFit"] = "薪资",
        ["districtFit"] = "工作区域",
        ["availabilityFit"] = "到岗时间",
        ["housingFit"] = "住宿",
        ["certificates"] = "证书",
        ["partner"] = "合作项目",
        ["povertyAlleviated"] = "脱贫劳动力",
    };

    public static readonly IReadOnlyList<string> CreditStandings = ["good", "watch", "blocked"];

    public ReferenceData(IOptions<MatchingOptions> options)
        : this(options.Value.ExtraTrades)
    {
    }

    public ReferenceData(IReadOnlyDictionary<string, string>? extraTrades = null)
    {
        var trades = new Dictionary<string, string>(BaseTrades);
        foreach (var (code, label) in extraTrades ?? new Dictionary<string, string>())
        {
            trades[code.Trim().ToLowerInvariant()] = label;
        }

        Trades = trades;
    }

    /// <summary>Trade codes with their labels: the ten of the API plus any configured.</summary>
    public IReadOnlyDictionary<string, string> Trades { get; }

    /// <summary>
    /// The one shared instance of a vocabulary code (a province, a prefecture, a category, a trade, or a skill as
    /// <c>trade:level</c>), or the text itself when it is not one. A hundred thousand indexed workers then hold
    /// references to a few hundred strings instead of copies of them; free texts are never pooled, so the pool
    /// cannot grow with what callers send.
    /// </summary>
    public static string Canonical(string text) => _canonical.TryGetValue(text, out var shared) ? shared : text;

    private static readonly Dictionary<string, string> _canonical = BuildCanonical();

    private static Dictionary<string, string> BuildCanonical()
    {
        var codes = Provinces.Keys.Concat(YunnanPrefectures.Keys).Concat(OtherPrefectureLabels.Keys).Concat(WorkerCategories)
            .Concat(BaseTrades.Keys).Concat(Levels)
            .Concat(BaseTrades.Keys.SelectMany(t => Levels.Select(l => $"{t}:{l}")));
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            pool.TryAdd(code, code);
        }

        return pool;
    }

    /// <summary>The rank of a level code, or -1 when unknown.</summary>
    public static int LevelRank(string? level) => level is null ? -1 : Levels.IndexOf(level);
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
