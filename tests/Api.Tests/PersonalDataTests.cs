using System.Net;
using System.Text;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>
/// Name, phone and ID number are shown in full to staff and to the employer that holds or hired the worker,
/// masked in candidate lists otherwise, never in pushes or on boards, and never written to the logs.
/// </summary>
[Collection(MatchingCollection.Name)]
public sealed class PersonalDataTests(ApiFactory factory)
{
    private const string Phone = "13812345678";
    private const string IdNumber = "530902199801010011";
    private const string Name = "付明";

    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    [Fact]
    public async Task A_recruiter_sees_a_worker_in_full_only_while_its_employer_holds_it()
    {
        var (employer, order) = await OrderAsync();
        var (other, _) = await OrderAsync();
        var worker = await WorkerAsync();
        var recruiter = factory.Client(Caller.Recruiter(employer));
        var stranger = factory.Client(Caller.Recruiter(other));

        Assert.Equal(("付*", "138****5678"), await CandidateAsync(recruiter, order, worker));
        var notHeld = await (await recruiter.GetAsync($"/api/workers/{worker}")).ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await recruiter.GetAsync("/api/workers/nobody-by-this-id")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(unknown.GetProperty("title").GetString(), notHeld.GetProperty("title").GetString());

        var hold = await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();

        Assert.Equal((Name, Phone), await CandidateAsync(recruiter, order, worker));
        var held = await (await recruiter.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal("530902***********1", held.GetProperty("idNumber").GetString());
        Assert.Equal(Phone, held.GetProperty("phone").GetString());
        Assert.Equal(Name, held.GetProperty("name").GetString());
        await (await stranger.GetAsync($"/api/workers/{worker}")).ProblemAsync(HttpStatusCode.NotFound);

        await recruiter.DeleteAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}");

        Assert.Equal(("付*", "138****5678"), await CandidateAsync(recruiter, order, worker));
        await (await recruiter.GetAsync($"/api/workers/{worker}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(IdNumber, (await (await _staff.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task A_hire_keeps_the_worker_readable_for_the_hiring_employer_only()
    {
        var (employer, order) = await OrderAsync();
        var (other, _) = await OrderAsync();
        var worker = await WorkerAsync();
        var recruiter = factory.Client(Caller.Recruiter(employer));
        var hold = await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        await recruiter.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);

        var hired = await (await recruiter.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal((Phone, IdNumber), (hired.GetProperty("phone").GetString(), hired.GetProperty("idNumber").GetString()));
        await (await factory.Client(Caller.Recruiter(other)).GetAsync($"/api/workers/{worker}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pushes_snapshots_and_boards_never_carry_personal_data()
    {
        var (employer, order) = await OrderAsync();
        var fair = Http.NewId("fair");
        await _staff.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer));
        await using var recruiter = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(employer), _recruiterEvents);
        await using var screen = await HubClient.ConnectAsync(factory, "/hubs/fair", Caller.Viewer(fair), "BoardChanged", "MatchMade");
        await recruiter.InvokeAsync("JoinEmployer", employer);
        await screen.InvokeAsync("JoinFair", fair);
        var worker = await WorkerAsync();
        await recruiter.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);

        var hold = await (await _staff.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        await recruiter.WaitForAsync("HoldChanged", e => e.GetProperty("workerId").GetString() == worker);
        var snapshot = await recruiter.InvokeAsync("JoinEmployer", employer);
        await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{worker}}"}""");
        await screen.WaitForAsync("MatchMade", _ => true);
        await _staff.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);
        await recruiter.WaitForAsync("Hired", e => e.GetProperty("workerId").GetString() == worker);
        var board = await (await factory.Client(Caller.Viewer(fair)).GetAsync($"/api/fairs/{fair}/board")).Content.ReadAsStringAsync();

        string[] seen = [.. recruiter.Received.Concat(screen.Received).Select(r => r.Event.GetRawText()), snapshot.GetRawText(), board];
        Assert.All(seen, text => AssertNoPersonalData(Unescaped(text)));
    }

