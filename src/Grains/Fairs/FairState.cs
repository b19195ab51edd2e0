using Matching.Catalog;

namespace Matching.Fairs;

[GenerateSerializer, Alias("FairState")]
public sealed class FairState : EntityState<FairProfile>, ICatalogued
{
    [Id(0)] public FairStatus Status { get; set; }
    [Id(1)] public int CheckIns { get; set; }
    [Id(2)] public int Matched { get; set; }
    /// <summary>Visitors already checked in, with their best match (null when none): a repeat answers the same.</summary>
    [Id(3)] public Dictionary<string, FairMatch?> Visitors { get; set; } = [];
    [Id(4)] public Dictionary<string, int> ByProvince { get; set; } = [];
    [Id(5)] public Dictionary<string, int> ByPrefecture { get; set; } = [];
    /// <summary>The newest ticker lines, newest last; bounded by <see cref="RecentKept"/>.</summary>
    [Id(6)] public List<TickerLine> Recent { get; set; } = [];
    /// <summary>Every first check-in in arrival order, for the fair day's report (by hour, by origin).</summary>
    [Id(7)] public List<FairCheckIn> CheckInLog { get; set; } = [];

    /// <summary>Made when the fair closes (<see cref="FairDay"/>). A high id leaves the ones after 6 to the fair's other records.</summary>
    [Id(20)] public FairDaySummary? Summary { get; set; }

    public const int RecentKept = 30;

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(
            id,
            Statuses.Fair.Code(Status),
            [$"district:{p.District}", $"date:{p.Date:yyyy-MM-dd}", .. p.EmployerIds.Select(e => $"employer:{e}")]);
}
