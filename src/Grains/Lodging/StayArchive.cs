using System.Globalization;
using Matching.Errors;

namespace Matching.Lodging;

/// <summary>
/// Archive keys: <c>{siteId}~{part}</c>, one archive per site and hundred reservation numbers (part 12 holds
/// <c>~r1200</c> to <c>~r1299</c>). A stay's id names its archive, so a read by id needs no lookup; and an archive
/// never holds more than a hundred stays, so writing one stays cheap however busy the site.
/// </summary>
public static class StayArchiveKey
{
    public const int StaysPerArchive = 100;

    public static string Of(string siteId, int part) => $"{siteId}~{part.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The archive part of a well-formed reservation id, else null.</summary>
    public static int? PartOf(string reservationId) => ReservationKey.NumberOf(reservationId) / StaysPerArchive;
}

/// <summary>The nights <c>[First, End)</c> the stays of one archive part were slept in, so counts of past nights ask only the parts that can hold them.</summary>
[GenerateSerializer, Immutable, Alias("ArchivedNights")]
public sealed record ArchivedNights(
    [property: Id(0)] DateOnly First,
    [property: Id(1)] DateOnly End)
{
    public bool Overlaps(DateOnly from, DateOnly to) => First < to && End > from;

    public ArchivedNights With(Reservation stay) => new(stay.From < First ? stay.From : First, stay.Until > End ? stay.Until : End);
}

[GenerateSerializer, Alias("StayArchiveState")]
public sealed class StayArchiveState
{
    [Id(0)] public string SiteId { get; set; } = "";

    /// <summary>Which hundred reservation numbers of the site (see <see cref="StayArchiveKey"/>).</summary>
    [Id(1)] public int Part { get; set; }

    /// <summary>Ended stays by id, as they ended: completed, cancelled or expired; none changes again.</summary>
    [Id(2)] public Dictionary<string, Reservation> Stays { get; set; } = [];
}

/// <summary>
/// The ended stays of one site and hundred reservation numbers (key: <see cref="StayArchiveKey"/>). Only its site writes here, once a
/// stay has ended and the site has stored the end; reports and reads of old stays read it.
/// </summary>
[Alias("IStayArchiveGrain")]
public interface IStayArchiveGrain : IGrainWithStringKey
{
    /// <summary>Keeps the ended stays; one already kept is kept once, so the site may offer it again after a failure.</summary>
    [Alias("Add")]
    Task AddAsync(Reservation[] stays);

    /// <summary>The ended stay, or null when none by that id ended here.</summary>
    [Alias("Find")]
    Task<Reservation?> FindAsync(string reservationId);

    /// <summary>The stays here that were slept in on some night of <c>[from, to)</c>, for the counts of past nights.</summary>
    [Alias("Occupying")]
    Task<Reservation[]> OccupyingAsync(DateOnly from, DateOnly to);
}

public sealed class StayArchiveGrain(
    [PersistentState(StorageNames.StayArchive, StorageNames.Main)] IPersistentState<StayArchiveState> state) : Grain, IStayArchiveGrain
{
    public async Task AddAsync(Reservation[] stays)
    {
        var key = this.GetPrimaryKeyString();
        var changed = false;
        foreach (var stay in stays)
        {
            if (!stay.HasEnded || StayArchiveKey.PartOf(stay.ReservationId) is not { } part || StayArchiveKey.Of(stay.SiteId, part) != key)
            {
                // Only a bug of the site could send one: a stay kept here must never change and must be found here.
                throw new ConflictException(ProblemCodes.NotArchivable, $"stay '{stay.ReservationId}' ({stay.Status}) does not belong in archive '{key}'.");
            }

            if (state.State.Stays.GetValueOrDefault(stay.ReservationId) != stay)
            {
                state.State.Stays[stay.ReservationId] = stay;
                changed = true;
            }
        }

        if (changed)
        {
            state.State.SiteId = stays[0].SiteId;
            state.State.Part = StayArchiveKey.PartOf(stays[0].ReservationId) ?? 0;
            await this.WriteAndDeriveAsync(state);
        }
    }

    public Task<Reservation?> FindAsync(string reservationId) =>
        Task.FromResult(state.State.Stays.GetValueOrDefault(reservationId));

    public Task<Reservation[]> OccupyingAsync(DateOnly from, DateOnly to) =>
        Task.FromResult<Reservation[]>([.. state.State.Stays.Values.Where(s => s.IsOccupancy && s.From < to && s.Until > from)]);
}
