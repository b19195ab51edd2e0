using System.Globalization;

namespace Matching.Bench;

/// <summary>Nearest-rank percentiles of a set of durations, in milliseconds.</summary>
public sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double this[double percent]
    {
        get
        {
            if (_sorted.Length == 0)
            {
                return double.NaN;
            }

            var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
            return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
        }
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>p50/p95/p99/max on one line, with a unit chosen for the magnitude.</summary>
    public string Summary() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {Format(this[50])}  p95 {Format(this[95])}  p99 {Format(this[99])}  max {Format(Max)}");

    public static string Format(double ms) =>
        ms < 1 ? string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:F1} µs") : string.Create(CultureInfo.InvariantCulture, $"{ms:F2} ms");
}
