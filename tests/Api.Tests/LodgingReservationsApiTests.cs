using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Api.Tests;

/// <summary>Bed reservations through HTTP: the stay lifecycle, full nights, expiry, counts and contention.</summary>
[Collection(ApiCollection.Name)]
public sealed class LodgingReservationsApiTests(ApiFactory factory)
{
    private const string Reservations = "/api/lodging/reservations";

    private readonly HttpClient _client = factory.Client();

    private static DateOnly Today => TestClock.Today;

    [Fact]
    public async Task A_stay_is_held_checked_in_and_checked_out()
    {
        var site = await SiteAsync(_client, beds: 2);
        var worker = await WorkerAsync(_client);

        var created = await _client.PostJsonAsync(Reservations, Stay(worker, site, 0, 3));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var held = await created.JsonAsync();
        var id = held.GetProperty("reservationId").GetString()!;
        Assert.Equal($"{Reservations}/{id}", created.Headers.Location?.OriginalString);
        Assert.StartsWith($"{site}~r", id, StringComparison.Ordinal);
        Assert.StartsWith($"{site}~", held.GetProperty("bedId").GetString(), StringComparison.Ordinal);
        Assert.Equal(site, held.GetProperty("siteId").GetString());
        Assert.Equal(worker, held.GetProperty("workerId").GetString());
        Assert.Equal(Date(0), held.GetProperty("from").GetString());
        Assert.Equal(Date(3), held.GetProperty("to").GetString());
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.True(held.GetProperty("expiresAt").GetDateTimeOffset() > factory.Time.GetUtcNow().AddMinutes(29));
        Assert.Equal("creditCommitment", held.GetProperty("basis").GetString());
        Assert.Equal("安亭就业服务站", held.GetProperty("creditCommitment").GetProperty("signedBy").GetString());
        Assert.Equal("held", (await (await _client.GetAsync($"{Reservations}/{id}")).JsonAsync()).GetProperty("status").GetString());
        Assert.All(await NightsAsync(_client, site, 0, 3), n => Assert.Equal((2, 1, 1, 0), n));

        var occupied = await (await _client.PostAsync($"{Reservations}/{id}/check-in", null)).JsonAsync();
        Assert.Equal("occupied", occupied.GetProperty("status").GetString());
        Assert.All(await NightsAsync(_client, site, 0, 3), n => Assert.Equal((2, 1, 0, 1), n));

        var completed = await (await _client.PostAsync($"{Reservations}/{id}/check-out", null)).JsonAsync();
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.All(await NightsAsync(_client, site, 0, 3), n => Assert.Equal((2, 2, 0, 0), n));
        await (await _client.DeleteAsync($"{Reservations}/{id}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_stay_not_yet_started_is_booked_or_cancelled_but_not_checked_in_to()
    {
        var site = await SiteAsync(_client, beds: 1);
        var id = await ReserveAsync(_client, site, await WorkerAsync(_client), 2, 2);

        var early = await (await _client.PostAsync($"{Reservations}/{id}/check-in", null)).ProblemAsync(HttpStatusCode.Conflict);
        var booked = await (await _client.PostAsync($"{Reservations}/{id}/confirm", null)).JsonAsync();
        var cancelled = await _client.DeleteAsync($"{Reservations}/{id}");
        var again = await _client.DeleteAsync($"{Reservations}/{id}");

        Assert.Equal("too-early", early.GetProperty("code").GetString());
        Assert.Equal("confirmed", booked.GetProperty("status").GetString());
        Assert.Equal("cancelled", (await cancelled.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.All(await NightsAsync(_client, site, 2, 4), n => Assert.Equal((1, 1, 0, 0), n));
    }

    [Fact]
    public async Task A_full_site_answers_409_naming_the_full_nights()
    {
        var site = await SiteAsync(_client, beds: 1);
        await ReserveAsync(_client, site, await WorkerAsync(_client), 2, 2);

        var full = await _client.PostJsonAsync(Reservations, Stay(await WorkerAsync(_client), site, 1, 4));

        var problem = await full.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("no-bed", problem.GetProperty("code").GetString());
        Assert.Equal([Date(2), Date(3)], problem.GetProperty("fullNights").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([1, 1, 0, 0, 1], (await NightsAsync(_client, site, 0, 5)).Select(n => n.Free));
    }

    [Fact]
    public async Task A_worker_without_an_eligible_employer_or_a_commitment_gets_409_not_eligible()
    {
        var site = await SiteAsync(_client, beds: 1);
        var worker = await WorkerAsync(_client);

        var refused = await _client.PostJsonAsync(Reservations, Stay(worker, site, 0, 2, commitment: false));

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-eligible", problem.GetProperty("code").GetString());
        Assert.Contains("credit commitment", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(await NightsAsync(_client, site, 0, 2), n => Assert.Equal((1, 1, 0, 0), n));
    }

    [Fact]
    public async Task An_operator_refused_a_bed_for_a_held_worker_is_not_told_who_holds_it()
    {
        var site = await SiteAsync(_client, beds: 1);
        var employer = Http.NewId("emp");
        var order = Http.NewId("job");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer, key: false));
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer));
        var worker = await WorkerAsync(_client);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).StatusCode);

        var refused = await factory.Client(Caller.Operator(site)).PostJsonAsync(Reservations, Stay(worker, site, 0, 2, commitment: false));

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-eligible", problem.GetProperty("code").GetString());
        Assert.DoesNotContain(employer, problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(order, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_holds_one_stay_at_a_time()
    {
        var site = await SiteAsync(_client, beds: 3);
        var worker = await WorkerAsync(_client);
        await ReserveAsync(_client, site, worker, 0, 2);

        var second = await _client.PostJsonAsync(Reservations, Stay(worker, site, 5, 2));

        Assert.Equal("worker-has-stay", (await second.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_reservation()
    {
        var site = await SiteAsync(_client, beds: 2);
        var body = Stay(await WorkerAsync(_client), site, 0, 2);

        var key = $"key-{Guid.NewGuid():N}";
        var first = await SendWithKeyAsync(body, key);
        var retry = await SendWithKeyAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("reservationId").GetString(), (await retry.JsonAsync()).GetProperty("reservationId").GetString());
        Assert.All(await NightsAsync(_client, site, 0, 2), n => Assert.Equal(1, n.Held));
    }

    [Fact]
    public async Task Availability_covers_today_and_fourteen_nights_by_default_and_rejects_bad_ranges()
    {
        var site = await SiteAsync(_client, beds: 4);
        var bed = $"{site}~0001";
        Assert.Equal(HttpStatusCode.OK, (await _client.PutJsonAsync($"/api/lodging/beds/{bed}", """{"inService":false}""")).StatusCode);

        var counts = await (await _client.GetAsync($"/api/lodging/sites/{site}/availability")).JsonAsync();

        var nights = counts.GetProperty("nights").EnumerateArray().ToList();
        Assert.Equal(14, nights.Count);
        Assert.Equal(Date(0), nights[0].GetProperty("date").GetString());
        Assert.All(nights, n => Assert.Equal((4, 3, 0, 0), Counts(n)));
        Assert.Equal(["from"], await (await _client.GetAsync($"/api/lodging/sites/{site}/availability?from=tomorrow")).FieldErrorsAsync());
        Assert.Equal(["to"], await (await _client.GetAsync($"/api/lodging/sites/{site}/availability?from={Date(3)}&to={Date(3)}")).FieldErrorsAsync());
        Assert.Equal(["to"], await (await _client.GetAsync($"/api/lodging/sites/{site}/availability?from={Date(0)}&to={Date(63)}")).FieldErrorsAsync());
        Assert.Equal(62, (await NightsAsync(_client, site, 0, 62)).Length);
        await (await _client.GetAsync("/api/lodging/sites/no-such-site/availability")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutJsonAsync("/api/lodging/beds/no-such-bed", """{"inService":false}""")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_stay_requests_answer_4xx_problems_and_change_nothing()
    {
        var site = await SiteAsync(_client, beds: 1);
        var worker = await WorkerAsync(_client);
        string[] bodies =
        [
            "",
            "null",
            "[]",
            "{",
            "{}",
            Stay(worker, site, 0, 2).Replace(Date(0), "2026-02-30", StringComparison.Ordinal),
            Stay(worker, site, -1, 2),
            Stay(worker, site, 61, 2),
            Stay(worker, site, 2, 0),
            Stay(worker, site, 0, 16),
            Stay(worker, site, 0, 2).Replace("\"ttlSeconds\":null", "\"ttlSeconds\":1", StringComparison.Ordinal),
            Stay(worker, site, 0, 2).Replace("安亭就业服务站", "", StringComparison.Ordinal),
            Stay(worker, "../etc", 0, 2),
            Stay(worker, "no-such-site", 0, 2),
            Stay("no-such-worker", site, 0, 2),
            Stay($"{worker}~r1", site, 0, 2),
            Stay(worker, site, 0, 2, commitment: false),
        ];

        foreach (var body in bodies)
        {
            var response = await _client.PostJsonAsync(Reservations, body);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{body} answered {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.All(await NightsAsync(_client, site, 0, 16), n => Assert.Equal((1, 1, 0, 0), n));
        await (await _client.GetAsync($"{Reservations}/nonsense")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{Reservations}/{site}~r1")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync($"{Reservations}/{site}~r1/check-in", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"{Reservations}/no-such-site~r1")).ProblemAsync(HttpStatusCode.NotFound);

        // The one valid request after all that gets the site's first number: nothing was taken before it.
        var id = await ReserveAsync(_client, site, worker, 0, 2);
        Assert.Equal($"{site}~r1", id);
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_for_twenty_beds_give_exactly_twenty_stays()
    {
        var site = await SiteAsync(_client, beds: 20);
        var workers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => WorkerAsync(_client)));

        var responses = await Task.WhenAll(workers.Select(w => _client.PostJsonAsync(Reservations, Stay(w, site, 1, 5))));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(180, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("no-bed", (await refused.JsonAsync()).GetProperty("code").GetString());
        }

        var stays = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.JsonAsync()));
        var bedNights = stays
            .SelectMany(s => Enumerable.Range(1, 5).Select(d => (Bed: s.GetProperty("bedId").GetString(), Night: Date(d))))
            .ToList();
        Assert.Equal(100, bedNights.Distinct().Count());
        Assert.Equal(20, stays.Select(s => s.GetProperty("bedId").GetString()).Distinct().Count());
        Assert.All(await NightsAsync(_client, site, 1, 6), n => Assert.Equal((20, 0, 20, 0), n));
    }

    [Fact]
    public async Task A_lapsed_hold_frees_its_bed_and_the_counts_show_it()
    {
        await using var api = new ClockedApi();
        var client = api.Client;
        var site = await SiteAsync(client, beds: 1);
        var id = await ReserveAsync(client, site, await WorkerAsync(client), 0, 2, ttlSeconds: 60, today: api.Today);
        Assert.All(await NightsAsync(client, site, 0, 2, api.Today), n => Assert.Equal((1, 0, 1, 0), n));

        api.Time.Advance(TimeSpan.FromSeconds(60));

        var lapsed = await (await client.GetAsync($"{Reservations}/{id}")).JsonAsync();
        Assert.Equal("expired", lapsed.GetProperty("status").GetString());
        Assert.All(await NightsAsync(client, site, 0, 2, api.Today), n => Assert.Equal((1, 1, 0, 0), n));
        var late = await (await client.PostAsync($"{Reservations}/{id}/check-in", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("reservation-expired", late.GetProperty("code").GetString());
        Assert.NotNull(await ReserveAsync(client, site, await WorkerAsync(client), 0, 2, today: api.Today));
    }

    [Fact]
    public async Task A_booked_stay_is_checked_in_to_on_its_first_day()
    {
        await using var api = new ClockedApi();
        var client = api.Client;
        var site = await SiteAsync(client, beds: 1);
        var id = await ReserveAsync(client, site, await WorkerAsync(client), 1, 3, today: api.Today);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Reservations}/{id}/confirm", null)).StatusCode);

        api.Time.Advance(TimeSpan.FromDays(1));
        var occupied = await (await client.PostAsync($"{Reservations}/{id}/check-in", null)).JsonAsync();
        api.Time.Advance(TimeSpan.FromDays(1));
        var completed = await (await client.PostAsync($"{Reservations}/{id}/check-out", null)).JsonAsync();

        Assert.Equal("occupied", occupied.GetProperty("status").GetString());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal([1, 0, 0], (await NightsAsync(client, site, -1, 2, api.Today)).Select(n => n.Occupied));
    }

    [Fact]
    public async Task An_ended_stay_is_read_and_reported_as_before_once_the_site_has_archived_it()
    {
        await using var api = new ClockedApi();
        var client = api.Client;
        var site = await SiteAsync(client, beds: 1);
        var first = api.Today;
        var id = await ReserveAsync(client, site, await WorkerAsync(client), 0, 3, today: api.Today);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Reservations}/{id}/check-in", null)).StatusCode);
        api.Time.Advance(TimeSpan.FromDays(2));
        var completed = await (await client.PostAsync($"{Reservations}/{id}/check-out", null)).JsonAsync();

        // Later changes of the site: its state is written again without the ended stay.
        var later = await ReserveAsync(client, site, await WorkerAsync(client), 1, 1, today: api.Today);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"{Reservations}/{later}")).StatusCode);

        var read = await (await client.GetAsync($"{Reservations}/{id}")).JsonAsync();
        Assert.Equal(completed.GetRawText(), read.GetRawText());
        Assert.Equal(first.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), read.GetProperty("until").GetString());
        Assert.Equal("reservation-completed", (await (await client.PostAsync($"{Reservations}/{id}/check-in", null)).ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal([1, 1, 0], (await NightsAsync(client, site, -2, 1, api.Today)).Select(n => n.Occupied));
        var report = await Reports.Answered.GetAsync(client, $"/api/reports/lodging?from={first:yyyy-MM-dd}&to={api.Today:yyyy-MM-dd}&groupBy=site");
        Assert.Equal((2.0, 1.0), (report.Rows[site][3], report.Rows[site][4]));
    }

    private static string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stay(string worker, string site, int fromDays, int nights, bool commitment = true, DateOnly? today = null)
    {
        var first = (today ?? Today).AddDays(fromDays);
        var signed = commitment ? ""","creditCommitment":{"signedBy":"安亭就业服务站","note":"企业已承诺录用"}""" : "";
        return $$"""
            {"workerId":"{{worker}}","siteId":"{{site}}","from":"{{first:yyyy-MM-dd}}","to":"{{first.AddDays(nights):yyyy-MM-dd}}","ttlSeconds":null{{signed}}}
            """;
    }

    private static async Task<string> SiteAsync(HttpClient client, int beds)
    {
        var id = Http.NewId("site");
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/lodging/sites", Samples.Site(id))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/api/lodging/sites/{id}/beds", $$"""{"count":{{beds}}}""")).StatusCode);
        return id;
    }

    private static async Task<string> WorkerAsync(HttpClient client)
    {
        var id = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/workers", Samples.Worker(id))).StatusCode);
        return id;
    }

    private static async Task<string> ReserveAsync(
        HttpClient client, string site, string worker, int fromDays, int nights, int? ttlSeconds = null, DateOnly? today = null)
    {
        var body = Stay(worker, site, fromDays, nights, today: today);
        if (ttlSeconds is { } ttl)
        {
            body = body.Replace("\"ttlSeconds\":null", $"\"ttlSeconds\":{ttl}", StringComparison.Ordinal);
        }

        var response = await client.PostJsonAsync(Reservations, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("reservationId").GetString()!;
    }

    private static async Task<(int Total, int Free, int Held, int Occupied)[]> NightsAsync(
        HttpClient client, string site, int fromDays, int toDays, DateOnly? today = null)
    {
        var first = today ?? Today;
        var url = $"/api/lodging/sites/{site}/availability?from={first.AddDays(fromDays):yyyy-MM-dd}&to={first.AddDays(toDays):yyyy-MM-dd}";
        var body = await (await client.GetAsync(url)).JsonAsync();
        return [.. body.GetProperty("nights").EnumerateArray().Select(Counts)];
    }

    private static (int Total, int Free, int Held, int Occupied) Counts(JsonElement night) => (
        night.GetProperty("total").GetInt32(),
        night.GetProperty("free").GetInt32(),
        night.GetProperty("held").GetInt32(),
        night.GetProperty("occupied").GetInt32());

    private Task<HttpResponseMessage> SendWithKeyAsync(string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Reservations)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    /// <summary>
    /// The product on real HTTP with a fake clock the test moves on, for deadlines. A server of its own:
    /// the clock moves for everything on it, so it must not be the one other tests share.
    /// </summary>
    private sealed class ClockedApi : IAsyncDisposable
    {
        private readonly ApiFactory _root = new();

        public ClockedApi()
        {
            var factory = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(MatchingClock.Key, Time)));
            factory.UseKestrel(0);
            factory.StartServer();

            // A factory derived with WithWebHostBuilder runs Kestrel but hands out no client for it: ask the server where it listens.
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            Client = new HttpClient { BaseAddress = new Uri(addresses.First()) };
            Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Tokens.Issue(factory.Services, Caller.Admin));
        }

        public FakeTimeProvider Time { get; } = new(TestClock.Noon);

        public HttpClient Client { get; }

        public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

        /// <summary>The root factory disposes the one derived from it, and with it the server.</summary>
        public ValueTask DisposeAsync()
        {
            Client.Dispose();
            return _root.DisposeAsync();
        }
    }
}
