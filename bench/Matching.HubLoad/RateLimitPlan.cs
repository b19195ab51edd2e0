using System.Globalization;
using Matching.Api.Security;

namespace Matching.HubLoad;

/// <summary>
/// How the run stays within the product's rate limits at their shipped settings. The product limits each signed-in
/// caller by subject and role, so the bench needs no raised limits: each recruiter client has a token of its own,
/// and the loading and the registrations are spread over as many staff members as keep each below its allowance.
/// </summary>
internal sealed record RateLimitPlan(int StaffUsers, IReadOnlyList<string> Settings, IReadOnlyList<string> Notes)
{
    // Each limit is planned to at most this share of its window, so where a window's edge falls never tips a caller over.
    private const double Headroom = 0.8;

    /// <summary>The limiter's fixed window.</summary>
    public TimeSpan Window { get; private init; }

    /// <summary>
    /// Whether the loading's writes and the first rate's could fall into one window and together pass a staff
    /// member's allowance. The product's windows are fixed intervals of the limiter's clock, so one full window of
    /// waiting after the last loading write starts the registrations in windows of their own.
    /// </summary>
    public bool MustWaitAfterLoading { get; private init; }

    public static RateLimitPlan For(HubLoadOptions options)
    {
        // The product's shipped defaults (appsettings.json sets none of these keys).
        var limits = new RateLimitOptions();
        var window = limits.WindowSeconds;
        var staffWrites = limits.Staff.Writes;
        var peakWrites = (long)options.Rates.Max() * window;
        // Enough staff for the busiest rate's window, and for the loading's writes to fit one window each.
        var staff = (int)Math.Max(1, Math.Ceiling(Math.Max(peakWrites, options.LoadWrites) / (Headroom * staffWrites)));
        var notes = new List<string>
        {
            Invariant($"rate limits: as shipped, {staffWrites} writes per staff member and {limits.Recruiter.HubConnections} hub connections per recruiter per {window} s; loading and registrations spread over {staff} staff users, one token per recruiter client"),
        };

        var firstWindow = options.LoadWrites + peakWrites;
        return new RateLimitPlan(staff, [], notes)
        {
            Window = TimeSpan.FromSeconds(window),
            MustWaitAfterLoading = (double)firstWindow / staff > Headroom * staffWrites,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
