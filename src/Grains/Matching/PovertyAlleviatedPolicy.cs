namespace Matching.Scoring;

/// <summary>
/// How being poverty-alleviated (脱贫劳动力) weighs in ranking candidates.
/// </summary>
/// <remarks>
/// The default is <see cref="TieBreak"/>: it mirrors the partner rule of the domain
/// ("同等条件下优先", priority only when otherwise equal), so a weaker fit never overtakes a
/// stronger one, while the category still decides between equals. The tie-break comes after
/// the partner-programme tie-break, which the domain names explicitly; this one is a policy choice.
/// <see cref="Bonus"/> is there for a service that decides to favour the category openly: it adds
/// <see cref="ScoringOptions.PovertyAlleviatedBonus"/> points and can therefore reorder candidates.
/// </remarks>
public enum PovertyAlleviatedPolicy
{
    /// <summary>The category plays no part in ranking.</summary>
    None = 0,

    /// <summary>Among candidates with equal score and equal partner standing, poverty-alleviated workers rank first.</summary>
    TieBreak = 1,

    /// <summary>Poverty-alleviated workers get extra points on their score (capped at 100); no tie-break.</summary>
    Bonus = 2,
}
