using Matching.Errors;
using Matching.Lodging;

namespace Matching.Tests.Lodging;

/// <summary>The rules of a site's stays on the ledger alone: no grains, the time passed in.</summary>
public sealed class StayLedgerTests
{
    private const string SiteId = "site-1";

    private static readonly DateTimeOffset _start = LodgingSamples.Start;

    private static readonly DateOnly _today = DateOnly.FromDateTime(_start.UtcDateTime);

    private static readonly LodgingDecision _admitted = new(true, LodgingEligibility.OnCreditCommitment, null, "");

    [Fact]
    public void A_hold_takes_the_first_free_bed_in_service_and_is_numbered_on()
    {
        var (site, ledger) = Ledger(beds: 3);
        site.OutOfService.Add(BedKey.Of(SiteId, 1));

        var first = Reserve(ledger, 0, 2);
        var second = Reserve(ledger, 1, 2);

        Assert.Equal((ReservationKey.Of(SiteId, 1), BedKey.Of(SiteId, 2)), (first.ReservationId, first.BedId));
        Assert.Equal((ReservationKey.Of(SiteId, 2), BedKey.Of(SiteId, 3)), (second.ReservationId, second.BedId));
        Assert.Equal(2, site.LastReservationNumber);
        Assert.Equal(_start.AddMinutes(30), first.ExpiresAt);
        Assert.Equal(
            [new NightCounts(_today, 3, 1, 1, 0), new NightCounts(_today.AddDays(1), 3, 0, 2, 0), new NightCounts(_today.AddDays(2), 3, 1, 1, 0)],
            ledger.Counts(StayRules.NightsOf(_today, _today.AddDays(3))));
    }

    [Fact]
    public void A_full_site_names_the_full_nights_and_changes_nothing()
    {
        var (site, ledger) = Ledger(beds: 1);
        Reserve(ledger, 1, 2);

        var (change, full) = ledger.Reserve(Stay(0, 4), _admitted, _start);

        Assert.Null(change);
        Assert.Equal([_today.AddDays(1), _today.AddDays(2)], full);
        Assert.Equal(1, site.LastReservationNumber);
        Assert.Single(ledger.Stays);
    }

    [Fact]
    public void Without_eligibility_there_is_no_hold()
    {
        var (_, ledger) = Ledger(beds: 1);

        var refused = Assert.Throws<ConflictException>(() => ledger.Reserve(Stay(0, 1), new LodgingDecision(false, "", null, "no key enterprise"), _start));

        Assert.Equal("not-eligible", refused.Code);
        Assert.Empty(ledger.Stays);
    }

    [Fact]
    public void Each_step_says_what_the_workers_claim_becomes()
    {
        var (_, ledger) = Ledger(beds: 1);
        var (reserved, _) = ledger.Reserve(Stay(1, 3), _admitted, _start);
        ledger.Apply(reserved!);
        var held = reserved!.After;

        var confirm = ledger.Confirm(held);
        ledger.Apply(confirm);
        var again = ledger.Confirm(confirm.After);
        var checkIn = ledger.CheckIn(confirm.After, _start.AddDays(1));
        ledger.Apply(checkIn);
        var checkOut = ledger.CheckOut(checkIn.After, _start.AddDays(2));

        Assert.Equal(held.ExpiresAt, reserved.ClaimUntil);
        Assert.False(reserved.ReleasesClaim);
        Assert.Equal(StayRules.NoShowDeadline(held.From), confirm.After.ExpiresAt);
        Assert.Equal(confirm.After.ExpiresAt, confirm.ClaimUntil);
        Assert.True(again.IsRepeat);
        Assert.Null(again.ClaimUntil);
        Assert.Equal(StayRules.StayEnd(held.To), checkIn.ClaimUntil);
        Assert.Null(checkIn.After.ExpiresAt);
        Assert.Null(checkOut.ClaimUntil);
        Assert.True(checkOut.ReleasesClaim);
        Assert.True(ledger.CheckOut(checkOut.After, _start.AddDays(3)).ReleasesClaim);
    }

