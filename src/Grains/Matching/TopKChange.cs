namespace Matching.Scoring;

/// <summary>
/// The effect of one upsert, so an owner can tell its subscribers what changed
/// (a candidate found, withdrawn by eviction, or moved).
/// </summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PreviousRank">The rank before an update, 0-based; -1 otherwise.</param>
/// <param name="Rank">The rank now, 0-based; -1 when rejected.</param>
/// <param name="HasEvicted">The last item left the list to make room.</param>
/// <param name="Evicted">That item, when <paramref name="HasEvicted"/>.</param>
public readonly record struct TopKChange<T>(TopKOutcome Outcome, int PreviousRank, int Rank, bool HasEvicted, T? Evicted);
