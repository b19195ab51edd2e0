using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Errors;
using Matching.Feeds;
using Matching.Lodging;
using Matching.Reports;
using Matching.Storage;
using Matching.Tests.Cluster;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Matching.Tests.Lodging;

/// <summary>
/// Ended stays leave a site's state for its archive: the state stays small however many stays the site had,
/// reads by id, counts of past nights and reports still see every stay, and an archive that fails loses none.
/// </summary>
[Collection(StayArchiveCollection.Name)]
public sealed class StayArchiveTests(StayArchiveFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_site_with_thousands_of_ended_stays_keeps_only_its_live_ones_in_its_state()
    {
        const int ended = 2_000;
        var (siteId, site) = await SiteAsync(beds: 2);
        var booked = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 20, nights: 3);
        await site.ConfirmAsync(booked.ReservationId);
        var worker = await WorkerAsync();
        var first = "";
        for (var i = 0; i < ended; i++)
        {
            var stay = await ReserveAsync(site, siteId, worker, fromDays: 1 + (i % 10), nights: 2);
            first = first.Length == 0 ? stay.ReservationId : first;
            await site.CancelAsync(stay.ReservationId);
        }

        var stored = await StoredSiteAsync(siteId);
        var archives = await StoredArchivesAsync(siteId);

        // The live booking, and at most the stay whose end the last write stored before the archive took it.
        Assert.Contains(booked.ReservationId, stored.Reservations.Keys);
        Assert.InRange(stored.Reservations.Count, 1, 2);
        Assert.Equal(ended + 1, stored.LastReservationNumber);
        Assert.Equal(ended, archives.Sum(a => a.Stays.Count));
        Assert.All(archives, a => Assert.InRange(a.Stays.Count, 1, StayArchiveKey.StaysPerArchive));
        Assert.All(archives.SelectMany(a => a.Stays.Values), s => Assert.Equal(ReservationStatus.Cancelled, s.Status));

        Assert.Equal(ReservationStatus.Cancelled, (await site.GetReservationAsync(first)).Status);
        Assert.Equal(ReservationStatus.Cancelled, (await site.CancelAsync(first)).Status);
        Assert.Equal("reservation-cancelled", (await Assert.ThrowsAsync<ConflictException>(() => site.CheckInAsync(first))).Code);
        await Assert.ThrowsAsync<NotFoundException>(() => site.GetReservationAsync(ReservationKey.Of(siteId, ended + 2)));
        Assert.All((await site.GetAvailabilityAsync(Today.AddDays(20), Today.AddDays(23))).Nights, n => Assert.Equal((1, 1), (n.Free, n.Held)));
    }

    [Fact]
    public async Task Ended_stays_are_read_counted_and_reported_from_the_archive()
    {
        var (siteId, site) = await SiteAsync(beds: 2);
        var early = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 5);
        var late = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 5);
        var firstNight = Today;
        await site.CheckInAsync(early.ReservationId);
        await site.CheckInAsync(late.ReservationId);
        fixture.Time.Advance(TimeSpan.FromDays(2));
        var earlyOut = await site.CheckOutAsync(early.ReservationId);
        fixture.Time.Advance(TimeSpan.FromDays(1));
        var lateOut = await site.CheckOutAsync(late.ReservationId);
        await site.ReserveAsync(Request(siteId, await WorkerAsync(), 1, 1));

        Assert.DoesNotContain((await StoredSiteAsync(siteId)).Reservations.Values, s => s.HasEnded);
        Assert.Equal([early.ReservationId, late.ReservationId], (await StoredArchivesAsync(siteId)).SelectMany(a => a.Stays.Keys).Order(StringComparer.Ordinal));
        Assert.Equal(earlyOut, await site.GetReservationAsync(early.ReservationId));
        Assert.Equal(lateOut, await site.CheckOutAsync(late.ReservationId));
        Assert.Equal([2, 2, 1, 0, 0], (await site.GetAvailabilityAsync(firstNight, firstNight.AddDays(5))).Nights.Select(n => n.Occupied));

        // A check-out tells the operators the nights slept in, those of stays already archived counted too.
        var told = (await Grains.Feed(FeedChannel.Site(siteId)).ReadSinceAsync(null, 0)).Events.OfType<BedCountsChanged>().ToList();
        Assert.Contains(told, e => e.Nights.Any(n => n.Date == firstNight && n.Occupied == 2) && e.Nights.Any(n => n.Date == firstNight.AddDays(2) && n.Occupied == 1));

        var report = await Grains.GetGrain<IReportGrain>(0).BuildAsync(ReportKinds.Lodging, new ReportQuery(firstNight, Today, "site"));
        var row = Assert.Single(report.Rows, r => r.Keys[0] == siteId);
        Assert.Equal((5.0, 2.0), (row.Values[3], row.Values[4]));
    }

    [Fact]
    public async Task When_the_archive_fails_no_stay_is_lost_and_the_next_write_moves_them_out()
    {
        var (siteId, site) = await SiteAsync(beds: 1);
        var slept = await ReserveAsync(site, siteId, await WorkerAsync(), fromDays: 0, nights: 2);
        await site.CheckInAsync(slept.ReservationId);
        var worker = await WorkerAsync();
        fixture.Outage.Down = true;
        List<Reservation> cancelled = [];
        try
        {
            fixture.Time.Advance(TimeSpan.FromDays(1));
            await site.CheckOutAsync(slept.ReservationId);
            for (var i = 0; i < 20; i++)
            {
                var stay = await ReserveAsync(site, siteId, worker, fromDays: 1, nights: 2);
                cancelled.Add(await site.CancelAsync(stay.ReservationId));
            }

            var kept = await StoredSiteAsync(siteId);
            Assert.Equal(21, kept.Reservations.Count);
            Assert.Empty(await StoredArchivesAsync(siteId));
            Assert.Equal(cancelled[0], await site.GetReservationAsync(cancelled[0].ReservationId));
            Assert.Equal(1, (await site.GetAvailabilityAsync(Today.AddDays(-1), Today)).Nights[0].Occupied);
            Assert.Equal(1.0, (await LodgingReportAsync(siteId)).Values[3]);
        }
        finally
        {
            fixture.Outage.Down = false;
        }

        var next = await ReserveAsync(site, siteId, worker, fromDays: 3, nights: 1);
        await site.CancelAsync(next.ReservationId);

        Assert.InRange((await StoredSiteAsync(siteId)).Reservations.Count, 0, 1);
        Assert.Equal(22, (await StoredArchivesAsync(siteId)).Sum(a => a.Stays.Count));
        Assert.Equal(cancelled[^1], await site.GetReservationAsync(cancelled[^1].ReservationId));
        Assert.Equal(1, (await site.GetAvailabilityAsync(Today.AddDays(-1), Today)).Nights[0].Occupied);
        Assert.Equal(1.0, (await LodgingReportAsync(siteId)).Values[3]);
    }

    [Fact]
    public async Task A_state_stored_before_the_archive_moves_its_ended_stays_out_when_the_site_activates()
    {
        var siteId = LodgingSamples.NewId("site");
        var now = fixture.Time.GetUtcNow();
        Reservation Stay(int number, ReservationStatus status, int fromDays, int nights) => new()
        {
            ReservationId = ReservationKey.Of(siteId, number),
            BedId = BedKey.Of(siteId, 1),
            SiteId = siteId,
            WorkerId = $"w-{number}",
            From = Today.AddDays(fromDays),
            To = Today.AddDays(fromDays + nights),
            Until = Today.AddDays(fromDays + nights),
            Status = status,
            ExpiresAt = status is ReservationStatus.Held ? now.AddMinutes(30) : null,
            Basis = LodgingEligibility.OnCreditCommitment,
            CreatedAt = now.AddDays(-20),
            EndedAt = status is ReservationStatus.Cancelled ? now.AddDays(-19) : null,
        };
        Reservation[] stays =
        [
            Stay(1, ReservationStatus.Completed, -10, 3),
            Stay(2, ReservationStatus.Cancelled, -5, 2),
            Stay(150, ReservationStatus.Completed, -4, 2),
            Stay(151, ReservationStatus.Held, 1, 2),
        ];
        var old = new LodgingSiteState
        {
            Profile = LodgingSamples.Site() with { Id = siteId },
            Beds = [new BedInfo(BedKey.Of(siteId, 1), "1")],
            Reservations = stays.ToDictionary(s => s.ReservationId),
            LastReservationNumber = 151,
            CreatedAt = now.AddDays(-30),
            UpdatedAt = now.AddDays(-1),
        };
        await WriteAsOldStateAsync(siteId, old);
        var site = Grains.GetGrain<ILodgingSiteGrain>(siteId);

        var counts = await site.GetAvailabilityAsync(Today.AddDays(-10), Today.AddDays(3));

        var stored = await StoredSiteAsync(siteId);
        Assert.Equal([stays[3].ReservationId], stored.Reservations.Keys);
        Assert.Equal([0, 1], stored.ArchivedNights.Keys.Order());
        Assert.Equal([stays[0], stays[1], stays[2]], (await StoredArchivesAsync(siteId)).SelectMany(a => a.Stays.Values).OrderBy(s => s.From));
        Assert.Equal(stays[1], await site.GetReservationAsync(stays[1].ReservationId));
        Assert.Equal(stays[2], await site.CheckOutAsync(stays[2].ReservationId));
        Assert.Equal(
            [1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
            counts.Nights.Select(n => n.Occupied));
        Assert.Equal([1, 1], counts.Nights[11..].Select(n => n.Held));
    }

    private async Task<ReportRow> LodgingReportAsync(string siteId)
    {
        var report = await Grains.GetGrain<IReportGrain>(0).BuildAsync(ReportKinds.Lodging, new ReportQuery(Today.AddDays(-5), Today, "site"));
        return Assert.Single(report.Rows, r => r.Keys[0] == siteId);
    }

    /// <summary>Writes the state as a site stored it before archives existed: every ended stay inside, no archive nights.</summary>
    private async Task WriteAsOldStateAsync(string siteId, LodgingSiteState old)
    {
        var json = JsonSerializer.SerializeToNode(old, StateJson.Options)!.AsObject();
        Assert.True(json.Remove("archivedNights"));
        var storage = fixture.SiloService<SqliteGrainStorage>();
        var element = JsonSerializer.Deserialize<JsonElement>(json.ToJsonString());
        await storage.WriteStateAsync(StorageNames.LodgingSite, GrainId.Create("lodgingsite", siteId), new GrainState<JsonElement>(element));
    }

    private async Task<LodgingSiteState> StoredSiteAsync(string siteId)
    {
        await foreach (var (key, state) in Store.ScanAsync<LodgingSiteState>(StorageNames.LodgingSite))
        {
            if (key == siteId)
            {
                return state;
            }
        }

        throw new InvalidOperationException($"site '{siteId}' is not stored.");
    }

    private async Task<List<StayArchiveState>> StoredArchivesAsync(string siteId)
    {
        var archives = new List<StayArchiveState>();
        await foreach (var (_, archive) in Store.ScanAsync<StayArchiveState>(StorageNames.StayArchive))
        {
            if (archive.SiteId == siteId)
            {
                archives.Add(archive);
            }
        }

        return archives;
    }

    private IStateStore Store => fixture.SiloService<IStateStore>();

    private async Task<(string Id, ILodgingSiteGrain Site)> SiteAsync(int beds)
    {
        var id = LodgingSamples.NewId("site");
        var site = Grains.GetGrain<ILodgingSiteGrain>(id);
        await site.CreateAsync(LodgingSamples.Site());
        await site.AddBedsAsync(new AddBedsRequest { Count = beds });
        return (id, site);
    }

    private async Task<string> WorkerAsync()
    {
        var id = LodgingSamples.NewId("w");
        await Grains.GetGrain<IWorkerGrain>(id).CreateAsync(LodgingSamples.Worker(Today));
        return id;
    }

    private StayRequest Request(string siteId, string workerId, int fromDays, int nights) => new()
    {
        WorkerId = workerId,
        SiteId = siteId,
        From = Today.AddDays(fromDays),
        To = Today.AddDays(fromDays + nights),
        CreditCommitment = LodgingSamples.Commitment,
    };

    private async Task<Reservation> ReserveAsync(ILodgingSiteGrain site, string siteId, string workerId, int fromDays, int nights)
    {
        var result = await site.ReserveAsync(Request(siteId, workerId, fromDays, nights));
        return result.Reservation ?? throw new InvalidOperationException($"full on {string.Join(", ", result.FullNights)}");
    }
}

/// <summary>Makes every archive write fail while <see cref="Down"/>, as a store or silo that does not answer would.</summary>
public sealed class ArchiveOutage
{
    public bool Down { get; set; }

    public async Task InvokeAsync(IIncomingGrainCallContext context)
    {
        if (Down && context.Grain is StayArchiveGrain && context.InterfaceMethod.Name == nameof(IStayArchiveGrain.AddAsync))
        {
            throw new TimeoutException("injected fault: the archive did not answer");
        }

        await context.Invoke();
    }
}

/// <summary>The shared one-silo cluster with an archive that can be made to fail.</summary>
public sealed class StayArchiveFixture() : ClusterFixture(LodgingSamples.Start)
{
    public ArchiveOutage Outage { get; } = new();

    protected override void Configure(ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter(Outage.InvokeAsync);

        // Thousands of stays: what is measured here is what the state holds, not the disk's flush rate.
        silo.Services.Configure<MatchingOptions>(o => o.FlushEachCommit = false);
    }
}

[CollectionDefinition(Name)]
public sealed class StayArchiveCollection : ICollectionFixture<StayArchiveFixture>
{
    public const string Name = "Stay archive cluster";
}
