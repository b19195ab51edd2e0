using Matching.Errors;
using Matching.Holds;

namespace Matching.Lodging;

/// <summary>
/// One step of a stay's life as the <see cref="StayLedger"/> decided it: the stay before (null for a new one) and
/// after, and what the step asks of the worker's claim. Decided first and applied after, so the site grain can
/// claim the worker in between, before anything is stored.
/// </summary>
public sealed record StayChange(Reservation? Before, Reservation After)
{
    /// <summary>A repeat of a step already taken (or of one on an ended stay): nothing changes, nothing is stored.</summary>
    public bool IsRepeat => Before == After;

    /// <summary>
    /// Until when the worker's claim must bind before the change is stored: the hold's or the booking's deadline,
    /// or the end of the day of leaving once checked in; null when the claim stays as it is.
    /// </summary>
    public DateTimeOffset? ClaimUntil => IsRepeat
        ? null
        : After.Status switch
        {
            ReservationStatus.Held or ReservationStatus.Confirmed => After.ExpiresAt,
            ReservationStatus.Occupied => StayRules.StayEnd(After.To),
            _ => null,
        };

    /// <summary>The worker is let go once the end is stored, on a repeat too, so a release that failed heals.</summary>
    public bool ReleasesClaim => After.HasEnded;

    /// <summary>The nights whose counts the step moves.</summary>
    public IEnumerable<DateOnly> Nights => Before is null ? After.Nights() : After.Nights().Concat(Before.Nights());
}

/// <summary>
/// The stays of one lodging site and who takes each bed-night, with every rule of a stay's life: reserve, confirm,
/// check in, check out, cancel, expire, and the counts of each night. Pure: no Orleans, no I/O and no clock of its
/// own (time is passed in). It works on the stays part of a <see cref="LodgingSiteState"/>, which the site grain
/// loads and stores; the grain does the I/O the ledger's answers ask for (the worker's claim, the archive, the feed).
/// </summary>
/// <remarks>
/// <para>
/// It holds the live stays (held, confirmed, occupied) and the ended ones the archive has not taken yet
/// (<see cref="Unarchived"/>). Once the archive has them they leave (<see cref="Archived"/>); a stay's id names its
/// archive, and only the nights recent archives were slept in stay behind, so a site's state does not grow with
/// the stays it ever had. A stay ends only
/// once: an ended one never changes again, and every step on it is a repeat or refused, whether it is here or in the
/// archive. Completed stays took nights before the day they ended, so the archived ones matter only for counts of
/// past nights, which the caller passes in.
/// </para>
/// <para>Not thread-safe: owned by one grain activation.</para>
/// </remarks>
public sealed class StayLedger
{
    private readonly string _siteId;
    private readonly LodgingSiteState _site;
    private readonly BedNights _nights = new();
    private DateTimeOffset? _nextDeadline;

    public StayLedger(string siteId, LodgingSiteState site)
    {
        _siteId = siteId;
        _site = site;
        foreach (var stay in site.Reservations.Values.Where(r => r.KeepsNights))
        {
            _nights.Add(stay);
        }

        _nextDeadline = Deadlines.Next(site.Reservations.Values);
    }

    /// <summary>The stays here by id: live ones and ended ones not yet archived.</summary>
    public IReadOnlyDictionary<string, Reservation> Stays => _site.Reservations;

    /// <summary>The nearest deadline of a hold or booking here, for the site's timer.</summary>
    public DateTimeOffset? NextDeadline => _nextDeadline;

    /// <summary>The stay here as of <paramref name="now"/> (a lapsed hold reads as expired), or null when it is not here.</summary>
    public Reservation? Find(string reservationId, DateTimeOffset now) =>
        _site.Reservations.TryGetValue(reservationId, out var stay) ? stay.At(now) : null;

    /// <summary>
    /// Marks holds and bookings past their deadline expired and frees their nights; returns them as they were
    /// (their nights are the ones whose counts changed). Cheap when no deadline has passed.
    /// </summary>
    public List<Reservation> Sweep(DateTimeOffset now)
    {
        if (_nextDeadline is not { } next || Deadlines.Before(now, next))
        {
            return [];
        }

        var lapsed = Deadlines.Lapsed(_site.Reservations.Values, now);
        foreach (var stay in lapsed)
        {
            _nights.Remove(stay);
            _site.Reservations[stay.ReservationId] = stay.At(now);
        }

        _nextDeadline = Deadlines.Next(_site.Reservations.Values);
        return lapsed;
    }

