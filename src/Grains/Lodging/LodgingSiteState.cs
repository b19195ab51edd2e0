using Matching.Catalog;

namespace Matching.Lodging;

[GenerateSerializer, Alias("LodgingSiteState")]
public sealed class LodgingSiteState : EntityState<LodgingSiteProfile>, ICatalogued
{
    [Id(0)] public List<BedInfo> Beds { get; set; } = [];

    /// <summary>
    /// The live stays by id (held, confirmed, occupied), and ended ones until the archive has them (see
    /// <see cref="StayLedger"/>). A state stored before the archive existed holds every ended stay too; the site
    /// moves them to the archive when it activates.
    /// </summary>
    [Id(1)] public Dictionary<string, Reservation> Reservations { get; set; } = [];

    /// <summary>The number in the last reservation id given out; ids are never reused.</summary>
    [Id(2)] public int LastReservationNumber { get; set; }

    /// <summary>Beds not given to new stays (repairs); the site's copy is the one reservations go by.</summary>
    [Id(3)] public HashSet<string> OutOfService { get; set; } = [];

    /// <summary>
    /// The nights the stays of each archive part (see <see cref="StayArchiveKey"/>) were slept in, while counts may
    /// ask about them: a few entries for the last <see cref="StayRules.HistoryDays"/> days.
    /// </summary>
    [Id(4)] public Dictionary<int, ArchivedNights> ArchivedNights { get; set; } = [];

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, Statuses.SiteOpen, [$"district:{p.District}"]);
}
