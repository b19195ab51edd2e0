using System.Diagnostics;
using System.Globalization;
using System.Net;
using Matching.Api.Hosting;
using Orleans.Diagnostics;

namespace Matching.Api.Tests;

/// <summary>
/// What an operator sees: the Prometheus scrape with the product's own figures, traces from an HTTP request
/// through the grains it calls, and the Orleans Dashboard, each for staff and admins only.
/// </summary>
public sealed class TelemetryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "HoldChanged", "Hired", "CandidateWithdrawn"];

    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_scrape_after_a_small_run_shows_the_products_own_figures_moved()
    {
        // A small demo: an employer's recruiter watching, a worker registered and matched, held twice (the second
        // refused), hired, and a stay of three nights at a site.
        var (employer, order) = await Entities.OrderAsync(_client);
        await using var recruiter = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);
        await recruiter.InvokeAsync("JoinEmployer", employer);
        var worker = await Entities.WorkerAsync(_client);
        await recruiter.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);
        var hold = await (await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        var again = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await _client.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);
        await recruiter.WaitForAsync("Hired", e => e.GetProperty("workerId").GetString() == worker);
        var site = Http.NewId("site");
        await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(site));
        await _client.PostJsonAsync($"/api/lodging/sites/{site}/beds", """{"count":2}""");
        var lodger = await Entities.WorkerAsync(_client);
        var from = TestClock.Today;
        var stay = await _client.PostJsonAsync("/api/lodging/reservations", $$$"""
            {"workerId":"{{{lodger}}}","siteId":"{{{site}}}","from":"{{{from:yyyy-MM-dd}}}","to":"{{{from.AddDays(3):yyyy-MM-dd}}}","creditCommitment":{"signedBy":"安亭就业服务站","note":"企业已承诺录用"}}
            """);
        Assert.Equal(HttpStatusCode.Created, stay.StatusCode);

        var scrape = await _client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var metrics = Parse(await scrape.Content.ReadAsStringAsync());

        // Counters only grow, and other tests of this process add to them: at least what this run did.
        Assert.True(Sum(metrics, "matching_workers_registered_total") >= 2);
        Assert.True(Sum(metrics, "matching_matches_found_total") >= 1);
        Assert.True(Sum(metrics, "matching_feed_events_published_total", "channel_kind=\"employer\"") >= 3);
        Assert.True(Sum(metrics, "matching_relay_events_pushed_total", "channel_kind=\"employer\"") >= 3);
        Assert.True(Sum(metrics, "matching_relay_push_latency_seconds_count") >= 3);
        Assert.True(Sum(metrics, "matching_holds_total", "outcome=\"granted\"") >= 1);
        Assert.True(Sum(metrics, "matching_holds_total", "reason=\"worker-already-on-order\"") >= 1);
        Assert.True(Sum(metrics, "matching_hires_total") >= 1);
        Assert.True(Sum(metrics, "matching_lodging_bed_nights_held_total") >= 3);
        Assert.True(Sum(metrics, "matching_hub_connections", "hub=\"RecruiterHub\"") >= 1);
        Assert.True(Sum(metrics, "matching_feed_buffer_depth") >= 3);
        Assert.Contains(metrics, m => m.Name == "matching_relay_queue_depth");

        // Beside them, Orleans' own figures and ASP.NET Core's.
        Assert.Contains(metrics, m => m.Name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.True(Sum(metrics, "http_server_request_duration_seconds_count") >= 1);
    }

    [Fact]
    public async Task The_scrape_is_for_staff_and_admins()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(Caller.Recruiter("emp-0001")).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(Caller.Staff).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task An_http_request_and_the_grain_calls_it_makes_are_one_trace()
    {
        var (employer, _) = await Entities.OrderAsync(_client);
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new List<Activity>();
        var serverSpanEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Microsoft.AspNetCore" or ActivitySources.ApplicationGrainActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == traceId)
                {
                    lock (spans)
                    {
                        spans.Add(a);
                    }

                    if (a.Source.Name == "Microsoft.AspNetCore")
                    {
                        serverSpanEnded.TrySetResult();
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/employers/{employer}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);

        // The server span ends after the answer is written, so it may still be open when the client has the answer.
        await serverSpanEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        lock (spans)
        {
            var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
            var grainCalls = spans.Where(s => s.Source.Name == ActivitySources.ApplicationGrainActivitySourceName).ToList();

            // The endpoint's call to the employer grain, as the caller sent it and as the grain took it.
            Assert.Contains(grainCalls, s => s.ParentSpanId == server.SpanId && s.Kind == ActivityKind.Client);
            Assert.Contains(grainCalls, s => s.Kind == ActivityKind.Server && grainCalls.Any(c => c.SpanId == s.ParentSpanId));
        }
    }

    [Fact]
    public async Task The_dashboard_opens_for_staff_and_admins_through_a_session_cookie()
    {
        var anonymous = factory.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(Caller.Recruiter("emp-0001")).PostAsync(DashboardHosting.SessionRoute, null)).StatusCode);

        var session = await factory.Client(Caller.Staff).PostAsync(DashboardHosting.SessionRoute, null);

        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardHosting.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie alone opens the dashboard's page and its data, and nothing outside it.
        var pair = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        page.Headers.Add("Cookie", pair);
        var html = await anonymous.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("Orleans Dashboard", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DashboardHosting.ContentPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        using var data = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
        data.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(data)).StatusCode);
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/workers");
        elsewhere.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(elsewhere)).StatusCode);
    }

    /// <summary>The scrape's samples: metric name, labels as written, value.</summary>
    private static List<(string Name, string Labels, double Value)> Parse(string text)
    {
        var samples = new List<(string Name, string Labels, double Value)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var name = brace >= 0 ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = brace >= 0 ? line[(brace + 1)..line.LastIndexOf('}')] : "";

            // The value comes after the name and labels; a timestamp may follow it.
            var fields = line[(brace >= 0 ? line.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ');
            samples.Add((name, labels, double.Parse(fields[0], CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    private static double Sum(List<(string Name, string Labels, double Value)> metrics, string name, string? label = null) =>
        metrics.Where(m => m.Name == name && (label is null || m.Labels.Contains(label, StringComparison.Ordinal))).Sum(m => m.Value);
}