    /// <summary>
    /// A hold of the first bed in service free on every night of the stay, numbered after the last reservation,
    /// or no change and the nights on which no bed is free. 409 <c>not-eligible</c> when the worker may not lodge.
    /// </summary>
    public (StayChange? Change, DateOnly[] FullNights) Reserve(Stay stay, LodgingDecision decision, DateTimeOffset now)
    {
        if (!decision.Eligible)
        {
            throw new ConflictException(ProblemCodes.NotEligible, decision.Reason);
        }

        var inService = _site.Beds.Select(b => b.Id).Where(b => !_site.OutOfService.Contains(b)).ToList();
        if (_nights.FreeBed(inService, stay.From, stay.To) is not { } bedId)
        {
            return (null, _nights.FullNights(inService, stay.From, stay.To));
        }

        var reservation = new Reservation
        {
            ReservationId = ReservationKey.Of(_siteId, _site.LastReservationNumber + 1),
            BedId = bedId,
            SiteId = _siteId,
            WorkerId = stay.WorkerId,
            From = stay.From,
            To = stay.To,
            Until = stay.To,
            Status = ReservationStatus.Held,
            ExpiresAt = now + stay.HoldTtl,
            Basis = decision.Basis,
            EmployerId = decision.EmployerId,
            CreditCommitment = stay.CreditCommitment,
            CreatedAt = now,
        };
        return (new StayChange(null, reservation), []);
    }

    /// <summary>Books a live hold until the end of its first night's day, or its hold's deadline when later.</summary>
    public StayChange Confirm(Reservation stay)
    {
        switch (stay.Status)
        {
            case ReservationStatus.Confirmed:
                return new(stay, stay);
            case ReservationStatus.Held:
                var noShow = StayRules.NoShowDeadline(stay.From);
                var deadline = stay.ExpiresAt > noShow ? stay.ExpiresAt.Value : noShow;
                return new(stay, stay with { Status = ReservationStatus.Confirmed, ExpiresAt = deadline });
            default:
                throw NotNow(stay, "confirmed");
        }
    }

    /// <summary>The worker arrives: from the first night's day on, and before the day of leaving.</summary>
    public StayChange CheckIn(Reservation stay, DateTimeOffset now)
    {
        switch (stay.Status)
        {
            case ReservationStatus.Occupied:
                return new(stay, stay);
            case ReservationStatus.Held or ReservationStatus.Confirmed:
                var today = DayOf(now);
                if (today < stay.From)
                {
                    throw new ConflictException(ProblemCodes.TooEarly, $"reservation '{stay.ReservationId}' can be checked in to from {stay.From:yyyy-MM-dd}.");
                }

                if (today >= stay.To)
                {
                    throw new ConflictException(ProblemCodes.StayOver, $"the nights of reservation '{stay.ReservationId}' ended on {stay.To:yyyy-MM-dd}.");
                }

                return new(stay, stay with { Status = ReservationStatus.Occupied, ExpiresAt = null, CheckedInAt = now });
            default:
                throw NotNow(stay, "checked in to");
        }
    }

    /// <summary>The worker leaves: the nights slept stay counted, the ones from today on are free again.</summary>
    public StayChange CheckOut(Reservation stay, DateTimeOffset now)
    {
        switch (stay.Status)
        {
            case ReservationStatus.Completed:
                return new(stay, stay);
            case ReservationStatus.Occupied:
                var today = DayOf(now);
                var until = today < stay.From ? stay.From : today > stay.To ? stay.To : today;
                return new(stay, stay with { Status = ReservationStatus.Completed, CheckedOutAt = now, Until = until });
            default:
                throw NotNow(stay, "checked out of");
        }
    }

    /// <summary>Gives up a stay not yet checked in to; a cancelled or expired one is answered as it is.</summary>
    public StayChange Cancel(Reservation stay, DateTimeOffset now) => stay.Status switch
    {
        ReservationStatus.Cancelled or ReservationStatus.Expired => new(stay, stay),
        ReservationStatus.Held or ReservationStatus.Confirmed => new(stay, stay with { Status = ReservationStatus.Cancelled, EndedAt = now }),
        _ => throw NotNow(stay, "cancelled"),
    };

