using System.Diagnostics;
using System.Globalization;

namespace Matching.Api.Tests;

/// <summary>
/// The domain clock the product runs on in these tests unless a test drives time itself: real time, counted from
/// noon (UTC) of the day the run began. So a run never crosses a UTC midnight, and a date the tests measure from
/// <see cref="Today"/> is measured from the product's own today, whenever the run starts. Orleans and the tokens
/// keep the real clock: only the domain's (<see cref="MatchingClock"/>) is this one.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private static readonly long _started = Stopwatch.GetTimestamp();

    private TestClock()
    {
    }

    public static TestClock Instance { get; } = new();

    /// <summary>The product's today for the whole run.</summary>
    public static DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Where the clock started; also the start for a fake clock a test moves on itself.</summary>
    public static DateTimeOffset Noon { get; } = new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    /// <summary>A date <paramref name="days"/> from today, as the API writes it.</summary>
    public static string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override DateTimeOffset GetUtcNow() => Noon + Stopwatch.GetElapsedTime(_started);
}
