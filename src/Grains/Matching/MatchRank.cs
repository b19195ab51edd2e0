namespace Matching.Scoring;

/// <summary>
/// The ranking key of a match, totally ordered so any set of matches has exactly one ranked order:
/// higher score first; among equal scores a partner-programme member first (同等条件下优先);
/// then a priority holder (see <see cref="PovertyAlleviatedPolicy.TieBreak"/>); then by id, ordinal.
/// </summary>
/// <remarks>
/// The partner flag is compared only after the score, so it can never lift a match over one that
/// scores higher: the domain makes it a tie-break, not a bonus. <see cref="CompareTo"/> sorts the
/// better rank first.
/// </remarks>
/// <param name="Score">0..100, higher first.</param>
/// <param name="Partner">In one of the job's partner programmes; decides only among equal scores.</param>
/// <param name="Priority">Wins what partner standing leaves tied.</param>
/// <param name="Id">What is ranked: the worker id among a job's candidates, the job order id among a worker's jobs.</param>
public readonly record struct MatchRank(int Score, bool Partner, bool Priority, string Id) : IComparable<MatchRank>
{
    public int CompareTo(MatchRank other)
    {
        if (Score != other.Score)
        {
            return Score > other.Score ? -1 : 1;
        }

        if (Partner != other.Partner)
        {
            return Partner ? -1 : 1;
        }

        if (Priority != other.Priority)
        {
            return Priority ? -1 : 1;
        }

        return string.CompareOrdinal(Id, other.Id);
    }
}
