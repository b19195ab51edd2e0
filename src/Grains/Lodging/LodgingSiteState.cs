using Matching.Catalog;

namespace Matching.Lodging;

[GenerateSerializer, Alias("LodgingSiteState")]
public sealed class LodgingSiteState : EntityState<LodgingSiteProfile>, ICatalogued
{
    [Id(0)] public List<BedInfo> Beds { get; set; } = [];

    /// <summary>Every stay of the site by id, ended ones until <see cref="StayRules.HistoryDays"/> after their last night.</summary>
    [Id(1)] public Dictionary<string, Reservation> Reservations { get; set; } = [];

    /// <summary>The number in the last reservation id given out; ids are never reused.</summary>
    [Id(2)] public int LastReservationNumber { get; set; }

    /// <summary>Beds not given to new stays (repairs); the site's copy is the one reservations go by.</summary>
    [Id(3)] public HashSet<string> OutOfService { get; set; } = [];


    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, "open", [$"district:{p.District}"]);
}
