namespace Matching.Scoring;

/// <summary>A hard filter a pair failed, e.g. <c>("wage", "期望薪资 8000 &gt; 最高 7500")</c>.</summary>
[GenerateSerializer, Immutable, Alias("FailedFilter")]
public sealed record FailedFilter(
    [property: Id(0)] string Code,
    [property: Id(1)] string Label);
