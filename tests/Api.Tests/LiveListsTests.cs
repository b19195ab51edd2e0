using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>
/// What recruiters see of an order's ranked candidates when an order or a worker changes: through the routes
/// and the recruiter hub, as clients see it. A product of its own, and each test in a trade of its own, so no
/// other test's workers take places in these lists.
/// </summary>
public sealed class LiveListsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    [Fact]
    public async Task Changing_an_order_re_ranks_its_candidates_and_the_screen_hears_the_new_scores()
    {
        var (employer, order) = await OrderAsync("fitter", district: "jiading");
        await using var screen = await JoinAsync(employer);

        // Alike but for the order of their districts: jiading first for one, baoshan first for the other.
        var jiadingFirst = await WorkerAsync("fitter", "jiading", "baoshan");
        var baoshanFirst = await WorkerAsync("fitter", "baoshan", "jiading");
        Assert.Equal([jiadingFirst, baoshanFirst], await CandidatesAsync(order));
        var before = await ScoresAsync(order);

        var moved = await _staff.PutJsonAsync($"/api/job-orders/{order}", Samples.JobOrder(order, employer, "fitter", district: "baoshan"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal([baoshanFirst, jiadingFirst], await CandidatesAsync(order));
        var after = await ScoresAsync(order);
        Assert.True(after[baoshanFirst] > before[baoshanFirst] && after[jiadingFirst] < before[jiadingFirst], $"{JsonSerializer.Serialize(before)} → {JsonSerializer.Serialize(after)}");
        var up = await screen.WaitForAsync("CandidateRankChanged", e => Is(e, order, baoshanFirst) && e.GetProperty("score").GetInt32() == after[baoshanFirst]);
        var down = await screen.WaitForAsync("CandidateRankChanged", e => Is(e, order, jiadingFirst) && e.GetProperty("score").GetInt32() == after[jiadingFirst]);
        Assert.Equal((before[baoshanFirst], 1), (up.GetProperty("previousScore").GetInt32(), up.GetProperty("rank").GetInt32()));
        Assert.Equal((before[jiadingFirst], 2), (down.GetProperty("previousScore").GetInt32(), down.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task A_worker_who_changes_trade_leaves_the_orders_of_the_old_one_and_joins_those_of_the_new()
    {
        var (employer, electricians) = await OrderAsync("electrician");
        var machinists = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(machinists, employer, "machinist"))).StatusCode);
        await using var screen = await JoinAsync(employer);
        var worker = await WorkerAsync("electrician");
        await screen.WaitForAsync("CandidateFound", e => Is(e, electricians, worker));

        var changed = await _staff.PutJsonAsync($"/api/workers/{worker}", Samples.Worker(worker, trade: "machinist"));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Empty(await CandidatesAsync(electricians));
        Assert.Equal([worker], await CandidatesAsync(machinists));
        var matches = (await (await _staff.GetAsync($"/api/workers/{worker}/matches")).JsonAsync()).GetProperty("items");
        Assert.Equal([machinists], matches.EnumerateArray().Select(m => m.GetProperty("jobOrderId").GetString()));
        var gone = await screen.WaitForAsync("CandidateWithdrawn", e => Is(e, electricians, worker));
        Assert.Equal("unfit", gone.GetProperty("reason").GetString());
        await screen.WaitForAsync("CandidateFound", e => Is(e, machinists, worker));
    }

    [Fact]
    public async Task Closing_an_order_empties_its_candidates_and_tells_the_screen_the_order_closed()
    {
        var (employer, order) = await OrderAsync("cook");
        await using var screen = await JoinAsync(employer);
        var workers = new[] { await WorkerAsync("cook"), await WorkerAsync("cook") };
        Assert.Equal(workers.Order(StringComparer.Ordinal), (await CandidatesAsync(order)).Order(StringComparer.Ordinal));

        var closed = await _staff.PostAsync($"/api/job-orders/{order}/close", null);

        Assert.Equal("closed", (await closed.JsonAsync()).GetProperty("status").GetString());
        var page = await (await _staff.GetAsync($"/api/job-orders/{order}/candidates")).JsonAsync();
        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(0, page.GetProperty("total").GetInt32());
        foreach (var worker in workers)
        {
            var gone = await screen.WaitForAsync("CandidateWithdrawn", e => Is(e, order, worker));
            Assert.Equal("orderClosed", gone.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Filling_an_order_tells_the_screen_its_other_candidates_left_because_the_order_closed()
    {
        var (employer, order) = await OrderAsync("construction", headcount: 1);
        await using var screen = await JoinAsync(employer);
        var (hired, other) = (await WorkerAsync("construction"), await WorkerAsync("construction"));
        await screen.WaitForAsync("CandidateFound", e => Is(e, order, other));

        var confirmed = await _staff.PostAsync($"/api/holds/{await HoldAsync(order, hired)}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var gone = await screen.WaitForAsync("CandidateWithdrawn", e => Is(e, order, other));
        Assert.Equal("orderClosed", gone.GetProperty("reason").GetString());
        Assert.Empty(await CandidatesAsync(order));
    }

    [Fact]
    public async Task A_headcount_below_the_slots_held_and_hired_is_refused_with_its_code_and_changes_nothing()
    {
        var (employer, order) = await OrderAsync("care", headcount: 3);
        var (held, hired) = (await WorkerAsync("care"), await WorkerAsync("care"));
        await HoldAsync(order, held);
        Assert.Equal(HttpStatusCode.OK, (await _staff.PostAsync($"/api/holds/{await HoldAsync(order, hired)}/confirm", null)).StatusCode);

        var below = await _staff.PutJsonAsync($"/api/job-orders/{order}", Samples.JobOrder(order, employer, "care", headcount: 1));

        var problem = await below.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("headcount-below-taken", problem.GetProperty("code").GetString());
        var view = await (await _staff.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal((3, 1, 1, 1), (view.GetProperty("headcount").GetInt32(), view.GetProperty("held").GetInt32(), view.GetProperty("hired").GetInt32(), view.GetProperty("openSlots").GetInt32()));

        // Down to exactly what is taken is allowed: the order is then full.
        var exact = await (await _staff.PutJsonAsync($"/api/job-orders/{order}", Samples.JobOrder(order, employer, "care", headcount: 2))).JsonAsync();
        Assert.Equal((2, 0), (exact.GetProperty("headcount").GetInt32(), exact.GetProperty("openSlots").GetInt32()));
    }

    [Fact]
    public async Task A_held_worker_cannot_withdraw_until_the_hold_is_released_and_the_hold_stays_meanwhile()
    {
        var (employer, order) = await OrderAsync("logistics");
        await using var screen = await JoinAsync(employer);
        var worker = await WorkerAsync("logistics");
        var hold = await HoldAsync(order, worker);

        var refused = await _staff.PostAsync($"/api/workers/{worker}/withdraw", null);

        Assert.Equal("worker-held", (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var held = await (await _staff.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal(("held", hold), (held.GetProperty("status").GetString(), held.GetProperty("hold").GetProperty("holdId").GetString()));
        Assert.Equal(1, (await (await _staff.GetAsync($"/api/job-orders/{order}")).JsonAsync()).GetProperty("held").GetInt32());
        Assert.Equal([worker], await CandidatesAsync(order));

        Assert.Equal(HttpStatusCode.NoContent, (await _staff.DeleteAsync($"/api/holds/{hold}")).StatusCode);
        var withdrawn = await _staff.PostAsync($"/api/workers/{worker}/withdraw", null);

        Assert.Equal("withdrawn", (await withdrawn.JsonAsync()).GetProperty("status").GetString());
        Assert.Empty(await CandidatesAsync(order));
        var gone = await screen.WaitForAsync("CandidateWithdrawn", e => Is(e, order, worker));
        Assert.Equal("withdrawn", gone.GetProperty("reason").GetString());
    }

    private static bool Is(JsonElement e, string order, string worker) =>
        e.GetProperty("jobOrderId").GetString() == order && e.GetProperty("workerId").GetString() == worker;

    private async Task<(string Employer, string Order)> OrderAsync(string trade, int headcount = 5, string district = "jiading")
    {
        var employer = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
        var order = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer, trade, headcount, district))).StatusCode);
        return (employer, order);
    }

    private async Task<string> WorkerAsync(string trade, params string[] districts)
    {
        var worker = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/workers", Samples.Worker(worker, trade: trade, desiredDistricts: districts))).StatusCode);
        return worker;
    }

    private async Task<string> HoldAsync(string order, string worker)
    {
        var response = await _staff.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("holdId").GetString()!;
    }

    private async Task<HubClient> JoinAsync(string employer)
    {
        var screen = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, _recruiterEvents);
        await screen.InvokeAsync("JoinEmployer", employer);
        return screen;
    }

    private async Task<List<string>> CandidatesAsync(string order) =>
        [.. (await ItemsAsync(order)).Select(c => c.GetProperty("workerId").GetString()!)];

    private async Task<Dictionary<string, int>> ScoresAsync(string order) =>
        (await ItemsAsync(order)).ToDictionary(c => c.GetProperty("workerId").GetString()!, c => c.GetProperty("score").GetInt32());

    private async Task<JsonElement[]> ItemsAsync(string order) =>
        [.. (await (await _staff.GetAsync($"/api/job-orders/{order}/candidates")).JsonAsync()).GetProperty("items").EnumerateArray()];
}
