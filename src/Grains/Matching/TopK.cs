using System.Diagnostics.CodeAnalysis;

namespace Matching.Scoring;

/// <summary>
/// The best <see cref="Capacity"/> items under a comparer, kept in rank order (best first), with upsert
/// and remove by id. Sized once: upserts and removes allocate nothing once the id map has grown.
/// </summary>
/// <remarks>
/// <para>The comparer must be a total order that ends in the id (as <see cref="CandidateComparer"/> and
/// <see cref="JobComparer"/> do); then a set of items has exactly one best-K list, whatever order it arrived in.</para>
/// <para>Being bounded, the list forgets what falls out. While nothing has fallen out it is exactly the best K
/// of what it was given. After that, removing a listed item, or moving one down into the last place, may open
/// a place that a forgotten item deserves; <see cref="NeedsRefill"/> then turns true, and the owner should
/// <see cref="Clear"/> and upsert its live items again (from its index). With that rule the list ends the same
/// for any order of inserts, updates and removes.</para>
/// <para>Not thread-safe: meant to be owned by one grain.</para>
/// </remarks>
public sealed class TopK<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, T> _byId;
    private readonly IComparer<T> _comparer;
    private readonly Func<T, string> _idOf;
    private int _count;

    // Something was rejected or evicted since the last clear: every such item ranks below the current
    // last item, until a remove or a downgrade into the last place breaks that (then NeedsRefill).
    private bool _dropped;

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

    /// <summary>The list may miss an item it forgot; rebuild it from the live items (see remarks).</summary>
    public bool NeedsRefill { get; private set; }

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
            if (_dropped && to == _count - 1 && _comparer.Compare(item, old) > 0)
            {
                NeedsRefill = true;
            }

            return new TopKChange<T>(TopKOutcome.Updated, from, to, false, default);
        }

        var evicted = false;
        T? last = default;
        if (_count == _items.Length)
        {
            _dropped = true;
            last = _items[_count - 1];
            if (_comparer.Compare(item, last) >= 0)
            {
                return new TopKChange<T>(TopKOutcome.Rejected, -1, -1, false, default);
            }

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
        if (_dropped)
        {
            NeedsRefill = true;
        }

        return true;
    }

    /// <summary>Empties the list and forgets that anything was dropped, ready for a refill.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _byId.Clear();
        _dropped = false;
        NeedsRefill = false;
    }

    public T[] ToArray() => Ranked.ToArray();

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
