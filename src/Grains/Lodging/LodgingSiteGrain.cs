using Matching.Employers;
using Matching.Errors;
using Matching.Feeds;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Lodging;

/// <summary>
/// A lodging site, and the single coordinator of its beds' nights: every stay of the site lives in this grain's
/// state, and a bed-night is given to a stay only here.
/// </summary>
/// <remarks>
/// <para>
/// Why the site and not each bed grain owns the nights: a stay needs one bed free for all of its nights, chosen
/// among the site's beds. With bed grains as owners that is a distributed choice (ask beds in turn, take the
/// nights, give them back when a later step fails), and the counts operators watch would be a fan-out over every
/// bed. Here one grain decides: Orleans runs its calls one at a time (it is not reentrant), so between finding a
/// free bed and storing the stay no other call can take that bed-night, and the stay is stored before anyone
/// hears of it. No second holder can arise, and counts are read from memory. The cost is that a site's stays are
/// serialised through one grain; a site has at most <see cref="LodgingRules.MaxBedsPerSite"/> beds and stays are
/// at most a few weeks ahead, so its state stays small. Bed grains keep each bed's label and service flag.
/// </para>
/// <para>
/// The one flow that reaches beyond the site, "a worker has at most one stay at any site", goes through the
/// worker's <see cref="IWorkerStayGrain"/>, which the site claims before it stores a stay and releases after it
/// stores the end of one. A claim carries the stay's deadline, so one the site fails to release lapses with it.
/// </para>
/// <para>
/// Deadlines are stored on each reservation; a hold past its deadline never counts as taken (every call first
/// sweeps lapsed ones, also right after a restart), and a timer while the grain is active releases them early
/// so the counts operators watch change when the hold lapses, not when someone next asks.
/// </para>
/// </remarks>
public sealed class LodgingSiteGrain(
    [PersistentState(StorageNames.LodgingSite, StorageNames.Main)] IPersistentState<LodgingSiteState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    IOptions<LodgingOptions> options) : Grain, ILodgingSiteGrain
{
    private const string Kind = "Lodging site";

    /// <summary>The expiry timer's longest wait; it re-arms on waking, so a far deadline is still met.</summary>
    private static readonly TimeSpan _maxTimerWait = TimeSpan.FromHours(6);

    private readonly BedNights _nights = new();
    private DateTimeOffset? _nextDeadline;
    private bool _sweptUnsaved;
    /// <summary>Cancelled or lapsed stays kept for reads shortly after they ended; more than a busy site has in a day.</summary>
    public const int MaxUnoccupiedEndedKept = 100;

    private IGrainTimer? _expiryTimer;

    private string Id => this.GetPrimaryKeyString();

    private LodgingSiteState Site => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var stay in Site.Reservations.Values.Where(r => r.KeepsNights))
        {
            _nights.Add(stay);
        }

        _nextDeadline = NextDeadline();
        await PublishCountsAsync(NightsOf(SweepExpired(time.GetUtcNow())));
        ArmExpiryTimer();
    }

    public async Task<LodgingSiteView> CreateAsync(LodgingSiteProfile profile)
    {
        if (Site.WasCreatedByThisRequest(Kind, Id))
        {
            return View();
        }

        Site.Profile = LodgingRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public async Task<LodgingSiteView> UpdateAsync(LodgingSiteProfile profile)
    {
        Site.Require(Kind, Id);
        Site.Profile = LodgingRules.Normalize(profile, Id);
        await SaveAsync();
        return View();
    }

    public async Task<LodgingSiteView> AddBedsAsync(AddBedsRequest request)
    {
        Site.Require(Kind, Id);
        var labels = LodgingRules.BedLabels(request, Site.Beds.Count);
        var first = Site.Beds.Count + 1;
        var beds = labels.Select((label, i) => new BedInfo(BedKey.Of(Id, first + i), label)).ToList();

        // The beds are registered before the site lists them: a bed the site names always exists,
        // and a bed registered by a failed request is simply registered again by the retry.
        await Task.WhenAll(beds.Select(b => GrainFactory.GetGrain<IBedGrain>(b.Id).RegisterAsync(Id, b.Label)));
        Site.Beds.AddRange(beds);
        await SaveAsync();
        await PublishCountsAsync(BookableNights());
        return View();
    }

    public Task<LodgingSiteView> GetAsync()
    {
        Site.Require(Kind, Id);
        return Task.FromResult(View());
    }

    public async Task<BedView> SetBedInServiceAsync(string bedId, bool inService)
    {
        Site.Require(Kind, Id);
        if (!Site.Beds.Any(b => b.Id == bedId))
        {
            throw new NotFoundException("Bed", bedId);
        }

        // The bed first: should the site's write fail, the bed says what was asked and a retry brings the site along.
        var view = await GrainFactory.GetGrain<IBedGrain>(bedId).SetInServiceAsync(inService);
        var changed = inService ? Site.OutOfService.Remove(bedId) : Site.OutOfService.Add(bedId);
        if (changed)
        {
            await this.WriteOrDropAsync(state);
            _sweptUnsaved = false;
            await PublishCountsAsync(BookableNights());
        }

        return view;
    }

    public async Task<ReserveResult> ReserveAsync(StayRequest request)
    {
        Site.Require(Kind, Id);
        var now = time.GetUtcNow();
        var today = time.Today();
        var stay = StayRules.Normalize(request, Id, options.Value, today);
        var expired = SweepExpired(now);
        var decision = await DecideEligibilityAsync(stay, now);
        if (!decision.Eligible)
        {
            throw new ConflictException("not-eligible", decision.Reason);
        }

        var inService = Site.Beds.Select(b => b.Id).Where(b => !Site.OutOfService.Contains(b)).ToList();
        if (_nights.FreeBed(inService, stay.From, stay.To) is not { } bedId)
        {
            await PublishCountsAsync(NightsOf(expired));
            return ReserveResult.Full(_nights.FullNights(inService, stay.From, stay.To));
        }

        var reservation = new Reservation
        {
            ReservationId = ReservationKey.Of(Id, Site.LastReservationNumber + 1),
            BedId = bedId,
            SiteId = Id,
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

        // Claimed before the stay is stored and not released should the write fail: the write may have landed,
        // and a claim the site does not back only lapses with the hold, while a released one could let a
        // second stay through.
        await ClaimAsync(reservation, reservation.ExpiresAt!.Value);
        Site.LastReservationNumber++;
        await StoreAsync(null, reservation, expired);
        Telemetry.MatchingMetrics.BedNightsHeld(reservation.To.DayNumber - reservation.From.DayNumber);
        return ReserveResult.Reserved(reservation);
    }

    public async Task<Reservation> GetReservationAsync(string reservationId)
    {
        var (stay, _, expired) = Find(reservationId);
        await PublishCountsAsync(NightsOf(expired));
        return stay;
    }

    public async Task<Reservation> ConfirmAsync(string reservationId)
    {
        var (stay, _, expired) = Find(reservationId);
        switch (stay.Status)
        {
            case ReservationStatus.Confirmed:
                await PublishCountsAsync(NightsOf(expired));
                return stay;
            case ReservationStatus.Held:
                var noShow = StayRules.NoShowDeadline(stay.From);
                var deadline = stay.ExpiresAt > noShow ? stay.ExpiresAt.Value : noShow;
                await ClaimAsync(stay, deadline);
                return await StoreAsync(stay, stay with { Status = ReservationStatus.Confirmed, ExpiresAt = deadline }, expired);
            default:
                throw NotNow(stay, "confirmed");
        }
    }

    public async Task<Reservation> CheckInAsync(string reservationId)
    {
        var (stay, now, expired) = Find(reservationId);
        switch (stay.Status)
        {
            case ReservationStatus.Occupied:
                await PublishCountsAsync(NightsOf(expired));
                return stay;
            case ReservationStatus.Held or ReservationStatus.Confirmed:
                var today = time.Today();
                if (today < stay.From)
                {
                    throw new ConflictException("too-early", $"reservation '{stay.ReservationId}' can be checked in to from {stay.From:yyyy-MM-dd}.");
                }

                if (today >= stay.To)
                {
                    throw new ConflictException("stay-over", $"the nights of reservation '{stay.ReservationId}' ended on {stay.To:yyyy-MM-dd}.");
                }

                await ClaimAsync(stay, StayRules.StayEnd(stay.To));
                return await StoreAsync(stay, stay with { Status = ReservationStatus.Occupied, ExpiresAt = null, CheckedInAt = now }, expired);
            default:
                throw NotNow(stay, "checked in to");
        }
    }

    public async Task<Reservation> CheckOutAsync(string reservationId)
    {
        var (stay, now, expired) = Find(reservationId);
        Reservation after;
        switch (stay.Status)
        {
            case ReservationStatus.Completed:
                await PublishCountsAsync(NightsOf(expired));
                after = stay;
                break;
            case ReservationStatus.Occupied:
                var today = time.Today();
                var until = today < stay.From ? stay.From : today > stay.To ? stay.To : today;
                after = await StoreAsync(stay, stay with { Status = ReservationStatus.Completed, CheckedOutAt = now, Until = until }, expired);
                break;
            default:
                throw NotNow(stay, "checked out of");
        }

        // Released after the end is stored, and again on a retry, so a failed release heals.
        await ReleaseAsync(after);
        return after;
    }

    public async Task<Reservation> CancelAsync(string reservationId)
    {
        var (stay, now, expired) = Find(reservationId);
        Reservation after;
        switch (stay.Status)
        {
            case ReservationStatus.Cancelled or ReservationStatus.Expired:
                await PublishCountsAsync(NightsOf(expired));
                after = stay;
                break;
            case ReservationStatus.Held or ReservationStatus.Confirmed:
                after = await StoreAsync(stay, stay with { Status = ReservationStatus.Cancelled, EndedAt = now }, expired);
                break;
            default:
                throw NotNow(stay, "cancelled");
        }

        await ReleaseAsync(after);
        return after;
    }

    public async Task<SiteAvailability> GetAvailabilityAsync(DateOnly? from, DateOnly? to)
    {
        Site.Require(Kind, Id);
        var (first, end) = StayRules.CountsRange(from, to, time.Today());
        await PublishCountsAsync(NightsOf(SweepExpired(time.GetUtcNow())));
        return new SiteAvailability(Id, first, end, Counts(StayRules.NightsOf(first, end)));
    }

    /// <summary>The site's reservation as of now, after lapsed deadlines were swept.</summary>
    private (Reservation Stay, DateTimeOffset Now, List<Reservation> Expired) Find(string reservationId)
    {
        Site.Require(Kind, Id);
        var now = time.GetUtcNow();
        var expired = SweepExpired(now);
        return Site.Reservations.TryGetValue(reservationId, out var stay)
            ? (stay.At(now), now, expired)
            : throw new NotFoundException("Reservation", reservationId);
    }

    private async Task<LodgingDecision> DecideEligibilityAsync(Stay stay, DateTimeOffset now)
    {
        WorkerView worker;
        try
        {
            worker = await GrainFactory.GetGrain<IWorkerGrain>(stay.WorkerId).GetAsync();
        }
        catch (NotFoundException)
        {
            throw ValidationFailedException.For("workerId", $"worker '{stay.WorkerId}' does not exist.");
        }

        var employer = LodgingEligibility.EmployerOf(worker, now) is { } bound
            ? await GrainFactory.GetGrain<IEmployerGrain>(bound.EmployerId).FindAsync()
            : null;
        return LodgingEligibility.Decide(worker, employer, stay.CreditCommitment, now);
    }

    private Task ClaimAsync(Reservation stay, DateTimeOffset bindsUntil) =>
        GrainFactory.GetGrain<IWorkerStayGrain>(stay.WorkerId).ClaimAsync(new StayClaim(stay.ReservationId, Id, bindsUntil));

    private Task ReleaseAsync(Reservation stay) =>
        GrainFactory.GetGrain<IWorkerStayGrain>(stay.WorkerId).ReleaseAsync(stay.ReservationId);

    /// <summary>Replaces <paramref name="before"/> (null for a new stay) with <paramref name="after"/>, stores it, then tells the operators.</summary>
    private async Task<Reservation> StoreAsync(Reservation? before, Reservation after, List<Reservation> expired)
    {
        if (before is { KeepsNights: true })
        {
            _nights.Remove(before);
        }

        if (after.KeepsNights)
        {
            _nights.Add(after);
        }

        Site.Reservations[after.ReservationId] = after;
        Prune(time.GetUtcNow());
        await this.WriteOrDropAsync(state);
        _sweptUnsaved = false;
        await PublishCountsAsync(NightsOf(expired).Concat(after.Nights()).Concat(before?.Nights() ?? []));
        ArmExpiryTimer();
        return after;
    }

    /// <summary>
    /// Marks holds and bookings past their deadline expired and frees their nights. Only in memory: the deadline
    /// is stored, so a reload finds the same ones, and the next write or the timer stores the change.
    /// </summary>
    private List<Reservation> SweepExpired(DateTimeOffset now)
    {
        if (_nextDeadline is not { } next || now < next)
        {
            return [];
        }

        var expired = Site.Reservations.Values
            .Where(r => r.Status is ReservationStatus.Held or ReservationStatus.Confirmed && r.ExpiresAt <= now)
            .ToList();
        foreach (var stay in expired)
        {
            _nights.Remove(stay);
            Site.Reservations[stay.ReservationId] = stay.At(now);
        }

        _sweptUnsaved |= expired.Count > 0;
        _nextDeadline = NextDeadline();
        return expired;
    }

    /// <summary>
    /// Drops completed stays whose last night is more than <see cref="StayRules.HistoryDays"/> ago (counts look back
    /// as far), and stays that were cancelled or lapsed without a night of occupancy once a day has passed, or
    /// beyond the newest <see cref="MaxUnoccupiedEndedKept"/>: they count on no night, and the whole state is
    /// written on every change, so a loop of reservations and cancellations must not grow it.
    /// </summary>
    private void Prune(DateTimeOffset now)
    {
        var horizon = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-StayRules.HistoryDays);
        var unoccupied = Site.Reservations.Values
            .Where(r => r.Status is ReservationStatus.Cancelled or ReservationStatus.Expired)
            .OrderByDescending(r => r.EndedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(r => r.ReservationId.Length)
            .ThenByDescending(r => r.ReservationId, StringComparer.Ordinal) // ids are numbered in order: ~r9 < ~r10
            .ToList();
        var old = Site.Reservations.Values
            .Where(r => (r.Status is ReservationStatus.Completed or ReservationStatus.Cancelled or ReservationStatus.Expired && r.To < horizon)
                        || (r.Status is ReservationStatus.Cancelled or ReservationStatus.Expired && (r.EndedAt ?? now) < now.AddDays(-1)))
            .Concat(unoccupied.Skip(MaxUnoccupiedEndedKept))
            .Distinct()
            .ToList();
        foreach (var stay in old)
        {
            _nights.Remove(stay);
            Site.Reservations.Remove(stay.ReservationId);
        }
    }

    private DateTimeOffset? NextDeadline() => Site.Reservations.Values
        .Where(r => r.Status is ReservationStatus.Held or ReservationStatus.Confirmed)
        .Min(r => r.ExpiresAt);

    private void ArmExpiryTimer()
    {
        _nextDeadline = NextDeadline();
        if (_nextDeadline is not { } deadline)
        {
            _expiryTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = deadline - time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > _maxTimerWait ? _maxTimerWait : due;
        if (_expiryTimer is null)
        {
            _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        var expired = SweepExpired(time.GetUtcNow());
        if (_sweptUnsaved)
        {
            await this.WriteOrDropAsync(state);
            _sweptUnsaved = false;
        }

        await PublishCountsAsync(NightsOf(expired));
        ArmExpiryTimer();
    }

    private Task PublishCountsAsync(IEnumerable<DateOnly> nights)
    {
        var counts = Counts(nights.Distinct().Order());
        return counts.Length == 0
            ? Task.CompletedTask
            : GrainFactory.Feed(FeedChannels.Site(Id)).PublishAsync([new BedCountsChanged(Id, counts)]);
    }

    private NightCounts[] Counts(IEnumerable<DateOnly> nights) =>
        [.. nights.Select(night => _nights.CountsOn(night, Site.Beds, Site.OutOfService))];

    /// <summary>The nights a new stay could touch: a bed added or repaired changes the counts of all of them.</summary>
    private IEnumerable<DateOnly> BookableNights()
    {
        var today = time.Today();
        return StayRules.NightsOf(today, today.AddDays(options.Value.MaxDaysAhead + options.Value.MaxNights));
    }

    private static IEnumerable<DateOnly> NightsOf(IEnumerable<Reservation> stays) => stays.SelectMany(s => s.Nights());

    private static ConflictException NotNow(Reservation stay, string action)
    {
        var status = stay.Status.ToString().ToLowerInvariant();
        return new ConflictException($"reservation-{status}", $"reservation '{stay.ReservationId}' is {status}; it cannot be {action}.");
    }

    private async Task SaveAsync()
    {
        await this.SaveAsync<LodgingSiteState, LodgingSiteProfile>(GrainFactory, state, StorageNames.LodgingSite, time.GetUtcNow());
        _sweptUnsaved = false;
    }

    private LodgingSiteView View() => new(Site.Profile!)
    {
        Beds = [.. Site.Beds],
        BedCount = Site.Beds.Count,
        CreatedAt = Site.CreatedAt,
        UpdatedAt = Site.UpdatedAt,
    };
}
