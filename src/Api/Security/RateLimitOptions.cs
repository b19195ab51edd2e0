namespace Matching.Api.Security;

/// <summary>
/// <c>Matching:RateLimits</c>: how many writes (POST, PUT, PATCH, DELETE under <c>/api</c>) and hub connections
/// one user and one client address may start per window. Reads are not limited. The defaults are far above
/// what people at screens produce, so they stop a runaway script, not a busy fair.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Matching:RateLimits";

    public bool Enabled { get; set; } = true;

    public int WindowSeconds { get; set; } = 10;

    public int WritesPerUser { get; set; } = 2000;

    /// <summary>Higher than per user: one office behind one address has many recruiters.</summary>
    public int WritesPerAddress { get; set; } = 5000;

    public int HubConnectionsPerUser { get; set; } = 300;

    public int HubConnectionsPerAddress { get; set; } = 1000;
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
