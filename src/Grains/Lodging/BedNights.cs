namespace Matching.Lodging;

/// <summary>
/// Which stay takes each bed-night of one site: an index the <see cref="StayLedger"/> derives from its stays
/// (rebuilt on activation, never stored). Adding a stay over a bed-night already taken throws, the last guard
/// of "a bed-night has at most one holder" should the site's own checks ever miss.
/// </summary>
internal sealed class BedNights
{
    private readonly Dictionary<(string Bed, DateOnly Night), Reservation> _taken = [];

    public void Add(Reservation stay)
    {
        foreach (var night in stay.Nights())
        {
            if (_taken.TryGetValue((stay.BedId, night), out var holder) && holder.ReservationId != stay.ReservationId)
            {
                throw new InvalidOperationException(
                    $"bed '{stay.BedId}' on {night:yyyy-MM-dd} is taken by '{holder.ReservationId}', not free for '{stay.ReservationId}'.");
            }
        }

        foreach (var night in stay.Nights())
        {
            _taken[(stay.BedId, night)] = stay;
        }
    }

    /// <summary>Frees the nights <paramref name="stay"/> holds; nights held by another stay stay taken.</summary>
    public void Remove(Reservation stay)
    {
        foreach (var night in stay.Nights())
        {
            if (_taken.TryGetValue((stay.BedId, night), out var holder) && holder.ReservationId == stay.ReservationId)
            {
                _taken.Remove((stay.BedId, night));
            }
        }
    }

    /// <summary>Replaces a stay's record, for a new status or fewer nights.</summary>
    public void Replace(Reservation before, Reservation after)
    {
        Remove(before);
        Add(after);
    }

    public Reservation? At(string bedId, DateOnly night) => _taken.GetValueOrDefault((bedId, night));

    /// <summary>The first of <paramref name="beds"/> free on every night of <c>[from, to)</c>, or null.</summary>
    public string? FreeBed(IEnumerable<string> beds, DateOnly from, DateOnly to) =>
        beds.FirstOrDefault(bed => StayRules.NightsOf(from, to).All(night => !_taken.ContainsKey((bed, night))));

    /// <summary>The nights of <c>[from, to)</c> on which none of <paramref name="beds"/> is free.</summary>
    public DateOnly[] FullNights(IReadOnlyCollection<string> beds, DateOnly from, DateOnly to) =>
        [.. StayRules.NightsOf(from, to).Where(night => beds.All(bed => _taken.ContainsKey((bed, night))))];

    /// <summary>
    /// The counts of one night over all the site's beds; beds out of service are never free. <paramref name="past"/>
    /// adds the nights of archived stays, which no longer take nights here.
    /// </summary>
    public NightCounts CountsOn(DateOnly night, IReadOnlyCollection<BedInfo> beds, IReadOnlySet<string> outOfService, BedNights? past = null)
    {
        int free = 0, held = 0, occupied = 0;
        foreach (var bed in beds)
        {
            if ((At(bed.Id, night) ?? past?.At(bed.Id, night)) is { } stay)
            {
                if (stay.IsOccupancy)
                {
                    occupied++;
                }
                else
                {
                    held++;
                }
            }
            else if (!outOfService.Contains(bed.Id))
            {
                free++;
            }
        }

        return new NightCounts(night, beds.Count, free, held, occupied);
    }
}
