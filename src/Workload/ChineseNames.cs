namespace Matching.Workload;

/// <summary>
/// Parts of personal names, common ones and some frequent in Yunnan (和, 普, 字, 段).
/// No given-name part is also a surname, so no name reads like 龙龙.
/// </summary>
internal static class ChineseNames
{
    public static readonly IReadOnlyList<string> Surnames =
    [
        "李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
        "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "肖", "曹",
        "袁", "邓", "许", "彭", "苏", "卢", "蒋", "蔡", "丁", "魏", "叶", "余", "杜", "夏", "田",
        "段", "雷", "龙", "普", "字", "和", "鲁", "熊", "孔", "施",
    ];

    public static readonly IReadOnlyList<string> MaleGivenParts =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
        "飞", "鑫", "波", "宁", "坤", "峰", "建", "国", "志", "文", "海", "德", "俊", "浩", "宇",
        "晨", "旭", "东", "成", "亮", "兵", "荣", "新", "光", "福",
    ];

    public static readonly IReadOnlyList<string> FemaleGivenParts =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "英", "红", "梅", "琳",
        "婷", "雪", "慧", "莉", "萍", "倩", "颖", "秀", "兰", "凤", "洁", "琴", "云", "丹", "蓉",
        "佳", "欣", "怡", "媛", "月", "春", "晓", "珍", "莹", "璐",
    ];

    /// <summary>A surname and a given name of one character (one in five) or two.</summary>
    public static string Create(Random random, bool male)
    {
        var parts = male ? MaleGivenParts : FemaleGivenParts;
        var surname = random.Pick(Surnames);
        return random.Chance(0.2)
            ? surname + random.Pick(parts)
            : surname + random.Pick(parts) + random.Pick(parts);
    }
}
