using System.Globalization;
using Matching.Api.Security;

namespace Matching.HubLoad;

/// <summary>
/// How the run stays within the product's rate limits, at their normal settings where it can. Per user they
/// stay as shipped: each recruiter client has a token of its own, and registrations are spread over as many
/// staff members as keep each below its limit. Per client address they are raised, through the documented
/// <c>Matching:RateLimits:*</c> keys, only where the run needs it: every client of the bench shares one
/// loopback address, whereas the people it stands for come from many.
/// </summary>
internal sealed record RateLimitPlan(int StaffUsers, IReadOnlyList<string> Settings, IReadOnlyList<string> Notes)
{
    // Each limit is planned to at most this share of its window, so where a window's edge falls never tips a caller over.
    private const double Headroom = 0.8;

    /// <summary>The limiter's fixed window.</summary>
    public TimeSpan Window { get; private init; }

    /// <summary>
    /// Whether the loading's writes and the first rate's could fall into one window and together pass a limit.
    /// The product's windows are fixed intervals of the limiter's clock, so one full window of waiting after
    /// the last loading write starts the registrations in windows of their own.
    /// </summary>
    public bool MustWaitAfterLoading { get; private init; }

    public static RateLimitPlan For(HubLoadOptions options)
    {
        // The product's shipped defaults (appsettings.json sets none of these keys).
        var limits = new RateLimitOptions();
        var window = limits.WindowSeconds;
        var peakWrites = (long)options.Rates.Max() * window;
        // Enough staff for the busiest rate's window, and for the loading's writes to fit one window each.
        var staff = (int)Math.Max(1, Math.Ceiling(Math.Max(peakWrites, options.LoadWrites) / (Headroom * limits.WritesPerUser)));
        var settings = new List<string>();
        var notes = new List<string>
        {
            Invariant($"rate limits: {limits.WritesPerUser} writes and {limits.HubConnectionsPerUser} hub connections per user per {window} s as shipped; loading and registrations spread over {staff} staff users, one token per recruiter client"),
        };

        if (peakWrites > Headroom * limits.WritesPerAddress)
        {
            var raised = (int)Math.Ceiling(peakWrites / Headroom);
            settings.Add(Invariant($"--{RateLimitOptions.Section}:{nameof(RateLimitOptions.WritesPerAddress)}={raised}"));
            notes.Add(Invariant($"rate limits: {nameof(RateLimitOptions.WritesPerAddress)} raised from {limits.WritesPerAddress} to {raised} per {window} s on the product's command line: the offered {options.Rates.Max()}/s all come from one loopback address"));
        }

        if (options.Clients > limits.HubConnectionsPerAddress)
        {
            settings.Add(Invariant($"--{RateLimitOptions.Section}:{nameof(RateLimitOptions.HubConnectionsPerAddress)}={options.Clients}"));
            notes.Add(Invariant($"rate limits: {nameof(RateLimitOptions.HubConnectionsPerAddress)} raised from {limits.HubConnectionsPerAddress} to {options.Clients} per {window} s on the product's command line: all {options.Clients} recruiter clients connect from one loopback address"));
        }

        var addressLimit = Math.Max(limits.WritesPerAddress, Math.Ceiling(peakWrites / Headroom));
        var firstWindow = options.LoadWrites + peakWrites;
        return new RateLimitPlan(staff, settings, notes)
        {
            Window = TimeSpan.FromSeconds(window),
            MustWaitAfterLoading = firstWindow > addressLimit || (double)firstWindow / staff > limits.WritesPerUser,
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