    [Fact]
    public void A_longer_hold_is_kept_past_the_no_show_deadline_when_booked()
    {
        var (_, ledger) = Ledger(beds: 1);
        var (reserved, _) = ledger.Reserve(Stay(0, 2) with { HoldTtl = TimeSpan.FromDays(1) }, _admitted, _start);

        var booked = ledger.Confirm(reserved!.After);

        Assert.Equal(_start.AddDays(1), booked.After.ExpiresAt);
    }

    [Fact]
    public void Check_in_opens_on_the_first_night_and_closes_on_the_day_of_leaving()
    {
        var (_, ledger) = Ledger(beds: 1);
        var held = Reserve(ledger, 1, 2);

        var early = Assert.Throws<ConflictException>(() => ledger.CheckIn(held, _start));
        var over = Assert.Throws<ConflictException>(() => ledger.CheckIn(held, _start.AddDays(3)));
        var leave = Assert.Throws<ConflictException>(() => ledger.CheckOut(held, _start.AddDays(1)));

        Assert.Equal(("too-early", "stay-over", "reservation-held"), (early.Code, over.Code, leave.Code));
        Assert.Equal(ReservationStatus.Occupied, ledger.CheckIn(held, _start.AddDays(1)).After.Status);
    }

    [Fact]
    public void Checking_out_keeps_the_nights_slept_and_frees_the_rest()
    {
        var (_, ledger) = Ledger(beds: 1);
        var stay = Reserve(ledger, 0, 5);
        var occupied = Step(ledger, ledger.CheckIn(stay, _start));

        var completed = Step(ledger, ledger.CheckOut(occupied, _start.AddDays(2)));

        Assert.Equal(_today.AddDays(2), completed.Until);
        Assert.Equal([1, 1, 0, 0, 0], ledger.Counts(StayRules.NightsOf(_today, _today.AddDays(5))).Select(n => n.Occupied));
        Assert.Equal([0, 0, 1, 1, 1], ledger.Counts(StayRules.NightsOf(_today, _today.AddDays(5))).Select(n => n.Free));
    }

    [Fact]
    public void Only_a_stay_not_checked_in_to_is_cancelled_and_an_ended_one_answers_as_it_is()
    {
        var (_, ledger) = Ledger(beds: 2);
        var held = Reserve(ledger, 0, 2);
        var occupied = Step(ledger, ledger.CheckIn(Reserve(ledger, 0, 2), _start));

        var cancelled = Step(ledger, ledger.Cancel(held, _start.AddHours(1)));
        var refused = Assert.Throws<ConflictException>(() => ledger.Cancel(occupied, _start));

        Assert.Equal((ReservationStatus.Cancelled, _start.AddHours(1)), (cancelled.Status, cancelled.EndedAt));
        Assert.True(ledger.Cancel(cancelled, _start.AddDays(9)).IsRepeat);
        Assert.Equal("reservation-occupied", refused.Code);
        Assert.Equal("reservation-cancelled", Assert.Throws<ConflictException>(() => ledger.Confirm(cancelled)).Code);
        Assert.Equal(new NightCounts(_today, 2, 1, 0, 1), ledger.Counts([_today])[0]);
    }

    [Fact]
    public void A_hold_lapses_at_its_deadline_and_not_before()
    {
        var (_, ledger) = Ledger(beds: 1);
        var held = Reserve(ledger, 0, 2);
        var deadline = held.ExpiresAt!.Value;

        var early = ledger.Sweep(deadline.AddTicks(-1));
        var found = ledger.Find(held.ReservationId, deadline);
        var swept = ledger.Sweep(deadline);

        Assert.Empty(early);
        Assert.Equal(ReservationStatus.Expired, found?.Status);
        Assert.Equal([held], swept);
        Assert.Equal((ReservationStatus.Expired, deadline), (ledger.Stays[held.ReservationId].Status, ledger.Stays[held.ReservationId].EndedAt));
        Assert.NotNull(ledger.Reserve(Stay(0, 2), _admitted, deadline).Change);
        Assert.Null(ledger.NextDeadline);
        Assert.Equal("reservation-expired", Assert.Throws<ConflictException>(() => ledger.CheckIn(ledger.Find(held.ReservationId, deadline)!, deadline)).Code);
        Assert.True(ledger.Cancel(ledger.Find(held.ReservationId, deadline)!, deadline).ReleasesClaim);
    }

