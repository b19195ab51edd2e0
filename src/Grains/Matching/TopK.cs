using System.Diagnostics.CodeAnalysis;

namespace Matching.Scoring;

/// <summary>
/// The best <see cref="Capacity"/> items under a comparer, kept in rank order (best first), with upsert
/// and remove by id. Sized once: upserts and removes allocate nothing once the id map has grown.
/// </summary>
/// <remarks>
/// <para>The comparer must be a total order that ends in the id (as <see cref="CandidateComparer"/> and
/// <see cref="JobComparer"/> do); then a set of items has exactly one best-K list, whatever order it arrived in.</para>
/// <para>Being bounded, the list forgets what falls out. It keeps a <em>floor</em>: the best item it ever dropped
/// (rejected or evicted) since the last clear. Every live item it does not hold ranks at or below the floor, so
/// the listed items that rank at or above the floor are exactly the best of all live items
/// (<see cref="ExactCount"/>). A removal or a fall below the floor shortens that exact prefix; an owner that shows
/// the first K items needs a refill only when the prefix gets shorter than K (<see cref="NeedsRefillFor"/>):
/// then it should <see cref="Clear"/> and upsert its live items again. A list sized above K keeps a reserve, so a
/// removal from the first K costs a shift instead of a rescan. With that rule the first K end the same for any
/// order of inserts, updates and removes.</para>
/// <para>Not thread-safe: meant to be owned by one grain.</para>
/// </remarks>
public sealed class TopK<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, T> _byId;
    private readonly IComparer<T> _comparer;
    private readonly Func<T, string> _idOf;
    private int _count;

    // The best item rejected or evicted since the last clear (when _hasFloor): no unlisted live item ranks above it.
    private bool _hasFloor;
    private T _floor = default!;

    public TopK(int capacity, IComparer<T> comparer, Func<T, string> idOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(comparer);
        ArgumentNullException.ThrowIfNull(idOf);
        _items = new T[capacity];
        _byId = new Dictionary<string, T>(capacity, StringComparer.Ordinal);
        _comparer = comparer;
        _idOf = idOf;
    }

    public int Capacity => _items.Length;

    public int Count => _count;

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

    /// <summary>The list may miss an item it forgot somewhere in its whole length; rebuild it (see remarks).</summary>
    public bool NeedsRefill => NeedsRefillFor(_items.Length);

    /// <summary>The first <paramref name="shown"/> items may miss an item the list forgot; rebuild it (see remarks).</summary>
    public bool NeedsRefillFor(int shown) => _hasFloor && ExactCount < Math.Min(shown, _items.Length);

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

    /// <summary>Enumerates in rank order without allocating.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => Ranked.GetEnumerator();

    public bool Contains(string id) => _byId.ContainsKey(id);

    public bool TryGet(string id, [MaybeNullWhen(false)] out T item) => _byId.TryGetValue(id, out item);

    /// <summary>The 0-based rank of the item with this id, or -1 when it is not listed.</summary>
    public int RankOf(string id) => _byId.TryGetValue(id, out var item) ? IndexOf(item, id) : -1;

    /// <summary>Adds the item, or replaces the listed item with its id and moves it to its new rank.</summary>
    public TopKChange<T> Upsert(T item)
    {
        var id = _idOf(item);
        if (_byId.TryGetValue(id, out var old))
        {
            var from = IndexOf(old, id);
            RemoveAt(from);
            var to = InsertAt(item);
            _byId[id] = item;
            return new TopKChange<T>(TopKOutcome.Updated, from, to, false, default);
        }

        var evicted = false;
        T? last = default;
        if (_count == _items.Length)
        {
            last = _items[_count - 1];
            if (_comparer.Compare(item, last) >= 0)
            {
                Drop(item);
                return new TopKChange<T>(TopKOutcome.Rejected, -1, -1, false, default);
            }

            Drop(last);
            RemoveAt(_count - 1);
            _byId.Remove(_idOf(last));
            evicted = true;
        }

        var rank = InsertAt(item);
        _byId.Add(id, item);
        return new TopKChange<T>(TopKOutcome.Added, -1, rank, evicted, evicted ? last : default);
    }

    /// <summary>Removes the item with this id; false when it is not listed.</summary>
    public bool Remove(string id)
    {
        if (!_byId.Remove(id, out var old))
        {
            return false;
        }

        RemoveAt(IndexOf(old, id));
        return true;
    }

    /// <summary>Empties the list and forgets that anything was dropped, ready for a refill.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _byId.Clear();
        _hasFloor = false;
        _floor = default!;
    }

    public T[] ToArray() => Ranked.ToArray();

    private void Drop(T item)
    {
        if (!_hasFloor || _comparer.Compare(item, _floor) < 0)
        {
            _floor = item;
            _hasFloor = true;
        }
    }

    private int IndexOf(T item, string id)
    {
        var index = Array.BinarySearch(_items, 0, _count, item, _comparer);
        if (index >= 0 && string.Equals(_idOf(_items[index]), id, StringComparison.Ordinal))
        {
            return index;
        }

        // Only a comparer that is not a total order gets here; find the item the slow way.
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_idOf(_items[i]), id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Item '{id}' is mapped but not listed.");
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

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_items, index + 1, _items, index, _count - index);
        _items[_count] = default!;
    }
}
