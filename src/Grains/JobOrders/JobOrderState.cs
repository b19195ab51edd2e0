using Matching.Catalog;

namespace Matching.JobOrders;

[GenerateSerializer, Alias("JobOrderState")]
public sealed class JobOrderState : EntityState<JobOrderProfile>, ICatalogued
{
    [Id(0)] public JobOrderStatus Status { get; set; }
    [Id(1)] public List<SlotHold> Holds { get; set; } = [];
    [Id(2)] public List<SlotHire> Hires { get; set; } = [];

    /// <summary>
    /// Recently ended holds, id → <c>released</c> or <c>expired</c>, so a late confirm or release hears
    /// why the hold is gone instead of a bare 404. Bounded: only the newest <see cref="EndedHoldsKept"/>.
    /// </summary>
    [Id(3)] public Dictionary<string, string> EndedHolds { get; set; } = [];

    public const int EndedHoldsKept = 256;

    public void EndHold(SlotHold hold, string reason)
    {
        Holds.Remove(hold);
        EndedHolds[hold.HoldId] = reason;
        if (EndedHolds.Count > EndedHoldsKept)
        {
            EndedHolds.Remove(EndedHolds.Keys.First());
        }
    }

    public int LiveHolds(DateTimeOffset now) => Holds.Count(h => h.IsLive(now));

    /// <summary>Headcount minus live holds and hires: never negative while the invariant holds.</summary>
    public int OpenSlots(DateTimeOffset now) =>
        Profile is null || Status != JobOrderStatus.Open ? 0 : Math.Max(0, Profile.Headcount - LiveHolds(now) - Hires.Count);

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, StatusCode(Status), [$"employer:{p.EmployerId}", $"trade:{p.Trade}", $"district:{p.District}"]);

    public static string StatusCode(JobOrderStatus status) => status switch
    {
        JobOrderStatus.Open => "open",
        JobOrderStatus.Filled => "filled",
        _ => "closed",
    };
}