    [Fact]
    public async Task Personal_data_never_reaches_the_logs()
    {
        var logs = new LogSink();
        await using (var product = new ApiFactory(ApiFactory.NewDataPath(), logs: logs))
        {
            var staff = product.Client(Caller.Staff);
            var employer = Http.NewId("emp");
            var order = Http.NewId("job");
            var worker = Http.NewId("w");
            await staff.PostJsonAsync("/api/employers", Samples.Employer(employer));
            await staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer));
            Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);

            // Bodies that fail in every way a body can, each carrying the personal data.
            string[] broken =
            [
                Samples.Worker(worker),
                Samples.Worker(Http.NewId("w")).Replace(IdNumber, "530902199801010012", StringComparison.Ordinal) + "  ",
                Samples.Worker(Http.NewId("w")).Replace("\"minWage\":6000", "\"minWage\":\"" + Phone + "\"", StringComparison.Ordinal),
                Samples.Worker(Http.NewId("w"))[..200],
                Samples.Worker(Http.NewId("w")).Replace(Name, new string('付', 70_000), StringComparison.Ordinal),
            ];
            foreach (var body in broken)
            {
                Assert.InRange((int)(await staff.PostJsonAsync("/api/workers", body)).StatusCode, 400, 499);
            }

            await staff.PostAsync("/api/workers", new StringContent($"name={Name}&phone={Phone}", Encoding.UTF8, "application/x-www-form-urlencoded"));
            await (await staff.PostJsonAsync("/api/workers", Samples.Worker(IdNumber))).ProblemAsync(HttpStatusCode.BadRequest);
            await (await staff.PostJsonAsync("/api/workers", Samples.Worker(Phone))).ProblemAsync(HttpStatusCode.BadRequest);
            await product.Client(Caller.Recruiter(employer)).GetAsync($"/api/workers/{worker}");

            var recruiter = product.Client(Caller.Recruiter(employer));
            var hold = await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
            await recruiter.GetAsync($"/api/job-orders/{order}/candidates");
            await recruiter.GetAsync($"/api/workers/{worker}");
            await recruiter.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);
            await using var hub = await HubClient.ConnectAsync(product, "/hubs/recruiter", Caller.Recruiter(employer), _recruiterEvents);
            await hub.InvokeAsync("JoinEmployer", employer);
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("JoinEmployer", Phone, IdNumber, Name));
        }

        // Everything from Debug up was kept, more than the product writes by default. Addresses are logged as
        // they come, so no route takes personal data in its address and worker ids may not be phone or ID numbers.
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => AssertNoPersonalData(line));
    }

    [Fact]
    public async Task A_recruiter_holds_only_a_worker_its_order_was_offered_and_a_stranger_looks_unknown()
    {
        var (employer, order) = await OrderAsync();
        var recruiter = factory.Client(Caller.Recruiter(employer));
        var unfit = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/workers", Samples.Worker(unfit).Replace("\"welder\"", "\"cook\"", StringComparison.Ordinal))).StatusCode);

        var refused = await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{unfit}}","ttlSeconds":86400}""")).ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", """{"workerId":"nobody-by-this-id"}""")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(unknown.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        Assert.Equal("seeking", (await (await _staff.GetAsync($"/api/workers/{unfit}")).JsonAsync()).GetProperty("status").GetString());
        await (await recruiter.GetAsync($"/api/workers/{unfit}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_read_in_full_is_in_an_audit_log_that_staff_can_query()
    {
        var (employer, order) = await OrderAsync();
        var worker = await WorkerAsync();
        var recruiter = factory.Client(Caller.Recruiter(employer));
        Assert.Equal(HttpStatusCode.Created, (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/workers/{worker}")).StatusCode);
        Assert.Equal((Name, Phone), await CandidateAsync(recruiter, order, worker));
        Assert.Equal(HttpStatusCode.OK, (await _staff.GetAsync($"/api/workers/{worker}")).StatusCode);

        var log = await (await _staff.GetAsync($"/api/audit/workers/{worker}")).JsonAsync();
        var reads = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [("staff", (string?)null, "GET /api/workers/{id}"), ("recruiter", employer, "GET /api/job-orders/{id}/candidates"), ("recruiter", employer, "GET /api/workers/{id}")],
            reads.Select(r => (r.GetProperty("role").GetString()!, r.GetProperty("employerId").GetString(), r.GetProperty("what").GetString()!)));
        Assert.All(reads, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("reader").GetString())));
        Assert.All(reads, r => Assert.InRange(r.GetProperty("at").GetDateTimeOffset(), factory.Time.GetUtcNow().AddMinutes(-5), factory.Time.GetUtcNow().AddMinutes(1)));
        Assert.Equal(3, log.GetProperty("total").GetInt32());
        await (await recruiter.GetAsync($"/api/audit/workers/{worker}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_worker_met_at_the_employers_fair_booth_may_be_held_though_not_ranked()
    {
        await using var product = new ApiFactory(new Dictionary<string, string?> { ["Matching:Index:TopK"] = "1" });
        var staff = product.Client(Caller.Staff);
        var (employer, order) = await Entities.OrderAsync(staff);
        var workers = new[] { await Entities.WorkerAsync(staff), await Entities.WorkerAsync(staff) };
        var ranked = (await (await staff.GetAsync($"/api/job-orders/{order}/candidates")).JsonAsync()).GetProperty("items")[0].GetProperty("workerId").GetString();
        var unranked = workers.Single(w => w != ranked);
        var recruiter = product.Client(Caller.Recruiter(employer));
        var hold = $$"""{"workerId":"{{unranked}}"}""";

        await (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", hold)).ProblemAsync(HttpStatusCode.NotFound);
        var fair = Http.NewId("fair");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", hold)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", hold)).StatusCode);
    }

    [Fact]
    public async Task An_employers_live_holds_are_bounded()
    {
        await using var product = new ApiFactory(new Dictionary<string, string?> { ["Matching:Holds:MaxLivePerEmployer"] = "2" });
        var staff = product.Client(Caller.Staff);
        var (employer, order) = await Entities.OrderAsync(staff);
        var recruiter = product.Client(Caller.Recruiter(employer));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var worker = await Entities.WorkerAsync(staff);
            statuses.Add((await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict], statuses);
        Assert.Equal(2, (await (await staff.GetAsync($"/api/job-orders/{order}")).JsonAsync()).GetProperty("held").GetInt32());
    }

    private static void AssertNoPersonalData(string text) =>
        Assert.False(
            text.Contains(Phone, StringComparison.Ordinal) || text.Contains(IdNumber, StringComparison.Ordinal) || text.Contains(Name, StringComparison.Ordinal),
            $"personal data in: {text[..Math.Min(text.Length, 600)]}");

    /// <summary>JSON may escape non-ASCII letters; compare what a reader would see.</summary>
    private static string Unescaped(string json) => JsonSerializer.Deserialize<JsonElement>(json).ToString();

    private static async Task<(string Name, string Phone)> CandidateAsync(HttpClient client, string order, string worker)
    {
        var page = await (await client.GetAsync($"/api/job-orders/{order}/candidates?take=200")).JsonAsync();
        var item = page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("workerId").GetString() == worker);
        Assert.DoesNotContain(IdNumber, page.GetRawText(), StringComparison.Ordinal);
        return (item.GetProperty("name").GetString()!, item.GetProperty("phone").GetString()!);
    }

    private Task<(string Employer, string Order)> OrderAsync() => Entities.OrderAsync(_staff);

    private Task<string> WorkerAsync() => Entities.WorkerAsync(_staff);
}
