using System.Diagnostics.CodeAnalysis;
using Matching.Scoring;

namespace Matching.Tests.Scoring;

/// <summary>The ranks the shards give a match: among a job order's candidates, and among a worker's job orders.</summary>
internal static class MatchRanks
{
    public static MatchRank CandidateRank(this Match match) => new(match.Score, match.Partner, match.Priority, match.WorkerId);

    /// <summary>The priority flag belongs to the worker, so it is the same for all of a worker's orders and left out.</summary>
    public static MatchRank JobRank(this Match match) => new(match.Score, match.Partner, false, match.JobOrderId);

    public static IComparer<Match> ByCandidateRank { get; } =
        Comparer<Match>.Create((x, y) => x.CandidateRank().CompareTo(y.CandidateRank()));
}

/// <summary>
/// A <see cref="RankList{T}"/> with upsert and remove by id, as an owner that tracks its items by id drives it:
/// the tests state the list's refill rule (see <see cref="RankList{T}"/>) over histories of upserts and removes.
/// </summary>
internal sealed class TopK<T>
{
    private readonly RankList<T> _list;
    private readonly Dictionary<string, T> _byId;
    private readonly Func<T, string> _idOf;

    public TopK(int capacity, IComparer<T> comparer, Func<T, string> idOf)
    {
        _list = new RankList<T>(capacity, comparer);
        _byId = new Dictionary<string, T>(capacity, StringComparer.Ordinal);
        _idOf = idOf ?? throw new ArgumentNullException(nameof(idOf));
    }

    public int Count => _list.Count;

    /// <summary>The list may miss an item it forgot somewhere in its whole length; the owner rebuilds it.</summary>
    public bool NeedsRefill => _list.NeedsRefillFor(_list.Capacity);

    /// <summary>The items in rank order, best first; valid until the next change.</summary>
    public ReadOnlySpan<T> Ranked => _list.Ranked;

    /// <summary>The item at a 0-based rank.</summary>
    public T this[int rank] => _list[rank];

    /// <summary>Enumerates in rank order without allocating.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => Ranked.GetEnumerator();

    public bool Contains(string id) => _byId.ContainsKey(id);

    public bool TryGet(string id, [MaybeNullWhen(false)] out T item) => _byId.TryGetValue(id, out item);

    /// <summary>The 0-based rank of the item with this id, or -1 when it is not listed.</summary>
    public int RankOf(string id) => _byId.TryGetValue(id, out var item) ? IndexOf(item) : -1;

    /// <summary>Adds the item, or replaces the listed item with its id and moves it to its new rank.</summary>
    public RankChange<T> Upsert(T item)
    {
        var id = _idOf(item);
        if (_byId.TryGetValue(id, out var old))
        {
            var change = _list.Replace(IndexOf(old), item);
            _byId[id] = item;
            return change;
        }

        var added = _list.Insert(item);
        if (added.Outcome == RankOutcome.Added)
        {
            _byId.Add(id, item);
            if (added.HasEvicted)
            {
                _byId.Remove(_idOf(added.Evicted!));
            }
        }

        return added;
    }

    /// <summary>Removes the item with this id; false when it is not listed.</summary>
    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var old))
        {
            return false;
        }

        _list.RemoveAt(IndexOf(old));
        return true;
    }

    /// <summary>Empties the list and forgets that anything was dropped, ready for a refill.</summary>
    public void Clear()
    {
        _list.Clear();
        _byId.Clear();
    }

    public T[] ToArray() => _list.Ranked.ToArray();

    private int IndexOf(T item) => _list.Find(item, static (listed, wanted) => EqualityComparer<T>.Default.Equals(listed, wanted));
}
