namespace Matching.Workload;

/// <summary>A fixed set of items drawn in proportion to integer weights.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly int[] _cumulative;

    public Weighted(params (T Item, int Weight)[] entries)
    {
        if (entries.Length == 0 || entries.Any(e => e.Weight <= 0))
        {
            throw new ArgumentException("Weights must be positive and at least one item given.", nameof(entries));
        }

        _items = [.. entries.Select(e => e.Item)];
        _cumulative = new int[entries.Length];
        var sum = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            sum += entries[i].Weight;
            _cumulative[i] = sum;
        }
    }

    private int TotalWeight => _cumulative[^1];

    public T Pick(Random random)
    {
        var r = random.Next(TotalWeight);
        var i = Array.BinarySearch(_cumulative, r + 1);
        return _items[i >= 0 ? i : ~i];
    }
}
