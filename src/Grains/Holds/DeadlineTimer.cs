namespace Matching.Holds;

/// <summary>
/// The one way a grain makes a lapse visible before its next call: a one-shot grain timer armed for the nearest
/// deadline on the domain clock. A far deadline is met by re-arming on waking (a wait is at most
/// <see cref="MaxWait"/>), and one already past fires at once. Deadlines alone decide what counts; the timer
/// only stores and announces the change while the grain is active.
/// </summary>
/// <remarks>The callback does not interleave with the grain's calls, and it re-arms the timer itself.</remarks>
public sealed class DeadlineTimer(Grain grain, Func<CancellationToken, Task> onDue, TimeProvider time)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(6);

    private IGrainTimer? _timer;

    /// <summary>Wakes the grain at <paramref name="at"/> (at once when past), or never when null.</summary>
    public void Arm(DateTimeOffset? at)
    {
        if (at is not { } due)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = due - time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(onDue, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false });
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }
}
