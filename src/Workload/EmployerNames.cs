namespace Matching.Workload;

/// <summary>Company names of the usual form 上海 + trade name + line of business + legal form.</summary>
internal static class EmployerNames
{
    private static readonly string[] _tradeNames =
    [
        "宏达", "永盛", "华辰", "申嘉", "瑞丰", "博远", "盛达", "腾越", "联创", "新宇",
        "恒远", "佳力", "东升", "鼎力", "安捷", "顺昌", "金鼎", "天合", "德茂", "锦程",
        "和泰", "汇通", "启航", "中盈", "富隆", "众诚", "兴邦", "浦江", "明珠", "协力",
        "精工", "鸿运", "泰和", "宝德", "信达", "嘉禾", "远航", "晟通", "立华", "振宇",
    ];

    private static readonly string[] _businesses =
    [
        "汽车零部件", "精密机械", "智能装备", "电气设备", "钢结构工程", "建设工程", "物流", "供应链管理",
        "电子科技", "新能源科技", "船舶配件", "食品", "餐饮管理", "养老服务", "物业管理", "环境工程",
        "模具", "机电安装", "化工", "纺织",
    ];

    /// <summary>
    /// A name not yet in <paramref name="taken"/>: a drawn name, else that name's branch in the
    /// employer's district, else after a few tries the name numbered with <paramref name="ordinal"/>.
    /// </summary>
    public static string Create(Random random, string districtLabel, int ordinal, HashSet<string> taken)
    {
        var name = "";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            name = Draw(random);
            if (taken.Add(name))
            {
                return name;
            }

            var branch = $"{name}{districtLabel}分公司";
            if (taken.Add(branch))
            {
                return branch;
            }
        }

        var numbered = $"{name}（{ordinal}）";
        taken.Add(numbered);
        return numbered;
    }

    private static string Draw(Random random)
    {
        var form = random.Chance(0.15) ? "股份有限公司" : "有限公司";
        return $"上海{random.Pick(_tradeNames)}{random.Pick(_businesses)}{form}";
    }
}