    /// <summary>Applies a step decided here; a repeat changes nothing.</summary>
    public void Apply(StayChange change)
    {
        if (change.IsRepeat)
        {
            return;
        }

        if (change.Before is { KeepsNights: true } before)
        {
            _nights.Remove(before);
        }

        var after = change.After;
        if (after.KeepsNights)
        {
            _nights.Add(after);
        }

        _site.Reservations[after.ReservationId] = after;
        if (change.Before is null)
        {
            _site.LastReservationNumber = Math.Max(_site.LastReservationNumber, ReservationKey.NumberOf(after.ReservationId) ?? 0);
        }

        _nextDeadline = Deadlines.Next(_site.Reservations.Values);
    }

    /// <summary>The ended stays still here, for the archive to take.</summary>
    public List<Reservation> Unarchived() => [.. _site.Reservations.Values.Where(r => r.HasEnded)];

    /// <summary>
    /// Lets go of stays the archive now keeps, noting the nights each archive part's stays were slept in for as long
    /// as counts may ask about them (<see cref="StayRules.HistoryDays"/>).
    /// </summary>
    public void Archived(IEnumerable<Reservation> stays, DateTimeOffset now)
    {
        foreach (var stay in stays)
        {
            if (_site.Reservations.GetValueOrDefault(stay.ReservationId) is { HasEnded: true } kept && kept == stay)
            {
                _nights.Remove(stay);
                _site.Reservations.Remove(stay.ReservationId);
            }

            if (stay.IsOccupancy && stay.Until > stay.From && StayArchiveKey.PartOf(stay.ReservationId) is { } part)
            {
                _site.ArchivedNights[part] = _site.ArchivedNights.TryGetValue(part, out var nights) ? nights.With(stay) : new(stay.From, stay.Until);
            }
        }

        var horizon = DayOf(now).AddDays(-StayRules.HistoryDays);
        foreach (var part in _site.ArchivedNights.Where(p => p.Value.End <= horizon).Select(p => p.Key).ToList())
        {
            _site.ArchivedNights.Remove(part);
        }
    }

    /// <summary>The archive part that holds the reservation once it ended and left here; null when it is here or not one of this site's.</summary>
    public int? ArchiveOf(string reservationId) =>
        !_site.Reservations.ContainsKey(reservationId) && ReservationKey.NumberOf(reservationId) is { } number && number <= _site.LastReservationNumber
            ? StayArchiveKey.PartOf(reservationId)
            : null;

    /// <summary>The archive parts that hold stays slept in on some night of <c>[from, to)</c>.</summary>
    public List<int> ArchivesOccupying(DateOnly from, DateOnly to) =>
        [.. _site.ArchivedNights.Where(p => p.Value.Overlaps(from, to)).Select(p => p.Key).Order()];

    /// <summary>
    /// The counts of each night over the site's beds, from the stays here and <paramref name="archived"/>: the
    /// archived stays slept in on any past night among <paramref name="nights"/>.
    /// </summary>
    public NightCounts[] Counts(IEnumerable<DateOnly> nights, IEnumerable<Reservation>? archived = null)
    {
        BedNights? past = null;
        foreach (var stay in archived ?? [])
        {
            if (stay.KeepsNights && !_site.Reservations.ContainsKey(stay.ReservationId))
            {
                (past ??= new()).Add(stay);
            }
        }

        return [.. nights.Select(night => _nights.CountsOn(night, _site.Beds, _site.OutOfService, past))];
    }

    /// <summary>The nights a new stay could touch: a bed added or repaired changes the counts of all of them.</summary>
    public static IEnumerable<DateOnly> BookableNights(DateTimeOffset now, LodgingOptions options)
    {
        var today = DayOf(now);
        return StayRules.NightsOf(today, today.AddDays(options.MaxDaysAhead + options.MaxNights));
    }

    /// <summary>Nights are calendar days in UTC.</summary>
    public static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private static ConflictException NotNow(Reservation stay, string action)
    {
        var status = Statuses.Reservation.Code(stay.Status);
        return new ConflictException(ProblemCodes.Reservation(stay.Status), $"reservation '{stay.ReservationId}' is {status}; it cannot be {action}.");
    }
}
