using Matching.Employers;
using Matching.Errors;
using Matching.Feeds;
using Matching.Holds;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Lodging;

/// <summary>
/// A lodging site, and the single coordinator of its beds' nights: every live stay of the site lives in this grain's
/// state, and a bed-night is given to a stay only here. The rules are the <see cref="StayLedger"/>'s; this grain
/// loads and stores the state, asks the ledger, and does the I/O its answers need.
/// </summary>
/// <remarks>
/// <para>
/// Why the site and not each bed grain owns the nights: a stay needs one bed free for all of its nights, chosen
/// among the site's beds. With bed grains as owners that is a distributed choice (ask beds in turn, take the
/// nights, give them back when a later step fails), and the counts operators watch would be a fan-out over every
/// bed. Here one grain decides: Orleans runs its calls one at a time (it is not reentrant), so between finding a
/// free bed and storing the stay no other call can take that bed-night, and the stay is stored before anyone
/// hears of it. No second holder can arise, and counts are read from memory. Bed grains keep each bed's label and
/// service flag.
/// </para>
/// <para>
/// The one flow that reaches beyond the site, "a worker has at most one stay at any site", goes through the
/// worker's <see cref="IWorkerStayGrain"/>, which the site claims before it stores a stay and releases after it
/// stores the end of one. A claim carries the stay's deadline, so one the site fails to release lapses with it.
/// </para>
/// <para>
/// Ended stays move out to the site's <see cref="IStayArchiveGrain"/> of their hundred reservation numbers once their end is stored: a
/// derived update, so a failure is logged, never fails the write that ended the stay, and leaves the stay here
/// until the next write or the timer offers it again. The state written on every change therefore holds the live
/// stays and the few ended since the last write. Reads of an ended stay and counts of past nights ask the archive.
/// </para>
/// <para>
/// Deadlines are stored on each reservation; a hold past its deadline never counts as taken (every call first
/// sweeps lapsed ones, also right after a restart), and a <see cref="DeadlineTimer"/> while the grain is active
/// releases them early so the counts operators watch change when the hold lapses, not when someone next asks.
/// </para>
/// </remarks>
public sealed class LodgingSiteGrain(
    [PersistentState(StorageNames.LodgingSite, StorageNames.Main)] IPersistentState<LodgingSiteState> state,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time,
    IOptions<LodgingOptions> options,
    ILogger<LodgingSiteGrain> logger) : Grain, ILodgingSiteGrain
{
    private const string Kind = "Lodging site";

    /// <summary>How soon ended stays the archive did not take are offered again when no write comes first.</summary>
    private static readonly TimeSpan _archiveRetry = TimeSpan.FromSeconds(30);

    private StayLedger? _ledger;
    private DeadlineTimer? _timer;

    /// <summary>Memory is ahead of the store: a sweep, or stays the archive took, not yet written.</summary>
    private bool _unsaved;

    private DateTimeOffset? _archiveRetryAt;

    private string Id => this.GetPrimaryKeyString();

    private LodgingSiteState Site => state.State;

    private StayLedger Ledger => _ledger ??= new StayLedger(Id, Site);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timer = new DeadlineTimer(this, TidyAsync, time);

        // Holds that lapsed while the site slept, and ended stays found here (a state stored before the archive
        // existed, or an archive write that failed), are stored and moved out now; should that fail, the timer tries again.
        try
        {
            await TidyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Site {SiteId} could not store its lapsed holds or archive its ended stays on activation", Id);
            _archiveRetryAt = time.GetUtcNow() + _archiveRetry;
            ArmTimer();
        }
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
        await PublishCountsAsync(StayLedger.BookableNights(time.GetUtcNow(), options.Value));
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
            await WriteAsync();
            await PublishCountsAsync(StayLedger.BookableNights(time.GetUtcNow(), options.Value));
        }

        return view;
    }

    public async Task<ReserveResult> ReserveAsync(StayRequest request)
    {
        Site.Require(Kind, Id);
        var now = time.GetUtcNow();
        var stay = StayRules.Normalize(request, Id, options.Value, time.Today());
        var expired = Sweep(now);
        var (change, fullNights) = Ledger.Reserve(stay, await DecideEligibilityAsync(stay, now), now);
        if (change is null)
        {
            await PublishCountsAsync(NightsOf(expired));
            return ReserveResult.Full(fullNights);
        }

        var reservation = await StepAsync(change, expired);
        Telemetry.MatchingMetrics.BedNightsHeld(reservation.To.DayNumber - reservation.From.DayNumber);
        return ReserveResult.Reserved(reservation);
    }

    public async Task<Reservation> GetReservationAsync(string reservationId)
    {
        var (stay, _, expired) = await FindAsync(reservationId);
        await PublishCountsAsync(NightsOf(expired));
        return stay;
    }

    public async Task<Reservation> ConfirmAsync(string reservationId)
    {
        var (stay, _, expired) = await FindAsync(reservationId);
        return await StepAsync(Ledger.Confirm(stay), expired);
    }

    public async Task<Reservation> CheckInAsync(string reservationId)
    {
        var (stay, now, expired) = await FindAsync(reservationId);
        return await StepAsync(Ledger.CheckIn(stay, now), expired);
    }

    public async Task<Reservation> CheckOutAsync(string reservationId)
    {
        var (stay, now, expired) = await FindAsync(reservationId);
        return await StepAsync(Ledger.CheckOut(stay, now), expired);
    }

    public async Task<Reservation> CancelAsync(string reservationId)
    {
        var (stay, now, expired) = await FindAsync(reservationId);
        return await StepAsync(Ledger.Cancel(stay, now), expired);
    }

    public async Task<SiteAvailability> GetAvailabilityAsync(DateOnly? from, DateOnly? to)
    {
        Site.Require(Kind, Id);
        var now = time.GetUtcNow();
        var today = StayLedger.DayOf(now);
        var (first, end) = StayRules.CountsRange(from, to, today);
        var expired = Sweep(now);
        var archived = await OccupyingArchivedAsync(first, end < today ? end : today);
        await PublishCountsAsync(NightsOf(expired));
        return new SiteAvailability(Id, first, end, Ledger.Counts(StayRules.NightsOf(first, end), archived));
    }

    /// <summary>
    /// Takes one step the ledger decided: claims the worker for it, applies and stores it, tells the operators,
    /// moves out what ended, and lets the worker go when the stay ended. A repeat only lets go again.
    /// </summary>
    private async Task<Reservation> StepAsync(StayChange change, List<Reservation> expired)
    {
        if (change.IsRepeat)
        {
            await PublishCountsAsync(NightsOf(expired));
        }
        else
        {
            // Claimed before the step is stored and not released should the write fail: the write may have landed,
            // and a claim the site does not back only lapses with the hold, while a released one could let a
            // second stay through.
            if (change.ClaimUntil is { } until)
            {
                await GrainFactory.GetGrain<IWorkerStayGrain>(change.After.WorkerId).ClaimAsync(new StayClaim(change.After.ReservationId, Id, until));
            }

            Ledger.Apply(change);
            await WriteAsync();
            await ArchiveEndedAsync();
            ArmTimer();
            await PublishCountsAsync(NightsOf(expired).Concat(change.Nights));
        }

        // Released after the end is stored, and again on a retry, so a failed release heals.
        if (change.ReleasesClaim)
        {
            await GrainFactory.GetGrain<IWorkerStayGrain>(change.After.WorkerId).ReleaseAsync(change.After.ReservationId);
        }

        return change.After;
    }

    /// <summary>The site's reservation as of now, after lapsed deadlines were swept: here, or in the archive once ended.</summary>
    private async Task<(Reservation Stay, DateTimeOffset Now, List<Reservation> Expired)> FindAsync(string reservationId)
    {
        Site.Require(Kind, Id);
        var now = time.GetUtcNow();
        var expired = Sweep(now);
        var stay = Ledger.Find(reservationId, now) ?? await FindArchivedAsync(reservationId);
        return stay is null ? throw new NotFoundException("Reservation", reservationId) : (stay, now, expired);
    }

    private async Task<Reservation?> FindArchivedAsync(string reservationId) =>
        Ledger.ArchiveOf(reservationId) is { } part ? await Archive(part).FindAsync(reservationId) : null;

    /// <summary>The archived stays slept in on a night of <c>[from, to)</c>: those the counts of past nights need.</summary>
    private async Task<Reservation[]> OccupyingArchivedAsync(DateOnly from, DateOnly to)
    {
        var parts = from < to ? Ledger.ArchivesOccupying(from, to) : [];
        var found = await Task.WhenAll(parts.Select(p => Archive(p).OccupyingAsync(from, to)));
        return [.. found.SelectMany(s => s)];
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

    /// <summary>Sweeps lapsed deadlines in memory only: the deadline is stored, so a reload finds the same ones, and the timer stores the change.</summary>
    private List<Reservation> Sweep(DateTimeOffset now)
    {
        var expired = Ledger.Sweep(now);
        if (expired.Count > 0)
        {
            _unsaved = true;
            ArmTimer();
        }

        return expired;
    }

    /// <summary>
    /// Offers the archive the ended stays whose end is stored, one call per archive part, and lets go of those it
    /// took; the next write drops them from the store. Stays whose archive fails stay here for a later try.
    /// </summary>
    private async Task ArchiveEndedAsync()
    {
        var ended = Ledger.Unarchived();
        if (ended.Count == 0 || _unsaved)
        {
            return;
        }

        var taken = await Task.WhenAll(ended.GroupBy(s => StayArchiveKey.PartOf(s.ReservationId) ?? 0).Select(async part =>
        {
            try
            {
                await Archive(part.Key).AddAsync([.. part]);
                return [.. part];
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Archive {Part} of site {SiteId} missed {Count} ended stays; they stay in the site until it answers", part.Key, Id, part.Count());
                return Array.Empty<Reservation>();
            }
        }));

        var archived = taken.SelectMany(t => t).ToList();
        if (archived.Count > 0)
        {
            Ledger.Archived(archived, time.GetUtcNow());
            _unsaved = true;
        }

        _archiveRetryAt = archived.Count < ended.Count ? time.GetUtcNow() + _archiveRetry : null;
    }

    /// <summary>Wakes for the nearest deadline, or at once (or after a failed try, a little later) while ended stays wait for the archive.</summary>
    private void ArmTimer()
    {
        var at = Ledger.NextDeadline;
        if (Ledger.Unarchived().Count > 0)
        {
            var archiveAt = _archiveRetryAt ?? time.GetUtcNow();
            at = at is { } deadline && deadline < archiveAt ? deadline : archiveAt;
        }

        _timer?.Arm(at);
    }

    /// <summary>Sweeps lapsed holds and stores that, moves ended stays to the archive and stores that, tells the operators, re-arms.</summary>
    private async Task TidyAsync(CancellationToken cancellationToken)
    {
        var expired = Sweep(time.GetUtcNow());
        if (_unsaved)
        {
            await WriteAsync();
        }

        await ArchiveEndedAsync();
        if (_unsaved)
        {
            await WriteAsync();
        }

        await PublishCountsAsync(NightsOf(expired));
        ArmTimer();
    }

    /// <summary>
    /// Tells the operators the counts of <paramref name="nights"/>, after the write of the change (or, for holds
    /// that lapsed, with the deadlines already stored deciding them). A derived update: it never fails the call
    /// that changed the counts, nor keeps a step (a claim's release) from running after it.
    /// </summary>
    private Task PublishCountsAsync(IEnumerable<DateOnly> nights)
    {
        var told = nights.Distinct().Order().ToList();
        return told.Count == 0 ? Task.CompletedTask : this.DeriveAsync(DerivedUpdate.Feed(() => PublishCountsOfAsync(told)));
    }

    /// <summary>
    /// Past nights count the archived stays slept in then; should the archive not answer, only the nights from
    /// today on are told (the page shows those).
    /// </summary>
    private async Task PublishCountsOfAsync(List<DateOnly> told)
    {
        var today = time.Today();
        Reservation[] archived = [];
        if (told[0] < today)
        {
            try
            {
                archived = await OccupyingArchivedAsync(told[0], today);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The archive of site {SiteId} did not answer; the counts of past nights are not pushed", Id);
                told = [.. told.Where(n => n >= today)];
            }
        }

        if (told.Count > 0)
        {
            await GrainFactory.Feed(FeedChannel.Site(Id)).PublishAsync([new BedCountsChanged(Id, Ledger.Counts(told, archived))]);
        }
    }

    private IStayArchiveGrain Archive(int part) => GrainFactory.GetGrain<IStayArchiveGrain>(StayArchiveKey.Of(Id, part));

    private static IEnumerable<DateOnly> NightsOf(IEnumerable<Reservation> stays) => stays.SelectMany(s => s.Nights());

    private async Task WriteAsync()
    {
        await this.WriteAndDeriveAsync(state);
        _unsaved = false;
    }

    private async Task SaveAsync()
    {
        await this.SaveAsync<LodgingSiteState, LodgingSiteProfile>(GrainFactory, state, StorageNames.LodgingSite, time.GetUtcNow());
        _unsaved = false;
    }

    private LodgingSiteView View() => new(Site.Profile!)
    {
        Beds = [.. Site.Beds],
        BedCount = Site.Beds.Count,
        CreatedAt = Site.CreatedAt,
        UpdatedAt = Site.UpdatedAt,
    };
}
