namespace Matching.Scoring;

/// <summary>
/// The allocation-free result of scoring one pair: what ranking needs, without the reasons.
/// </summary>
/// <param name="Failed">Hard filters failed (the first found, not necessarily all); <see cref="HardFilters.None"/> when eligible.</param>
/// <param name="Score">0..100; 0 when not eligible.</param>
/// <param name="Partner">The worker belongs to one of the job's partner programmes; false when not eligible.</param>
/// <param name="Priority">The worker wins ties under <see cref="PovertyAlleviatedPolicy.TieBreak"/>.</param>
public readonly record struct MatchScore(HardFilters Failed, int Score, bool Partner, bool Priority)
{
    public bool Eligible => Failed == HardFilters.None;
}
