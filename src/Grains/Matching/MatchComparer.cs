namespace Matching.Scoring;

/// <summary>
/// Orders matches best first by a <see cref="MatchRank"/> taken from each; the two rankings differ only in
/// which rank they take. Nulls sort last.
/// </summary>
public abstract class MatchComparer : IComparer<Match>
{
    private protected MatchComparer()
    {
    }

    public int Compare(Match? x, Match? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => RankOf(x).CompareTo(RankOf(y)),
    };

    protected abstract MatchRank RankOf(Match match);
}
