namespace Matching.Scoring;

/// <summary>
/// Ranks the candidates (workers) of one job order by <see cref="Match.CandidateRank"/>: score, then partner
/// programme, then the poverty-alleviated tie-break, then worker id.
/// </summary>
public sealed class CandidateComparer : MatchComparer
{
    public static CandidateComparer Instance { get; } = new();

    private CandidateComparer()
    {
    }

    protected override MatchRank RankOf(Match match) => match.CandidateRank;
}
