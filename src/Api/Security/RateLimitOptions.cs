namespace Matching.Api.Security;

/// <summary>
/// <c>Matching:RateLimits</c>: how many requests of each kind one signed-in caller (its token's <c>sub</c>) may
/// make per window, by role, and how many anonymous requests under <c>/api</c> one client address may make.
/// A person at a screen makes a few requests a second at most; the allowances are set well above that and
/// well below what a loop makes, so they stop a script, never a busy fair.
/// </summary>
/// <remarks>
/// Signed-in callers are counted by who they are, not where they are: a whole office behind one address (or
/// a proxy) does not share one allowance, and one busy caller cannot lock the others out.
/// </remarks>
public sealed class RateLimitOptions
{
    public const string Section = "Matching:RateLimits";

    public bool Enabled { get; set; } = true;

    public int WindowSeconds { get; set; } = 10;

    /// <summary>Anonymous requests under <c>/api</c> (the development token route, refused calls) per address.</summary>
    public int AnonymousPerAddress { get; set; } = 300;

    /// <summary>Operators' scripts and imports: the highest allowances.</summary>
    public RoleLimits Admin { get; set; } = new() { Writes = 2000, Reads = 10_000, HubConnections = 300, HubCalls = 1000 };

    /// <summary>Employment-service staff register workers in bulk and run fairs.</summary>
    public RoleLimits Staff { get; set; } = new() { Writes = 2000, Reads = 10_000, HubConnections = 300, HubCalls = 1000 };

    /// <summary>A recruiter's console: a click a second is already a busy recruiter.</summary>
    public RoleLimits Recruiter { get; set; } = new() { Writes = 100, Reads = 1000, HubConnections = 30, HubCalls = 100 };

    public RoleLimits LodgingOperator { get; set; } = new() { Writes = 100, Reads = 1000, HubConnections = 30, HubCalls = 100 };

    /// <summary>A big screen reads its board and joins its fair; it writes nothing.</summary>
    public RoleLimits BoardViewer { get; set; } = new() { Writes = 20, Reads = 300, HubConnections = 30, HubCalls = 60 };

    /// <summary>The allowances of the caller's role; a token with an unknown role gets the smallest.</summary>
    public RoleLimits For(string? role) => role switch
    {
        Roles.Admin => Admin,
        Roles.Staff => Staff,
        Roles.Recruiter => Recruiter,
        Roles.LodgingOperator => LodgingOperator,
        _ => BoardViewer,
    };
}

/// <summary>Requests of one caller per window, by kind.</summary>
public sealed class RoleLimits
{
    /// <summary>POST, PUT, PATCH and DELETE under <c>/api</c>.</summary>
    public int Writes { get; set; }

    /// <summary>GET and HEAD under <c>/api</c>.</summary>
    public int Reads { get; set; }

    /// <summary>Hub connections started (negotiate, or a WebSocket that skipped it).</summary>
    public int HubConnections { get; set; }

    /// <summary>Hub method calls (joins, rejoins, leaves) over all of the caller's connections.</summary>
    public int HubCalls { get; set; }
}

/// <summary><c>Matching:Limits</c>: sizes of what a client may send.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Matching:Limits";

    /// <summary>The largest request body; the biggest valid body (a worker with every list full) is a few KB.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest body of the bulk registration routes: 1,000 workers of about 600 bytes each as JSON, with
    /// room for long lists, stay far below it.
    /// </summary>
    public long MaxBulkBodyBytes { get; set; } = 2 * 1024 * 1024;
}
