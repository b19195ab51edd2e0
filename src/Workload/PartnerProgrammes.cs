namespace Matching.Workload;

/// <summary>The partner programmes (校企合作 / 对口协作) of the generated workload.</summary>
public static class PartnerProgrammes
{
    /// <summary>
    /// Six programmes in the manner of the article: the Lincang technician college's partnership
    /// with a Chongming employer, the order classes it plans, and district–prefecture pairings.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        "临沧技师学院校企合作",
        "崇明职业学校临沧订单班",
        "曲靖技师学院校企合作",
        "昭通技师学院校企合作",
        "徐汇—红河劳务协作",
        "文山州沪滇劳务协作工作站",
    ];
}
