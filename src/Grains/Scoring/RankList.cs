namespace Matching.Scoring;

/// <summary>
/// The best <see cref="Capacity"/> items under a comparer, kept in rank order (best first), without any lookup by
/// id: the owner says whether an item is new (<see cref="Insert"/>) or where it stands (<see cref="Find"/>).
/// Sized once; nothing allocates after construction, and an item type without references keeps the list out of
/// the garbage collector's way however often it changes.
/// </summary>
/// <remarks>
/// <para>The comparer must be a total order (as <see cref="MatchRank"/>'s, which ends in the id); then a set of
/// items has exactly one best-K list, whatever order it arrived in.</para>
/// <para>Being bounded, the list forgets what falls out. It keeps a <em>floor</em>: the best item it dropped
/// (rejected or evicted) since the last clear. Every live item it does not hold ranks at or below the floor, so
/// the listed items that rank at or above the floor are exactly the best of all live items
/// (<see cref="ExactCount"/>). A removal or a fall below the floor shortens that exact prefix; an owner that shows
/// the first K items needs a refill only when the prefix gets shorter than K (<see cref="NeedsRefillFor"/>):
/// then it should <see cref="Clear"/> and offer its live items again. A list sized above K keeps a reserve, so a
/// removal from the first K costs a shift instead of a rescan. With that rule the first K end the same for any
/// order of inserts, updates and removes.</para>
/// <para>Not thread-safe: meant to be owned by one grain.</para>
/// </remarks>
public sealed class RankList<T>(int capacity, IComparer<T> comparer)
{
    private readonly T[] _items = capacity >= 1 ? new T[capacity] : throw new ArgumentOutOfRangeException(nameof(capacity));
    private readonly IComparer<T> _comparer = comparer ?? throw new ArgumentNullException(nameof(comparer));
    private int _count;

    // The best item rejected or evicted since the last clear (when _hasFloor): no unlisted live item ranks above it.
    private bool _hasFloor;
    private T _floor = default!;

    public int Capacity => _items.Length;

    public int Count => _count;

    /// <summary>The items in rank order, best first; valid until the next change.</summary>
    public ReadOnlySpan<T> Ranked => new(_items, 0, _count);

    /// <summary>The item at a 0-based rank.</summary>
    public T this[int rank]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)rank, (uint)_count, nameof(rank));
            return _items[rank];
        }
    }

    /// <summary>How many leading items are certainly the best of all live items (see remarks).</summary>
    public int ExactCount
    {
        get
        {
            if (!_hasFloor)
            {
                return _count;
            }

            // The first position whose item ranks below the floor.
            var index = Array.BinarySearch(_items, 0, _count, _floor, _comparer);
            return index >= 0 ? index + 1 : ~index;
        }
    }

    /// <summary>The first <paramref name="shown"/> items may miss an item the list forgot; rebuild it (see remarks).</summary>
    public bool NeedsRefillFor(int shown) => _hasFloor && ExactCount < Math.Min(shown, _items.Length);

    /// <summary>The rank of the first item <paramref name="match"/> accepts, or -1: a scan, for owners that know the item is listed.</summary>
    public int Find<TKey>(TKey key, Func<T, TKey, bool> match)
    {
        for (var i = 0; i < _count; i++)
        {
            if (match(_items[i], key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds an item that is not listed, evicting the last one of a full list, or rejects it below a full list.</summary>
    public RankChange<T> Insert(T item)
    {
        var evicted = false;
        T? last = default;
        if (_count == _items.Length)
        {
            last = _items[_count - 1];
            if (_comparer.Compare(item, last) >= 0)
            {
                Drop(item);
                return new RankChange<T>(RankOutcome.Rejected, -1, -1, false, default);
            }

            Drop(last);
            RemoveAt(_count - 1);
            evicted = true;
        }

        return new RankChange<T>(RankOutcome.Added, -1, InsertAt(item), evicted, evicted ? last : default);
    }

    /// <summary>
    /// For an owner that turns away items below the last place of a full list without offering them: the list
    /// treats such items as dropped (its floor rises to the last place), so its exact prefix stays honest.
    /// </summary>
    public void NoteDroppedBelowLast()
    {
        if (_count == _items.Length)
        {
            Drop(_items[_count - 1]);
        }
    }

    /// <summary>Replaces the item at <paramref name="rank"/> and moves it to the rank it now deserves.</summary>
    public RankChange<T> Replace(int rank, T item)
    {
        RemoveAt(rank);
        return new RankChange<T>(RankOutcome.Updated, rank, InsertAt(item), false, default);
    }

    /// <summary>Takes out the item at a 0-based rank.</summary>
    public void RemoveAt(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)rank, (uint)_count, nameof(rank));
        _count--;
        Array.Copy(_items, rank + 1, _items, rank, _count - rank);
        _items[_count] = default!;
    }

    /// <summary>Empties the list and forgets that anything was dropped, ready for a refill.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _hasFloor = false;
        _floor = default!;
    }

    private void Drop(T item)
    {
        if (!_hasFloor || _comparer.Compare(item, _floor) < 0)
        {
            _floor = item;
            _hasFloor = true;
        }
    }

    private int InsertAt(T item)
    {
        var index = Array.BinarySearch(_items, 0, _count, item, _comparer);
        index = index >= 0 ? index + 1 : ~index;
        Array.Copy(_items, index, _items, index + 1, _count - index);
        _items[index] = item;
        _count++;
        return index;
    }
}

/// <summary>
/// The effect of one insert or replace, so an owner can tell its subscribers what changed
/// (a candidate found, withdrawn by eviction, or moved).
/// </summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PreviousRank">The rank before an update, 0-based; -1 otherwise.</param>
/// <param name="Rank">The rank now, 0-based; -1 when rejected.</param>
/// <param name="HasEvicted">The last item left the list to make room.</param>
/// <param name="Evicted">That item, when <paramref name="HasEvicted"/>.</param>
public readonly record struct RankChange<T>(RankOutcome Outcome, int PreviousRank, int Rank, bool HasEvicted, T? Evicted);

/// <summary>What an insert or a replace did to a <see cref="RankList{T}"/>.</summary>
public enum RankOutcome
{
    /// <summary>A new item entered the list, possibly evicting the last one.</summary>
    Added = 0,

    /// <summary>An item already listed was replaced and moved to its new rank (possibly the same).</summary>
    Updated = 1,

    /// <summary>A new item ranked below every listed item of a full list; nothing changed.</summary>
    Rejected = 2,
}
