namespace Matching.Api.Hubs;

/// <summary>How much one screen may cost this API node: its queue of pushes and the size of a join's snapshot.</summary>
public sealed class HubPushOptions
{
    public const string Section = "Matching:Hubs";

    /// <summary>
    /// Events waiting to be written to one connection. A connection that falls this far behind (it stopped
    /// reading, or reads slower than its channels change) is dropped: it reconnects and rejoins from its
    /// position, with a replay or a snapshot, instead of holding memory or anyone else's pushes. 1,024 is minutes
    /// of a busy employer's events for a screen that reads, and a few hundred KB for one that does not.
    /// </summary>
    public int ConnectionQueueLength { get; set; } = 1024;

    /// <summary>
    /// Open orders a recruiter's join snapshot carries (the first by id); the console reads any other it opens
    /// through <c>GET /api/job-orders/{id}</c>.
    /// </summary>
    public int SnapshotJobOrders { get; set; } = 10;

    /// <summary>The most <see cref="SnapshotJobOrders"/> may be set to: a list route's largest page.</summary>
    public const int MaxSnapshotJobOrders = 200;

    /// <summary>
    /// Places per order in a recruiter's join snapshot, with reason codes and points only; the console reads
    /// the full labelled list (<c>GET /api/job-orders/{id}/candidates</c>) when the order is opened. With
    /// <see cref="SnapshotJobOrders"/> this keeps a join near 60 KB, however big the employer.
    /// </summary>
    public int SnapshotCandidates { get; set; } = 10;
}
