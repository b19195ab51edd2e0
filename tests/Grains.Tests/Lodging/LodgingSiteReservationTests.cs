using Matching.Errors;
using Matching.Feeds;
using Matching.Lodging;
using Matching.Storage;
using Matching.Workers;

namespace Matching.Tests.Lodging;

/// <summary>Stays on a site's beds through the grains, with the clock moved on instead of waited for.</summary>
[Collection(LodgingClusterCollection.Name)]
public sealed class LodgingSiteReservationTests(LodgingClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public async Task A_stay_is_held_checked_in_and_checked_out_freeing_the_nights_left()
    {
        var (siteId, site) = await SiteAsync(beds: 2);
        var worker = await WorkerAsync();

        var held = await ReserveAsync(site, siteId, worker, fromDays: 0, nights: 5);

        Assert.Equal(ReservationStatus.Held, held.Status);
        Assert.Equal(ReservationKey.Of(siteId, 1), held.ReservationId);
        Assert.Equal(BedKey.Of(siteId, 1), held.BedId);
        Assert.Equal(Now.AddSeconds(1800), held.ExpiresAt);
        Assert.Equal(LodgingEligibility.OnCreditCommitment, held.Basis);
        Assert.Equal(LodgingSamples.Commitment.SignedBy, held.CreditCommitment?.SignedBy);
        Assert.All(await NightsAsync(site, 0, 5), n => Assert.Equal((2, 1, 1, 0), (n.Total, n.Free, n.Held, n.Occupied)));

        var occupied = await site.CheckInAsync(held.ReservationId);
        Assert.Equal(ReservationStatus.Occupied, occupied.Status);
        Assert.Null(occupied.ExpiresAt);
        Assert.All(await NightsAsync(site, 0, 5), n => Assert.Equal((1, 0, 1), (n.Free, n.Held, n.Occupied)));

        fixture.Time.Advance(TimeSpan.FromDays(2));
        var completed = await site.CheckOutAsync(held.ReservationId);

        Assert.Equal(ReservationStatus.Completed, completed.Status);
        Assert.Equal(Today, completed.Until);
        var nights = await NightsAsync(site, -2, 3);
        Assert.Equal([1, 1, 0, 0, 0], nights.Select(n => n.Occupied));
        Assert.Equal([1, 1, 2, 2, 2], nights.Select(n => n.Free));
        Assert.Null(await _grains.GetGrain<IWorkerStayGrain>(worker).GetAsync());
        Assert.Equal(completed, await site.CheckOutAsync(held.ReservationId));
    }

    [Fact]
    public async Task Check_in_opens_on_the_first_night_and_a_booking_outlives_the_hold()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var held = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 2, nights: 3);

        var early = await Assert.ThrowsAsync<ConflictException>(() => site.CheckInAsync(held.ReservationId));
        var booked = await site.ConfirmAsync(held.ReservationId);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var stillBooked = await site.GetReservationAsync(held.ReservationId);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var occupied = await site.CheckInAsync(held.ReservationId);

        Assert.Equal("too-early", early.Code);
        Assert.Equal(ReservationStatus.Confirmed, booked.Status);
        Assert.Equal(StayRules.NoShowDeadline(held.From), booked.ExpiresAt);
        Assert.Equal(ReservationStatus.Confirmed, stillBooked.Status);
        Assert.Equal(ReservationStatus.Occupied, occupied.Status);
    }

    [Fact]
    public async Task A_booking_nobody_checks_in_to_is_released_when_its_first_day_ends()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var held = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 1, nights: 3);
        await site.ConfirmAsync(held.ReservationId);

        fixture.Time.SetUtcNow(StayRules.NoShowDeadline(held.From));
        var noShow = await site.GetReservationAsync(held.ReservationId);

        Assert.Equal(ReservationStatus.Expired, noShow.Status);
        Assert.All(await NightsAsync(site, 0, 2), n => Assert.Equal((1, 0), (n.Free, n.Held)));
        var late = await Assert.ThrowsAsync<ConflictException>(() => site.CheckInAsync(held.ReservationId));
        Assert.Equal("reservation-expired", late.Code);
    }

    [Fact]
    public async Task A_lapsed_hold_never_counts_and_frees_the_worker()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var (otherId, other) = await SiteAsync(beds: 1);
        var worker = await WorkerAsync();
        var held = await ReserveAsync(site, siteId, worker, fromDays: 1, nights: 2, ttl: 60);

        fixture.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(ReservationStatus.Expired, (await site.GetReservationAsync(held.ReservationId)).Status);
        Assert.All(await NightsAsync(site, 1, 3), n => Assert.Equal((1, 0), (n.Free, n.Held)));
        Assert.Null(await _grains.GetGrain<IWorkerStayGrain>(worker).GetAsync());
        Assert.Equal(ReservationStatus.Expired, (await site.CancelAsync(held.ReservationId)).Status);
        Assert.NotNull((await site.ReserveAsync(Request(siteId, await WorkerAsync(), 1, 2))).Reservation);
        Assert.NotNull((await other.ReserveAsync(Request(otherId, worker, 1, 2))).Reservation);
    }

    [Fact]
    public async Task A_lapsed_hold_is_stored_as_expired_by_the_next_change_and_told_to_the_operators()
    {
        var (siteId, site) = await SiteAsync(beds: 3);
        var held = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 2, ttl: 60);

        // The domain clock is not the runtime's (timers run on real time), so the sweep is driven by a write.
        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 5, nights: 1, ttl: 60);

        Assert.Equal(ReservationStatus.Expired, (await StoredStayAsync(siteId, held.ReservationId)).Status);
        Assert.Contains(
            (await FeedAsync(siteId)).OfType<BedCountsChanged>(),
            e => held.Nights().All(d => e.Nights.Any(n => n.Date == d && n.Free == 3 && n.Held == 0)));
    }

    [Fact]
    public async Task A_deadline_is_kept_across_a_reload_of_the_site()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var held = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 2, ttl: 600);

        await _grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        fixture.Time.Advance(TimeSpan.FromSeconds(600));
        var stored = await StoredAsync(siteId);

        Assert.Equal(ReservationStatus.Held, stored.Reservations[held.ReservationId].Status);
        Assert.Equal(ReservationStatus.Expired, (await site.GetReservationAsync(held.ReservationId)).Status);
        Assert.All(await NightsAsync(site, 0, 2), n => Assert.Equal(1, n.Free));
    }

    [Fact]
    public async Task A_worker_has_one_stay_at_a_time_across_sites()
    {
        var (siteA, a) = await SiteAsync(beds: 2);
        var (siteB, b) = await SiteAsync(beds: 2);
        var worker = await WorkerAsync();
        var first = await ReserveAsync(a, siteA, worker, fromDays: 1, nights: 3);

        var twice = await Assert.ThrowsAsync<ConflictException>(() => b.ReserveAsync(Request(siteB, worker, 5, 2)));
        var again = await Assert.ThrowsAsync<ConflictException>(() => a.ReserveAsync(Request(siteA, worker, 5, 2)));
        await a.CancelAsync(first.ReservationId);
        var moved = await b.ReserveAsync(Request(siteB, worker, 5, 2));

        Assert.Equal("worker-has-stay", twice.Code);
        Assert.Equal("worker-has-stay", again.Code);
        Assert.All(await NightsAsync(b, 5, 7), n => Assert.Equal(1, n.Held));
        Assert.Equal(moved.Reservation!.ReservationId, (await _grains.GetGrain<IWorkerStayGrain>(worker).GetAsync())?.ReservationId);
    }

    [Fact]
    public async Task A_full_site_names_the_full_nights_and_stores_nothing()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 1, nights: 2);
        var late = await WorkerAsync();

        var result = await site.ReserveAsync(Request(siteId, late, 0, 4));

        Assert.Null(result.Reservation);
        Assert.Equal([Today.AddDays(1), Today.AddDays(2)], result.FullNights);
        Assert.Null(await _grains.GetGrain<IWorkerStayGrain>(late).GetAsync());
        Assert.Equal([1, 0, 0, 1], (await NightsAsync(site, 0, 4)).Select(n => n.Free));
    }

    [Fact]
    public async Task A_stay_needs_one_bed_for_all_its_nights()
    {
        var (siteId, site) = await SiteAsync(beds: 2);
        var first = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 1, nights: 2);
        await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 2, nights: 1);
        await site.CancelAsync(first.ReservationId);
        await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 1, nights: 1);

        var result = await site.ReserveAsync(Request(siteId, await WorkerAsync(), 1, 2));

        Assert.Null(result.Reservation);
        Assert.Empty(result.FullNights);
        Assert.All(await NightsAsync(site, 1, 3), n => Assert.Equal(1, n.Free));
    }

    [Fact]
    public async Task Without_eligibility_or_a_commitment_there_is_no_bed()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var worker = await WorkerAsync();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => site.ReserveAsync(Request(siteId, worker, 1, 2) with { CreditCommitment = null }));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => site.ReserveAsync(Request(siteId, "no-such-worker", 1, 2)));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => site.ReserveAsync(Request(siteId, worker, -1, 20)));

        Assert.Equal("not-eligible", refused.Code);
        Assert.Equal(["workerId"], unknown.Errors.Keys);
        Assert.Equal(["from", "to"], bad.Errors.Keys.Order());
        Assert.Empty((await StoredAsync(siteId)).Reservations);
        Assert.Null(await _grains.GetGrain<IWorkerStayGrain>(worker).GetAsync());
    }

    [Fact]
    public async Task Beds_out_of_service_count_in_total_but_are_never_free_or_given()
    {
        var (siteId, site) = await SiteAsync(beds: 2);
        await site.SetBedInServiceAsync(BedKey.Of(siteId, 1), inService: false);

        var given = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 1);
        var full = await site.ReserveAsync(Request(siteId, await WorkerAsync(), 0, 1));

        Assert.Equal(BedKey.Of(siteId, 2), given.BedId);
        Assert.Null(full.Reservation);
        Assert.Equal(new NightCounts(Today, 2, 0, 1, 0), (await NightsAsync(site, 0, 1))[0]);
        Assert.False((await _grains.GetGrain<IBedGrain>(BedKey.Of(siteId, 1)).GetAsync()).InService);
        await Assert.ThrowsAsync<NotFoundException>(() => site.SetBedInServiceAsync(BedKey.Of(siteId, 9), inService: true));
    }

    [Fact]
    public async Task Every_change_of_counts_is_published_to_the_site_feed()
    {
        var (siteId, site) = await SiteAsync(beds: 2);
        var held = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 2);
        await site.CheckInAsync(held.ReservationId);
        await site.CheckOutAsync(held.ReservationId);
        var other = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 3, nights: 1);
        await site.CancelAsync(other.ReservationId);

        var events = (await FeedAsync(siteId)).Cast<BedCountsChanged>().ToList();

        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal(siteId, e.SiteId));
        Assert.Equal((2, 1, 1, 0), Counts(events[1].Nights[0]));
        Assert.Equal((2, 1, 0, 1), Counts(events[2].Nights[0]));
        Assert.Equal((2, 2, 0, 0), Counts(events[3].Nights[0]));
        Assert.Equal([Today.AddDays(3)], events[5].Nights.Select(n => n.Date));
        Assert.Equal((2, 2, 0, 0), Counts(events[5].Nights[0]));
    }

    [Fact]
    public async Task Concurrent_requests_never_give_a_bed_night_twice()
    {
        var (siteId, site) = await SiteAsync(beds: 10);
        var workers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => WorkerAsync()));

        var results = await Task.WhenAll(workers.Select(w => site.ReserveAsync(Request(siteId, w, 1, 3))));

        var stays = results.Select(r => r.Reservation).OfType<Reservation>().ToList();
        Assert.Equal(10, stays.Count);
        Assert.Equal(10, stays.Select(s => s.BedId).Distinct().Count());
        Assert.All(results.Where(r => r.Reservation is null), r => Assert.Equal(3, r.FullNights.Length));
        Assert.All(await NightsAsync(site, 1, 4), n => Assert.Equal((0, 10), (n.Free, n.Held)));
    }

    private static (int Total, int Free, int Held, int Occupied) Counts(NightCounts n) => (n.Total, n.Free, n.Held, n.Occupied);

    private async Task<(string Id, ILodgingSiteGrain Site)> SiteAsync(int beds)
    {
        var id = LodgingSamples.NewId("site");
        var site = _grains.GetGrain<ILodgingSiteGrain>(id);
        await site.CreateAsync(LodgingSamples.Site());
        await site.AddBedsAsync(new AddBedsRequest { Count = beds });
        return (id, site);
    }

    private async Task<string> WorkerAsync()
    {
        var id = LodgingSamples.NewId("w");
        await _grains.GetGrain<IWorkerGrain>(id).CreateAsync(LodgingSamples.Worker(Today));
        return id;
    }

    private StayRequest Request(string siteId, string workerId, int fromDays, int nights, int? ttl = null) => new()
    {
        WorkerId = workerId,
        SiteId = siteId,
        From = Today.AddDays(fromDays),
        To = Today.AddDays(fromDays + nights),
        TtlSeconds = ttl,
        CreditCommitment = LodgingSamples.Commitment,
    };

    private async Task<Reservation> ReserveAsync(ILodgingSiteGrain site, string siteId, string workerId, int fromDays, int nights, int? ttl = null)
    {
        var result = await site.ReserveAsync(Request(siteId, workerId, fromDays, nights, ttl));
        return result.Reservation ?? throw new InvalidOperationException($"full on {string.Join(", ", result.FullNights)}");
    }

    private async Task<NightCounts[]> NightsAsync(ILodgingSiteGrain site, int fromDays, int toDays) =>
        (await site.GetAvailabilityAsync(Today.AddDays(fromDays), Today.AddDays(toDays))).Nights;

    private async Task<FeedEvent[]> FeedAsync(string siteId) =>
        (await _grains.Feed(FeedChannel.Site(siteId)).ReadSinceAsync(null, 0)).Events;

    /// <summary>The stay as stored: in the site's state, or in its archive once it ended there.</summary>
    private async Task<Reservation> StoredStayAsync(string siteId, string reservationId)
    {
        if ((await StoredAsync(siteId)).Reservations.TryGetValue(reservationId, out var stay))
        {
            return stay;
        }

        await foreach (var (_, archive) in fixture.SiloService<IStateStore>().ScanAsync<StayArchiveState>(StorageNames.StayArchive))
        {
            if (archive.SiteId == siteId && archive.Stays.TryGetValue(reservationId, out var archived))
            {
                return archived;
            }
        }

        throw new InvalidOperationException($"stay '{reservationId}' is not stored.");
    }

    private async Task<LodgingSiteState> StoredAsync(string siteId)
    {
        await foreach (var (_, state) in fixture.SiloService<IStateStore>().ScanAsync<LodgingSiteState>(StorageNames.LodgingSite))
        {
            if (state.Profile?.Id == siteId)
            {
                return state;
            }
        }

        throw new InvalidOperationException($"site '{siteId}' is not stored.");
    }
}
