namespace Matching.Scoring;

/// <summary>Ranks the job orders of one worker by <see cref="Match.JobRank"/>: score, then partner programme, then job order id.</summary>
public sealed class JobComparer : MatchComparer
{
    public static JobComparer Instance { get; } = new();

    private JobComparer()
    {
    }

    protected override MatchRank RankOf(Match match) => match.JobRank;
}