    [Fact]
    public void Archived_stays_leave_the_ledger_and_still_count_on_the_nights_they_were_slept_in()
    {
        var (site, ledger) = Ledger(beds: 2);
        var slept = Step(ledger, ledger.CheckIn(Reserve(ledger, 0, 3), _start));
        var completed = Step(ledger, ledger.CheckOut(slept, _start.AddDays(2)));
        var cancelled = Step(ledger, ledger.Cancel(Reserve(ledger, 5, 2), _start));
        var live = Reserve(ledger, 2, 2);

        var ended = ledger.Unarchived();
        ledger.Archived(ended, _start.AddDays(2));

        Assert.Equal([completed.ReservationId, cancelled.ReservationId], ended.Select(s => s.ReservationId).Order(StringComparer.Ordinal));
        Assert.Equal([live.ReservationId], ledger.Stays.Keys);
        Assert.Equal(new ArchivedNights(_today, _today.AddDays(2)), Assert.Single(site.ArchivedNights, p => p.Key == 0).Value);
        Assert.Equal(0, ledger.ArchiveOf(completed.ReservationId));
        Assert.Null(ledger.ArchiveOf(live.ReservationId));
        Assert.Null(ledger.ArchiveOf(ReservationKey.Of(SiteId, 9)));
        var nights = StayRules.NightsOf(_today, _today.AddDays(3)).ToList();
        Assert.Equal([0, 0, 1], ledger.Counts(nights).Select(n => n.Occupied + n.Held));
        Assert.Equal([1, 1, 0], ledger.Counts(nights, [completed, cancelled]).Select(n => n.Occupied));
        Assert.Equal([0], ledger.ArchivesOccupying(_today.AddDays(-1), _today.AddDays(1)));
        Assert.Empty(ledger.ArchivesOccupying(_today.AddDays(2), _today.AddDays(5)));
    }

    [Fact]
    public void The_nights_of_archives_are_kept_only_while_counts_may_ask_about_them()
    {
        var (site, ledger) = Ledger(beds: 1);
        var slept = Step(ledger, ledger.CheckIn(Reserve(ledger, 0, 2), _start));
        ledger.Apply(ledger.CheckOut(slept, _start.AddDays(2)));
        ledger.Archived(ledger.Unarchived(), _start.AddDays(2));

        ledger.Archived([], _start.AddDays(2 + StayRules.HistoryDays - 1));
        var kept = site.ArchivedNights.Count;
        ledger.Archived([], _start.AddDays(2 + StayRules.HistoryDays));

        Assert.Equal(1, kept);
        Assert.Empty(site.ArchivedNights);
    }

    [Fact]
    public void Archives_hold_a_hundred_reservation_numbers_each()
    {
        Assert.Equal(0, StayArchiveKey.PartOf(ReservationKey.Of(SiteId, 1)));
        Assert.Equal(0, StayArchiveKey.PartOf(ReservationKey.Of(SiteId, 99)));
        Assert.Equal(12, StayArchiveKey.PartOf(ReservationKey.Of(SiteId, 1200)));
        Assert.Null(StayArchiveKey.PartOf("site-1~x1"));
        Assert.Equal("site-1~12", StayArchiveKey.Of(SiteId, 12));
    }

