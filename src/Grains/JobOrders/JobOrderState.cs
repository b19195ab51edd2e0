using Matching.Catalog;

namespace Matching.JobOrders;

[GenerateSerializer, Alias("JobOrderState")]
public sealed class JobOrderState : EntityState<JobOrderProfile>, ICatalogued
{
    [Id(0)] public JobOrderStatus Status { get; set; }
    [Id(1)] public List<SlotHold> Holds { get; set; } = [];
    [Id(2)] public List<SlotHire> Hires { get; set; } = [];

    /// <summary>Whether the stored order belongs in the shards of its trade: open orders only.</summary>
    public bool IsListed => Profile is not null && Status == JobOrderStatus.Open;

    /// <summary>
    /// Recently ended holds, id → <c>released</c> or <c>expired</c>, so a late confirm or release hears
    /// why the hold is gone instead of a bare 404. Bounded: only the newest <see cref="EndedHoldsKept"/>.
    /// </summary>
    [Id(3)] public Dictionary<string, string> EndedHolds { get; set; } = [];

    /// <summary>
    /// Workers whose hold ended here but who may not have heard yet: written with the change that ended the
    /// hold, told after it, and kept until told, so a lost call cannot leave a worker held by nothing.
    /// </summary>
    [Id(4)] public List<WorkerRelease> PendingReleases { get; set; } = [];

    /// <summary>Of the ended holds, those a keyed request released: hold id → its request (see <c>RequestKey</c>).</summary>
    [Id(5)] public Dictionary<string, string> ReleasedBy { get; set; } = [];

    public const int EndedHoldsKept = 256;

    /// <summary>Whether an earlier call left a step with the workers to finish or undo (see <see cref="HoldPhase"/>).</summary>
    public bool HasOpenSteps => PendingReleases.Count > 0 || Holds.Exists(h => h.Phase != HoldPhase.Bound);

    /// <summary>Ends a hold and owes its worker the news, in one change of this state.</summary>
    public WorkerRelease ReleaseHold(SlotHold hold, string reason)
    {
        EndHold(hold, reason);
        if (Idempotency.RequestKey.Current is { } request)
        {
            ReleasedBy[hold.HoldId] = request;
        }

        var release = new WorkerRelease(hold.WorkerId, hold.HoldId);
        PendingReleases.Add(release);
        return release;
    }

    public void Replace(SlotHold hold, SlotHold with) => Holds[Holds.IndexOf(hold)] = with;

    public void EndHold(SlotHold hold, string reason)
    {
        Holds.Remove(hold);
        EndedHolds[hold.HoldId] = reason;
        if (EndedHolds.Count > EndedHoldsKept)
        {
            var oldest = EndedHolds.Keys.First();
            EndedHolds.Remove(oldest);
            ReleasedBy.Remove(oldest);
        }
    }

    public int LiveHolds(DateTimeOffset now) => Holds.Count(h => h.IsLive(now));

    /// <summary>Headcount minus live holds and hires: never negative while the invariant holds.</summary>
    public int OpenSlots(DateTimeOffset now) =>
        Profile is null || Status != JobOrderStatus.Open ? 0 : Math.Max(0, Profile.Headcount - LiveHolds(now) - Hires.Count);

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, Statuses.JobOrder.Code(Status), [$"employer:{p.EmployerId}", $"trade:{p.Trade}", $"district:{p.District}"]);
}
