using System.Net;
using System.Text;

namespace Matching.Api.Tests;

/// <summary>A product with low rate limits and a CORS origin, shared by the limit tests.</summary>
public sealed class LowLimitsFactory : IAsyncLifetime
{
    public const string AllowedOrigin = "https://screens.example";

    public ApiFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["Matching:RateLimits:WindowSeconds"] = "60",
        ["Matching:RateLimits:Staff:Writes"] = "5",
        ["Matching:RateLimits:Staff:HubConnections"] = "2",
        ["Matching:RateLimits:BoardViewer:Reads"] = "3",
        ["Matching:RateLimits:BoardViewer:HubCalls"] = "3",
        ["Matching:Cors:Origins:0"] = AllowedOrigin,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}

/// <summary>
/// Writes and hub connections over a limit get 429 with <c>Retry-After</c>, bodies over 64 KB get 413, every
/// answer carries the security headers, and only configured origins may call from a browser.
/// </summary>
public sealed class LimitsTests(LowLimitsFactory low) : IClassFixture<LowLimitsFactory>
{
    private ApiFactory Factory => low.Factory;

    [Fact]
    public async Task A_user_over_its_write_limit_gets_429_with_retry_after_and_others_go_on()
    {
        var busy = Factory.Client(Caller.Staff with { Name = "busy" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await busy.PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")))).StatusCode);
        }

        var limited = await busy.PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")));
        var body = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 5), statuses.Take(5));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(5));
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("retry after", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Reads have an allowance of their own, and another user has its own allowance.
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/employers")).StatusCode);
        var other = Factory.Client(Caller.Staff with { Name = "calm" });
        Assert.Equal(HttpStatusCode.Created, (await other.PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")))).StatusCode);
    }

    [Fact]
    public async Task Hub_connections_over_the_limit_are_refused_with_429()
    {
        var caller = Caller.Staff with { Name = "screens" };
        await using var first = await HubClient.ConnectAsync(Factory, "/hubs/fair", caller);
        await using var second = await HubClient.ConnectAsync(Factory, "/hubs/lodging", caller);

        var third = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(Factory, "/hubs/fair", caller));
        var negotiate = await Factory.Client(caller).PostAsync("/hubs/fair/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        await negotiate.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(negotiate.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413_whether_its_length_is_declared_or_not()
    {
        var client = Factory.Client(Caller.Staff with { Name = "bodies" });
        var id = Http.NewId("emp");
        var huge = Samples.Employer(id).Replace("上海某重工", new string('x', 70_000), StringComparison.Ordinal);

        var declared = await client.PostJsonAsync("/api/employers", huge);
        var chunked = await client.PostAsync("/api/employers", new ChunkedContent(huge));
        var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/employers") { Content = new ChunkedContent(huge) };
        keyed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var guarded = await client.SendAsync(keyed);

        await declared.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await chunked.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await guarded.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/employers/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("/health/live", false)]
    [InlineData("/api/employers", false)]
    [InlineData("/api/employers", true)]
    [InlineData("/api/nothing-here", true)]
    [InlineData("/scalar/v1", false)]
    public async Task Every_answer_carries_the_security_headers(string route, bool signedIn)
    {
        var client = signedIn ? Factory.Client(Caller.Staff) : Factory.AnonymousClient();

        var response = await client.GetAsync(route);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains(route.StartsWith("/scalar", StringComparison.Ordinal) ? "script-src 'self' 'unsafe-inline'" : "script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_configured_origin_may_call_from_a_browser()
    {
        var client = Factory.AnonymousClient();

        var allowed = await client.SendAsync(Preflight(LowLimitsFactory.AllowedOrigin));
        var refused = await client.SendAsync(Preflight("https://elsewhere.example"));

        Assert.Equal(LowLimitsFactory.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Busy_callers_behind_one_address_lock_out_neither_an_idle_caller_nor_the_token_route()
    {
        await using var product = new ApiFactory(new Dictionary<string, string?>
        {
            ["Matching:RateLimits:WindowSeconds"] = "60",
            ["Matching:RateLimits:Staff:Writes"] = "3",
            ["Matching:RateLimits:AnonymousPerAddress"] = "3",
        });
        var busy = Enumerable.Range(0, 3).Select(i => product.Client(Caller.Staff with { Name = $"busy-{i}" })).ToList();
        var statuses = new List<HttpStatusCode>();
        foreach (var client in busy)
        {
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await client.PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")))).StatusCode);
            }
        }

        var idle = await product.Client(Caller.Staff with { Name = "idle" }).PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")));
        var token = await product.AnonymousClient().PostJsonAsync("/api/dev/tokens", """{"role":"staff","name":"newcomer"}""");

        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Created, idle.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Reads_and_hub_calls_have_allowances_too()
    {
        var fair = Http.NewId("fair");
        var viewer = Caller.Viewer(fair) with { Name = "screen-1" };
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            reads.Add((await Factory.Client(viewer).GetAsync($"/api/fairs/{fair}/board")).StatusCode);
        }

        await using var hub = await HubClient.ConnectAsync(Factory, "/hubs/fair", viewer with { Name = "screen-2" });
        var calls = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("JoinFair", fair));
            calls.Add(refused.Message);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], reads);
        Assert.All(calls.Take(3), m => Assert.Contains("does not exist", m, StringComparison.Ordinal));
        Assert.All(calls.Skip(3), m => Assert.Contains("Too many hub calls", m, StringComparison.Ordinal));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/employers");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    /// <summary>A JSON body sent without a Content-Length, so only reading it can find it too large.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