    [Fact]
    public void A_ledger_loaded_from_a_state_takes_its_nights_and_deadlines_again()
    {
        var (site, ledger) = Ledger(beds: 1);
        var held = Reserve(ledger, 0, 2);

        var reloaded = new StayLedger(SiteId, site);

        Assert.Equal(held.ExpiresAt, reloaded.NextDeadline);
        Assert.Null(reloaded.Reserve(Stay(0, 1), _admitted, _start).Change);
        Assert.Null(reloaded.Reserve(Stay(1, 1), _admitted, _start).Change);
    }

    /// <summary>
    /// Random days of stays on a small site: each night's counts, from the ledger and what it archived, are a
    /// recount of every stay ever made, and no bed-night ever has two stays.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Counts_are_a_recount_of_every_stay_whatever_was_archived(int seed)
    {
        var random = new Random(seed);
        var (_, ledger) = Ledger(beds: 4);
        var archive = new Dictionary<string, Reservation>();
        var now = _start;
        for (var step = 0; step < 600; step++)
        {
            now += TimeSpan.FromMinutes(random.Next(1, 240));
            ledger.Sweep(now);
            var stays = ledger.Stays.Values.ToList();
            var pick = stays.Count > 0 ? stays[random.Next(stays.Count)].At(now) : null;
            try
            {
                var change = random.Next(6) switch
                {
                    0 or 1 => ledger.Reserve(Stay(random.Next(0, 5), random.Next(1, 5), StayLedger.DayOf(now)), _admitted, now).Change,
                    2 when pick is not null => ledger.Confirm(pick),
                    3 when pick is not null => ledger.CheckIn(pick, now),
                    4 when pick is not null => ledger.CheckOut(pick, now),
                    5 when pick is not null => ledger.Cancel(pick, now),
                    _ => null,
                };
                if (change is not null)
                {
                    ledger.Apply(change);
                }
            }
            catch (ConflictException)
            {
                // A step the rules refuse changes nothing.
            }

            if (random.Next(3) == 0)
            {
                var ended = ledger.Unarchived();
                foreach (var stay in ended)
                {
                    archive[stay.ReservationId] = stay;
                }

                ledger.Archived(ended, now);
            }

            Assert.DoesNotContain(ledger.Stays.Values, s => archive.ContainsKey(s.ReservationId));
        }

        var every = ledger.Stays.Values.Concat(archive.Values).Select(s => s.At(now)).ToList();
        var nights = StayRules.NightsOf(_today, StayLedger.DayOf(now).AddDays(10)).ToList();
        var counted = ledger.Counts(nights, archive.Values);
        for (var i = 0; i < nights.Count; i++)
        {
            var night = nights[i];
            var taking = every.Where(s => s.KeepsNights && s.Nights().Contains(night)).ToList();
            Assert.Equal(taking.Count, taking.Select(s => s.BedId).Distinct().Count());
            Assert.Equal(
                new NightCounts(night, 4, 4 - taking.Count, taking.Count(s => !s.IsOccupancy), taking.Count(s => s.IsOccupancy)),
                counted[i]);
        }

        Assert.True(archive.Count > 20, "the run archived stays");
    }

    private static (LodgingSiteState Site, StayLedger Ledger) Ledger(int beds)
    {
        var site = new LodgingSiteState { Beds = [.. Enumerable.Range(1, beds).Select(n => new BedInfo(BedKey.Of(SiteId, n), $"{n}"))] };
        return (site, new StayLedger(SiteId, site));
    }

    private static Stay Stay(int fromDays, int nights, DateOnly? today = null)
    {
        var from = (today ?? _today).AddDays(fromDays);
        return new Stay("w-" + Guid.NewGuid().ToString("N")[..8], from, from.AddDays(nights), TimeSpan.FromMinutes(30), LodgingSamples.Commitment);
    }

    private static Reservation Reserve(StayLedger ledger, int fromDays, int nights) =>
        Step(ledger, ledger.Reserve(Stay(fromDays, nights), _admitted, _start).Change ?? throw new InvalidOperationException("full"));

    private static Reservation Step(StayLedger ledger, StayChange change)
    {
        ledger.Apply(change);
        return change.After;
    }
}
