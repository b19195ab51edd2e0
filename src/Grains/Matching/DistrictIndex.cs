namespace Matching.Scoring;

/// <summary>
/// Shanghai's 16 districts numbered 0..15, so a set of them fits a 16-bit mask.
/// The numbers travel inside summaries: append new codes, never reorder.
/// </summary>
public static class DistrictIndex
{
    public const int Count = 16;

    /// <summary>District codes by index.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        "huangpu", "xuhui", "changning", "jingan", "putuo", "hongkou", "yangpu", "minhang",
        "baoshan", "jiading", "pudong", "jinshan", "songjiang", "qingpu", "fengxian", "chongming",
    ];

    /// <summary>The index of a district code, or -1 when it is not one.</summary>
    public static int Of(string? code)
    {
        if (code is null)
        {
            return -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
