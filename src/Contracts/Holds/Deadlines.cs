namespace Matching.Holds;

/// <summary>
/// Something kept for someone until a deadline: a job slot held for a worker, a bed kept for a stay, a worker's
/// claim on its one stay. The deadline is stored with it, so whether it still counts never depends on a timer
/// having fired, on this activation or any other.
/// </summary>
public interface IDeadlineHold
{
    /// <summary>When time alone ends it; null once nothing times it out (a stay checked in to, or ended).</summary>
    DateTimeOffset? Deadline { get; }

    /// <summary>Whether it still counts at <paramref name="now"/>: before its deadline, unless it says why it lasts longer.</summary>
    bool IsLive(DateTimeOffset now);
}

/// <summary>The one reading of a deadline, and the sweep that finds what lapsed.</summary>
public static class Deadlines
{
    /// <summary>A deadline is met strictly before it: at the deadline itself the hold no longer counts.</summary>
    public static bool Before(DateTimeOffset now, DateTimeOffset deadline) => now < deadline;

    /// <summary>The holds that time ended: they have a deadline and are not live at <paramref name="now"/>.</summary>
    public static List<T> Lapsed<T>(IEnumerable<T> holds, DateTimeOffset now)
        where T : IDeadlineHold =>
        [.. holds.Where(h => h.Deadline is not null && !h.IsLive(now))];

    /// <summary>The nearest deadline among <paramref name="holds"/>, for the timer; null when none times out.</summary>
    public static DateTimeOffset? Next<T>(IEnumerable<T> holds)
        where T : IDeadlineHold =>
        holds.Min(h => h.Deadline);
}
