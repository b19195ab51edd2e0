using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HoldsApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_hold_takes_a_slot_and_binds_the_worker()
    {
        var (order, _) = await OrderAsync(headcount: 3);
        var worker = await WorkerAsync();

        var response = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hold = await response.JsonAsync();
        var holdId = hold.GetProperty("holdId").GetString()!;
        Assert.Equal($"/api/holds/{holdId}", response.Headers.Location?.OriginalString);
        var expiresAt = hold.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - factory.Time.GetUtcNow(), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(1, job.GetProperty("held").GetInt32());
        Assert.Equal(2, job.GetProperty("openSlots").GetInt32());
        var w = await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal("held", w.GetProperty("status").GetString());
        Assert.Equal(holdId, w.GetProperty("hold").GetProperty("holdId").GetString());
    }

    [Fact]
    public async Task A_worker_has_one_live_hold_and_one_hire()
    {
        var (first, _) = await OrderAsync();
        var (second, _) = await OrderAsync();
        var worker = await WorkerAsync();
        var holdId = await HoldAsync(first, worker);

        var elsewhere = await _client.PostJsonAsync($"/api/job-orders/{second}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal("worker-held", (await elsewhere.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var twice = await _client.PostJsonAsync($"/api/job-orders/{first}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal("worker-already-on-order", (await twice.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/holds/{holdId}/confirm", null)).StatusCode);
        var afterHire = await _client.PostJsonAsync($"/api/job-orders/{second}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal("worker-hired", (await afterHire.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var w = await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal("hired", w.GetProperty("status").GetString());
        Assert.Equal(first, w.GetProperty("hire").GetProperty("jobOrderId").GetString());
    }

    [Fact]
    public async Task Confirming_the_last_slot_fills_the_order()
    {
        var (order, _) = await OrderAsync(headcount: 2);
        var holds = new[] { await HoldAsync(order, await WorkerAsync()), await HoldAsync(order, await WorkerAsync()) };

        var full = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{await WorkerAsync()}}"}""");
        Assert.Equal("no-free-slot", (await full.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());

        foreach (var holdId in holds)
        {
            var confirmed = await _client.PostAsync($"/api/holds/{holdId}/confirm", null);
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var again = await (await _client.PostAsync($"/api/holds/{holds[0]}/confirm", null)).JsonAsync();
        Assert.Equal("filled", again.GetProperty("status").GetString());
        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal("filled", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("hired").GetInt32());
        Assert.Equal(0, job.GetProperty("openSlots").GetInt32());
        await (await _client.DeleteAsync($"/api/holds/{holds[1]}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Releasing_frees_the_slot_and_the_worker()
    {
        var (order, _) = await OrderAsync(headcount: 1);
        var worker = await WorkerAsync();
        var holdId = await HoldAsync(order, worker);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/holds/{holdId}")).StatusCode);

        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(1, job.GetProperty("openSlots").GetInt32());
        Assert.Equal("seeking", (await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("status").GetString());
        var twice = await (await _client.DeleteAsync($"/api/holds/{holdId}")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("hold-released", twice.GetProperty("code").GetString());
        await (await _client.PostAsync($"/api/holds/{holdId}/confirm", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(await HoldAsync(order, worker));
    }

    [Fact]
    public async Task Closing_an_order_releases_its_holds()
    {
        var (order, _) = await OrderAsync();
        var worker = await WorkerAsync();
        var holdId = await HoldAsync(order, worker);

        await _client.PostAsync($"/api/job-orders/{order}/close", null);

        Assert.Equal("seeking", (await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("status").GetString());
        await (await _client.PostAsync($"/api/holds/{holdId}/confirm", null)).ProblemAsync(HttpStatusCode.Conflict);
        var closed = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal("not-open", (await closed.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"workerId":"W","ttlSeconds":5}""", "ttlSeconds")]
    [InlineData("""{"workerId":"W","ttlSeconds":9999999}""", "ttlSeconds")]
    [InlineData("""{"ttlSeconds":60}""", "workerId")]
    [InlineData("""{"workerId":"W","ttlSeconds":"soon"}""", "ttlSeconds")]
    public async Task Bad_hold_requests_are_400_and_take_nothing(string body, string field)
    {
        var (order, _) = await OrderAsync(headcount: 1);
        var worker = await WorkerAsync();

        var response = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", body.Replace("\"W\"", $"\"{worker}\""));

        Assert.Equal([field], await response.FieldErrorsAsync());
        Assert.Equal(1, (await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync()).GetProperty("openSlots").GetInt32());
    }

    [Fact]
    public async Task Unknown_worker_or_order_is_404()
    {
        var (order, _) = await OrderAsync();
        await (await _client.PostJsonAsync($"/api/job-orders/{order}/holds", """{"workerId":"nobody"}""")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostJsonAsync("/api/job-orders/no-order/holds", """{"workerId":"nobody"}""")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync("/api/holds/garbage/confirm", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Five_hundred_concurrent_holds_on_ten_slots_grant_exactly_ten()
    {
        var (order, _) = await OrderAsync(headcount: 10);
        var workers = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => WorkerAsync()));

        var responses = await Task.WhenAll(workers.Select(w =>
            _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{w}}"}""")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(490, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(10, job.GetProperty("held").GetInt32());
        Assert.Equal(0, job.GetProperty("openSlots").GetInt32());
        var held = await Task.WhenAll(workers.Select(async w => (await (await _client.GetAsync($"/api/workers/{w}")).JsonAsync()).GetProperty("status").GetString()));
        Assert.Equal(10, held.Count(s => s == "held"));
    }

    internal async Task<(string Order, string Employer)> OrderAsync(int headcount = 5)
    {
        var employer = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
        var order = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer, headcount: headcount))).StatusCode);
        return (order, employer);
    }

    internal async Task<string> WorkerAsync()
    {
        var worker = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);
        return worker;
    }

    internal async Task<string> HoldAsync(string order, string worker)
    {
        var response = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("holdId").GetString()!;
    }
}
