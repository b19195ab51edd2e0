using System.Net;
using System.Text;
using Matching.Api.Idempotency;
using Matching.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Api.Tests;

/// <summary>
/// A mutating request sent again with the same <c>Idempotency-Key</c> gets the first answer and changes
/// nothing: within the retention, across a restart, and under concurrent retries.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFactory factory)
{
    private const string Replayed = "Idempotent-Replayed";

    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_retried_create_returns_the_first_answer_and_creates_once()
    {
        var id = Http.NewId("emp");
        var key = NewKey();

        var first = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);
        var retry = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains(Replayed));
        await AssertReplayOfAsync(first, retry);
        Assert.Equal($"/api/employers/{id}", retry.Headers.Location?.OriginalString);

        // Had the retry run again it would have met the employer and answered 409 itself.
        var other = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), NewKey());
        Assert.Equal("already-exists", (await other.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_retried_create_without_an_id_returns_the_same_generated_id()
    {
        var key = NewKey();

        var first = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", """{"name":"某物流","district":"pudong"}""", key);
        var retry = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", """{"name":"某物流","district":"pudong"}""", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, retry);
        Assert.Equal(
            (await first.JsonAsync()).GetProperty("id").GetString(),
            (await retry.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_retried_bad_request_returns_the_same_400()
    {
        var body = $$"""{"id":"{{Http.NewId("emp")}}","name":"","district":"paris"}""";
        var key = NewKey();

        var first = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", body, key);
        var retry = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", body, key);

        Assert.Equal(["district", "name"], await first.FieldErrorsAsync());
        await AssertReplayOfAsync(first, retry);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_runs_nothing()
    {
        var key = NewKey();
        var first = Http.NewId("emp");
        var second = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(first), key)).StatusCode);

        var reused = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(second), key);

        Assert.Equal("idempotency-key-reused", (await reused.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString());
        await (await _client.GetAsync($"/api/employers/{second}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_are_scoped_per_route()
    {
        var key = NewKey();
        var employers = new[] { Http.NewId("emp"), Http.NewId("emp") };
        var worker = Http.NewId("w");

        var created = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(employers[0]), key);
        var otherRoute = await _client.SendJsonAsync(HttpMethod.Post, "/api/workers", Samples.Worker(worker), key);
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employers[1]));
        var update = """{"name":"上海某重工集团","district":"baoshan"}""";
        var updates = new[]
        {
            await _client.SendJsonAsync(HttpMethod.Put, $"/api/employers/{employers[0]}", update, key),
            await _client.SendJsonAsync(HttpMethod.Put, $"/api/employers/{employers[1]}", update, key),
        };

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherRoute.StatusCode);
        Assert.False(otherRoute.Headers.Contains(Replayed));
        Assert.All(updates, u => Assert.Equal(HttpStatusCode.OK, u.StatusCode));
        Assert.All(updates, u => Assert.False(u.Headers.Contains(Replayed)));
        foreach (var id in employers)
        {
            Assert.Equal("baoshan", (await (await _client.GetAsync($"/api/employers/{id}")).JsonAsync()).GetProperty("district").GetString());
        }
    }

    [Fact]
    public async Task Twenty_parallel_identical_requests_run_once()
    {
        var id = Http.NewId("emp");
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key)));

        var original = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(Replayed));
        foreach (var response in responses.Where(r => r != original))
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal("true", Assert.Single(response.Headers.GetValues(Replayed)));
            }
            else
            {
                var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
                Assert.Equal("idempotency-in-progress", problem.GetProperty("code").GetString());
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/employers/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a key\twith a tab")]
    [InlineData("clé-non-ascii")]
    [InlineData("256")]
    public async Task A_bad_key_is_400_and_runs_nothing(string key)
    {
        key = key == "256" ? new string('k', 256) : key;
        var id = Http.NewId("emp");
        using var client = Utf8HeaderClient();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);

        Assert.Equal(["Idempotency-Key"], await response.FieldErrorsAsync());
        await (await _client.GetAsync($"/api/employers/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_to_no_route_store_no_answer_under_their_key()
    {
        var store = factory.Services.GetRequiredService<Storage.IStateStore>();
        var before = await StoredKeysAsync(store);

        for (var i = 0; i < 5; i++)
        {
            using var missing = new HttpRequestMessage(HttpMethod.Post, $"/api/no-such-route/{i}") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            missing.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await (await _client.SendAsync(missing)).ProblemAsync(HttpStatusCode.NotFound);
            using var wrongMethod = new HttpRequestMessage(HttpMethod.Delete, "/api/employers");
            wrongMethod.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await (await _client.SendAsync(wrongMethod)).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        }

        Assert.Equal(before, await StoredKeysAsync(store));
    }

    [Fact]
    public async Task Expired_answers_are_swept_from_the_store_though_nobody_retries_them()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), clock);
        var client = product.Client();
        var store = product.Services.GetRequiredService<Storage.IStateStore>();
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(Http.NewId("emp")), NewKey())).StatusCode);
        var sweeper = product.Services.GetRequiredService<IdempotencySweeper>();

        var whileLive = await sweeper.SweepAsync();
        var stored = await StoredKeysAsync(store);
        clock.Advance(TimeSpan.FromHours(new IdempotencyOptions().RetentionHours));
        var expired = await sweeper.SweepAsync();

        Assert.Equal((0, 1, 1), (whileLive, stored, expired));
        Assert.Equal(0, await StoredKeysAsync(store));
    }

    [Fact]
    public async Task A_caller_may_keep_only_so_many_answers_stored_and_others_are_not_affected()
    {
        await using var product = new ApiFactory(new Dictionary<string, string?> { ["Matching:Idempotency:MaxLiveKeysPerCaller"] = "3" });
        var looping = product.Client(Caller.Staff with { Name = "loop" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await looping.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(Http.NewId("emp")), NewKey())).StatusCode);
        }

        var refused = await looping.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(Http.NewId("emp")), NewKey());
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("idempotency-keys-exhausted", problem.GetProperty("code").GetString());
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, (await looping.PostJsonAsync("/api/employers", Samples.Employer(Http.NewId("emp")))).StatusCode);
        var other = product.Client(Caller.Staff with { Name = "desk" });
        Assert.Equal(HttpStatusCode.Created, (await other.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(Http.NewId("emp")), NewKey())).StatusCode);
    }

    private static async Task<int> StoredKeysAsync(Storage.IStateStore store)
    {
        var count = 0;
        await foreach (var _ in store.ScanAsync<IdempotencyState>(StorageNames.Idempotency))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var key = (NewKey() + new string('~', 255))[..255].Replace('-', ' ');

        var first = await _client.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(Http.NewId("emp")), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
    }

    [Fact]
    public async Task A_retried_hold_returns_the_same_hold_and_takes_one_slot()
    {
        var holds = new HoldsApiTests(factory);
        var (order, _) = await holds.OrderAsync(headcount: 3);
        var worker = await holds.WorkerAsync();
        var key = NewKey();
        var body = $$"""{"workerId":"{{worker}}"}""";

        var first = await _client.SendJsonAsync(HttpMethod.Post, $"/api/job-orders/{order}/holds", body, key);
        var retry = await _client.SendJsonAsync(HttpMethod.Post, $"/api/job-orders/{order}/holds", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, retry);
        Assert.Equal((await first.JsonAsync()).GetProperty("holdId").GetString(), (await retry.JsonAsync()).GetProperty("holdId").GetString());
        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(1, job.GetProperty("held").GetInt32());
        Assert.Equal(2, job.GetProperty("openSlots").GetInt32());
    }

    [Fact]
    public async Task A_retried_release_answers_204_again_instead_of_a_conflict()
    {
        var holds = new HoldsApiTests(factory);
        var (order, _) = await holds.OrderAsync();
        var holdId = await holds.HoldAsync(order, await holds.WorkerAsync());
        var key = NewKey();

        var first = await _client.SendJsonAsync(HttpMethod.Delete, $"/api/holds/{holdId}", null, key);
        var retry = await _client.SendJsonAsync(HttpMethod.Delete, $"/api/holds/{holdId}", null, key);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await AssertReplayOfAsync(first, retry);
    }

    [Fact]
    public async Task Reads_and_requests_without_a_key_are_not_replayed()
    {
        var id = Http.NewId("emp");
        var key = NewKey();
        await _client.PostJsonAsync("/api/employers", Samples.Employer(id));

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/employers/{id}");
        read.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var reads = new[] { await _client.SendAsync(read), await _client.GetAsync($"/api/employers/{id}") };
        var first = await _client.PutJsonAsync($"/api/employers/{id}", """{"name":"甲","district":"baoshan"}""");
        var second = await _client.PutJsonAsync($"/api/employers/{id}", """{"name":"乙","district":"baoshan"}""");

        Assert.All(reads, r => Assert.False(r.Headers.Contains(Replayed)));
        Assert.Equal("乙", (await second.JsonAsync()).GetProperty("name").GetString());
        Assert.False(first.Headers.Contains(Replayed) || second.Headers.Contains(Replayed));
    }

    [Fact]
    public async Task The_OpenAPI_document_offers_the_key_on_mutating_operations_only()
    {
        var doc = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var employers = doc.GetProperty("paths").GetProperty("/api/employers");

        static IEnumerable<string?> HeaderNames(System.Text.Json.JsonElement operation) =>
            operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString())
                : [];

        Assert.Contains("Idempotency-Key", HeaderNames(employers.GetProperty("post")));
        Assert.DoesNotContain("Idempotency-Key", HeaderNames(employers.GetProperty("get")));
        Assert.Contains("Idempotency-Key", HeaderNames(doc.GetProperty("paths").GetProperty("/api/holds/{holdId}").GetProperty("delete")));
    }

    [Fact]
    public async Task A_replay_after_a_restart_returns_the_first_answer()
    {
        var dataPath = ApiFactory.NewDataPath();
        var key = NewKey();
        const string Body = """{"name":"某物流","district":"pudong"}""";
        HttpResponseMessage first;
        await using (var before = new ApiFactory(dataPath))
        {
            first = await before.Client().SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);
            await first.Content.LoadIntoBufferAsync();
        }

        await using var after = new ApiFactory(dataPath);
        var retry = await after.Client().SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, retry);
    }

    [Fact]
    public async Task An_answer_expires_after_the_retention_and_the_key_runs_again()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), clock);
        var client = product.Client();
        var key = NewKey();
        const string Body = """{"name":"某物流","district":"pudong"}""";

        var first = await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);
        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var withinRetention = await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterRetention = await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);
        var replayOfTheNewRun = await client.SendJsonAsync(HttpMethod.Post, "/api/employers", Body, key);

        await AssertReplayOfAsync(first, withinRetention);
        Assert.Equal(HttpStatusCode.Created, afterRetention.StatusCode);
        Assert.False(afterRetention.Headers.Contains(Replayed));
        Assert.NotEqual(
            (await first.JsonAsync()).GetProperty("id").GetString(),
            (await afterRetention.JsonAsync()).GetProperty("id").GetString());
        await AssertReplayOfAsync(afterRetention, replayOfTheNewRun);
    }

    [Fact]
    public async Task An_abandoned_attempt_or_an_answer_over_the_bound_releases_the_key()
    {
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(NewKey());
        var bound = new IdempotencyOptions().MaxStoredBodyBytes;

        var abandoned = await grain.BeginAsync("f");
        await grain.AbandonAsync(abandoned.Attempt);
        var tooLarge = await grain.BeginAsync("f");
        await grain.CompleteAsync(tooLarge.Attempt, Answer(bound + 1));
        var kept = await grain.BeginAsync("f");
        await grain.CompleteAsync(kept.Attempt, Answer(bound));

        Assert.Equal(IdempotencyOutcome.Proceed, abandoned.Outcome);
        Assert.Equal(IdempotencyOutcome.Proceed, tooLarge.Outcome);
        Assert.Equal(IdempotencyOutcome.Proceed, kept.Outcome);
        Assert.Equal(bound, (await grain.BeginAsync("f")).Answer?.Body.Length);
        Assert.Equal(IdempotencyOutcome.FingerprintMismatch, (await grain.BeginAsync("g")).Outcome);
    }

    [Fact]
    public async Task A_stalled_attempt_stops_blocking_its_key_after_the_timeout_and_cannot_complete_late()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), clock);
        product.StartServer();
        var grain = product.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(NewKey());

        var stalled = await grain.BeginAsync("f");
        var whileRunning = await grain.BeginAsync("f");
        var otherRequest = await grain.BeginAsync("g");
        clock.Advance(TimeSpan.FromSeconds(new IdempotencyOptions().InProgressTimeoutSeconds));
        var takeover = await grain.BeginAsync("f");
        await grain.CompleteAsync(stalled.Attempt, Answer(1));
        await grain.CompleteAsync(takeover.Attempt, Answer(2));

        Assert.Equal(IdempotencyOutcome.InProgress, whileRunning.Outcome);
        Assert.Equal(IdempotencyOutcome.FingerprintMismatch, otherRequest.Outcome);
        Assert.Equal(IdempotencyOutcome.Proceed, takeover.Outcome);
        Assert.Equal(2, (await grain.BeginAsync("f")).Answer?.Body.Length);
    }

    [Fact]
    public async Task A_renewed_attempt_keeps_its_key_past_the_timeout_and_a_lapsed_one_cannot_renew()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), clock);
        product.StartServer();
        var grain = product.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(NewKey());
        var timeout = TimeSpan.FromSeconds(new IdempotencyOptions().InProgressTimeoutSeconds);

        var running = await grain.BeginAsync("f");
        clock.Advance(timeout * 2 / 3);
        var renewed = await grain.RenewAsync(running.Attempt);
        clock.Advance(timeout * 2 / 3);
        var pastTheFirstTimeout = await grain.BeginAsync("f");
        clock.Advance(timeout);
        var takeover = await grain.BeginAsync("f");
        var lapsedRenewal = await grain.RenewAsync(running.Attempt);

        Assert.True(renewed);
        Assert.Equal(IdempotencyOutcome.InProgress, pastTheFirstTimeout.Outcome);
        Assert.Equal(IdempotencyOutcome.Proceed, takeover.Outcome);
        Assert.False(lapsedRenewal, "an attempt whose key was taken over must hear it no longer holds it");
    }

    [Fact]
    public async Task A_captured_answer_past_the_bound_goes_straight_to_the_client()
    {
        using var client = new MemoryStream();
        using var capture = new ResponseCapture(client, limit: 8);

        await capture.WriteAsync("12345"u8.ToArray());
        var heldBeforeTheBound = client.Length;
        capture.SetLength(0);
        await capture.WriteAsync("abcde"u8.ToArray());
        await capture.WriteAsync("fghij"u8.ToArray());

        Assert.Equal(0, heldBeforeTheBound);
        Assert.True(capture.Overflowed);
        Assert.Equal("abcdefghij"u8.ToArray(), client.ToArray());
        Assert.Empty(capture.ToArray());
    }

    private static IdempotentAnswer Answer(int bodyBytes) => new(201, "application/json", null, new byte[bodyBytes]);

    private static string NewKey() => Guid.NewGuid().ToString();

    /// <summary>The retry carries the first answer's status, content type, Location and exact body, marked replayed.</summary>
    private static async Task AssertReplayOfAsync(HttpResponseMessage first, HttpResponseMessage retry)
    {
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), retry.Content.Headers.ContentType?.ToString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(Replayed)));
    }

    /// <summary>A client that sends header values as UTF-8, so a non-ASCII key reaches the server at all.</summary>
    private HttpClient Utf8HeaderClient() =>
        new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = _client.BaseAddress,
            DefaultRequestHeaders = { Authorization = _client.DefaultRequestHeaders.Authorization },
        };
}
