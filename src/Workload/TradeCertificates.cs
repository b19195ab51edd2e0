namespace Matching.Workload;

/// <summary>The certificate a job order of a trade may require and a worker of that trade may hold.</summary>
public static class TradeCertificates
{
    /// <summary>
    /// One certificate per trade, so that a required certificate always has holders.
    /// General labour has no trade licence; its pre-job training certificate stands in.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ByTrade = new Dictionary<string, string>
    {
        ["general"] = "岗前培训合格证",
        ["welder"] = "焊工证",
        ["electrician"] = "电工证",
        ["fitter"] = "钳工职业技能等级证书",
        ["construction"] = "建筑施工特种作业操作资格证",
        ["logistics"] = "叉车证",
        ["machinist"] = "数控车工证",
        ["cook"] = "中式烹调师证",
        ["care"] = "养老护理员证",
        ["firefighter"] = "消防设施操作员证",
    };
}
