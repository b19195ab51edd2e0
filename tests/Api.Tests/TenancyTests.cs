using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Tests;

/// <summary>
/// Each role reaches its own tenant's resources only: another employer's orders, another operator's site,
/// another fair's board are 403 over HTTP and a <see cref="HubException"/> on a hub, with nothing delivered.
/// </summary>
[Collection(MatchingCollection.Name)]
public sealed class TenancyTests(ApiFactory factory)
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    [Fact]
    public async Task A_recruiter_works_on_its_own_orders_and_gets_403_on_another_employers()
    {
        var (mine, myOrder) = await OrderAsync();
        var (theirs, theirOrder) = await OrderAsync();
        var recruiter = factory.Client(Caller.Recruiter(mine));
        var worker = await WorkerAsync();

        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/job-orders/{myOrder}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/job-orders/{myOrder}/candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/job-orders/{myOrder}/holds")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/matches/explain?workerId={worker}&jobOrderId={myOrder}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync($"/api/employers/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await recruiter.PutJsonAsync($"/api/job-orders/{myOrder}", Samples.JobOrder(myOrder, mine, headcount: 6))).StatusCode);
        var own = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await recruiter.PostJsonAsync("/api/job-orders", Samples.JobOrder(own, mine))).StatusCode);

        HttpResponseMessage[] refused =
        [
            await recruiter.GetAsync($"/api/job-orders/{theirOrder}"),
            await recruiter.PutJsonAsync($"/api/job-orders/{theirOrder}", Samples.JobOrder(theirOrder, theirs)),
            await recruiter.PostAsync($"/api/job-orders/{theirOrder}/close", null),
            await recruiter.GetAsync($"/api/job-orders/{theirOrder}/candidates"),
            await recruiter.GetAsync($"/api/job-orders/{theirOrder}/holds"),
            await recruiter.PostJsonAsync($"/api/job-orders/{theirOrder}/holds", $$"""{"workerId":"{{worker}}"}"""),
            await recruiter.GetAsync($"/api/matches/explain?workerId={worker}&jobOrderId={theirOrder}"),
            await recruiter.PostJsonAsync("/api/job-orders", Samples.JobOrder(Http.NewId("job"), theirs)),
            await recruiter.GetAsync($"/api/job-orders?employerId={theirs}"),
            await recruiter.GetAsync($"/api/employers/{theirs}"),
        ];

        foreach (var response in refused)
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var theirView = await (await _staff.GetAsync($"/api/job-orders/{theirOrder}")).JsonAsync();
        Assert.Equal("open", theirView.GetProperty("status").GetString());
        Assert.Equal(0, theirView.GetProperty("held").GetInt32());
    }

    [Fact]
    public async Task Ids_differing_only_in_case_are_different_tenants_in_lists_too()
    {
        var lower = Http.NewId("emp");
        var upper = lower.ToUpperInvariant();
        foreach (var employer in new[] { lower, upper })
        {
            Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(Http.NewId("job"), employer))).StatusCode);
        }

        var recruiter = factory.Client(Caller.Recruiter(upper));
        var own = await (await recruiter.GetAsync("/api/job-orders")).JsonAsync();
        var named = await (await recruiter.GetAsync($"/api/job-orders?employerId={upper}")).JsonAsync();

        Assert.All(own.GetProperty("items").EnumerateArray(), o => Assert.Equal(upper, o.GetProperty("employerId").GetString()));
        Assert.Equal(1, own.GetProperty("total").GetInt32());
        Assert.Equal(1, named.GetProperty("total").GetInt32());
        await (await recruiter.GetAsync($"/api/job-orders?employerId={lower}")).ProblemAsync(HttpStatusCode.Forbidden);
        var staffView = await (await _staff.GetAsync($"/api/job-orders?employerId={lower}")).JsonAsync();
        Assert.Equal(lower, Assert.Single(staffView.GetProperty("items").EnumerateArray()).GetProperty("employerId").GetString());
    }

    [Fact]
    public async Task Explain_answers_a_stranger_as_if_unknown()
    {
        var (mine, myOrder) = await OrderAsync();
        var recruiter = factory.Client(Caller.Recruiter(mine));
        var stranger = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/workers", Samples.Worker(stranger).Replace("\"welder\"", "\"cook\"", StringComparison.Ordinal))).StatusCode);

        var refused = await (await recruiter.GetAsync($"/api/matches/explain?workerId={stranger}&jobOrderId={myOrder}")).ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await recruiter.GetAsync($"/api/matches/explain?workerId=nobody-by-this-id&jobOrderId={myOrder}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(unknown.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        Assert.DoesNotContain("reasons", refused.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _staff.GetAsync($"/api/matches/explain?workerId={stranger}&jobOrderId={myOrder}")).StatusCode);
    }

    [Fact]
    public async Task A_recruiters_list_holds_its_own_employers_orders_only()
    {
        var (mine, myOrder) = await OrderAsync();
        await OrderAsync();
        var recruiter = factory.Client(Caller.Recruiter(mine));

        var list = await (await recruiter.GetAsync("/api/job-orders?take=200")).JsonAsync();

        Assert.Equal([myOrder], list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_employers_recruiter_can_neither_confirm_nor_release_a_hold()
    {
        var (mine, myOrder) = await OrderAsync();
        var (theirs, _) = await OrderAsync();
        var worker = await WorkerAsync();
        var recruiter = factory.Client(Caller.Recruiter(mine));
        var hold = await (await recruiter.PostJsonAsync($"/api/job-orders/{myOrder}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        var holdId = hold.GetProperty("holdId").GetString();
        var other = factory.Client(Caller.Recruiter(theirs));

        await (await other.PostAsync($"/api/holds/{holdId}/confirm", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await other.DeleteAsync($"/api/holds/{holdId}")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await recruiter.PostAsync($"/api/holds/{holdId}/confirm", null)).StatusCode);
        Assert.Equal("hired", (await (await _staff.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/workers")]
    [InlineData("POST", "/api/workers")]
    [InlineData("GET", "/api/employers")]
    [InlineData("POST", "/api/employers")]
    [InlineData("GET", "/api/fairs")]
    [InlineData("POST", "/api/lodging/sites")]
    [InlineData("GET", "/api/lodging/sites/anting/availability")]
    [InlineData("POST", "/api/lodging/reservations")]
    [InlineData("GET", "/api/fairs/some-fair/board")]
    public async Task A_recruiter_is_refused_the_routes_of_other_roles(string method, string route)
    {
        var recruiter = factory.Client(Caller.Recruiter("acme"));
        var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        await (await recruiter.SendAsync(request)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_runs_stays_on_its_own_sites_only_and_without_credit_commitments()
    {
        var mine = await SiteAsync();
        var theirs = await SiteAsync();
        var eligible = await HiredWorkerAsync();
        var operatorClient = factory.Client(Caller.Operator(mine));
        var (from, to) = (TestClock.Day(1), TestClock.Day(3));

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/lodging/sites/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/lodging/sites/{mine}/availability")).StatusCode);
        await (await operatorClient.GetAsync($"/api/lodging/sites/{theirs}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await operatorClient.GetAsync($"/api/lodging/sites/{theirs}/availability")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await operatorClient.GetAsync($"/api/lodging/beds/{theirs}~0001")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await operatorClient.PutJsonAsync($"/api/lodging/beds/{theirs}~0001", """{"inService":false}""")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await operatorClient.PostJsonAsync($"/api/lodging/sites/{mine}/beds", """{"count":1}""")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await operatorClient.PostJsonAsync("/api/lodging/reservations", Stay(eligible, theirs, from, to))).ProblemAsync(HttpStatusCode.Forbidden);
        var withCommitment = Stay(eligible, mine, from, to, ""","creditCommitment":{"signedBy":"客栈前台","note":"x"}""");
        await (await operatorClient.PostJsonAsync("/api/lodging/reservations", withCommitment)).ProblemAsync(HttpStatusCode.Forbidden);

        var reserved = await operatorClient.PostJsonAsync("/api/lodging/reservations", Stay(eligible, mine, from, to));
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var id = (await reserved.JsonAsync()).GetProperty("reservationId").GetString();
        var other = factory.Client(Caller.Operator(theirs));
        await (await other.GetAsync($"/api/lodging/reservations/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await other.DeleteAsync($"/api/lodging/reservations/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsync($"/api/lodging/reservations/{id}/confirm", null)).StatusCode);
        Assert.Equal("confirmed", (await (await _staff.GetAsync($"/api/lodging/reservations/{id}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_board_viewer_reads_its_own_fairs_board_and_nothing_else()
    {
        var (employer, _) = await OrderAsync();
        var mine = Http.NewId("fair");
        var theirs = Http.NewId("fair");
        await _staff.PostJsonAsync("/api/fairs", Samples.Fair(mine, employer));
        await _staff.PostJsonAsync("/api/fairs", Samples.Fair(theirs, employer));
        var viewer = factory.Client(Caller.Viewer(mine));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/fairs/{mine}/board")).StatusCode);
        await (await viewer.GetAsync($"/api/fairs/{theirs}/board")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync($"/api/fairs/{mine}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.PostJsonAsync($"/api/fairs/{mine}/check-ins", """{"workerId":"w"}""")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync("/api/job-orders")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_recruiter_cannot_join_another_employer_and_receives_nothing_of_it()
    {
        var (mine, myOrder) = await OrderAsync();
        var (theirs, _) = await OrderAsync();
        await using var intruder = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(mine), _recruiterEvents);
        await using var owner = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(theirs), _recruiterEvents);

        var refused = await Assert.ThrowsAsync<HubException>(() => intruder.InvokeAsync("JoinEmployer", theirs));
        var rejoin = await Assert.ThrowsAsync<HubException>(() => intruder.InvokeAsync("RejoinEmployer", theirs, "an-epoch", 0L));
        await intruder.InvokeAsync("JoinEmployer", mine);
        await owner.InvokeAsync("JoinEmployer", theirs);
        var worker = await WorkerAsync();
        await owner.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);

        // An event of the intruder's own channel, raised after the owner heard of the worker: had the owner's event
        // reached the intruder's connection too, it would have arrived before this one.
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync($"/api/job-orders/{myOrder}/holds", $$"""{"workerId":"{{worker}}"}""")).StatusCode);
        await intruder.WaitForAsync("HoldChanged", e => e.GetProperty("workerId").GetString() == worker);

        Assert.Contains("another employer", refused.Message, StringComparison.Ordinal);
        Assert.Contains("another employer", rejoin.Message, StringComparison.Ordinal);
        Assert.All(intruder.Received, r => Assert.Equal(myOrder, r.Event.GetProperty("jobOrderId").GetString()));
    }

    [Fact]
    public async Task Operators_and_viewers_cannot_join_another_tenants_channel()
    {
        var (employer, _) = await OrderAsync();
        var (site, otherSite) = (await SiteAsync(), await SiteAsync());
        var (fair, otherFair) = (Http.NewId("fair"), Http.NewId("fair"));
        await _staff.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer));
        await _staff.PostJsonAsync("/api/fairs", Samples.Fair(otherFair, employer));
        await using var ownOperator = await HubClient.ConnectAsync(factory, "/hubs/lodging", Caller.Operator(site), "BedCountsChanged");
        await using var otherOperator = await HubClient.ConnectAsync(factory, "/hubs/lodging", Caller.Operator(otherSite), "BedCountsChanged");
        await using var ownViewer = await HubClient.ConnectAsync(factory, "/hubs/fair", Caller.Viewer(fair), "BoardChanged", "MatchMade");
        await using var otherViewer = await HubClient.ConnectAsync(factory, "/hubs/fair", Caller.Viewer(otherFair), "BoardChanged", "MatchMade");

        var siteRefused = await Assert.ThrowsAsync<HubException>(() => otherOperator.InvokeAsync("JoinSite", site));
        var fairRefused = await Assert.ThrowsAsync<HubException>(() => otherViewer.InvokeAsync("JoinFair", fair));
        foreach (var (client, method, channel) in new[] { (ownOperator, "JoinSite", site), (otherOperator, "JoinSite", otherSite), (ownViewer, "JoinFair", fair), (otherViewer, "JoinFair", otherFair) })
        {
            await client.InvokeAsync(method, channel);
        }

        var (visitor, lodger, otherLodger) = (await WorkerAsync(), await WorkerAsync(), await WorkerAsync());
        await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{visitor}}"}""");
        await ownViewer.WaitForAsync("BoardChanged", e => e.GetProperty("checkIns").GetInt32() == 1);
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/lodging/reservations", Stay(lodger, site, TestClock.Day(1), TestClock.Day(2), Commitment))).StatusCode);
        await ownOperator.WaitForAsync("BedCountsChanged", e => e.GetProperty("siteId").GetString() == site);

        // Events of the intruders' own channels, raised after the others' went out: what leaked would be before them.
        await _staff.PostJsonAsync($"/api/fairs/{otherFair}/check-ins", $$"""{"workerId":"{{visitor}}"}""");
        await otherViewer.WaitForAsync("BoardChanged", e => e.GetProperty("fairId").GetString() == otherFair);
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/lodging/reservations", Stay(otherLodger, otherSite, TestClock.Day(1), TestClock.Day(2), Commitment))).StatusCode);
        await otherOperator.WaitForAsync("BedCountsChanged", e => e.GetProperty("siteId").GetString() == otherSite);

        Assert.Contains("another lodging site", siteRefused.Message, StringComparison.Ordinal);
        Assert.Contains("another fair", fairRefused.Message, StringComparison.Ordinal);
        Assert.All(otherViewer.Received, r => Assert.Equal(otherFair, r.Event.GetProperty("fairId").GetString()));
        Assert.All(otherOperator.Received, r => Assert.Equal(otherSite, r.Event.GetProperty("siteId").GetString()));
    }

    [Theory]
    [InlineData("/hubs/fair", "recruiter")]
    [InlineData("/hubs/lodging", "recruiter")]
    [InlineData("/hubs/recruiter", "viewer")]
    [InlineData("/hubs/lodging", "viewer")]
    [InlineData("/hubs/recruiter", "operator")]
    public async Task A_role_cannot_connect_to_a_hub_that_is_not_for_it(string hub, string role)
    {
        var caller = role switch
        {
            "recruiter" => Caller.Recruiter("acme"),
            "viewer" => Caller.Viewer("fair"),
            _ => Caller.Operator("site"),
        };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(factory, hub, caller));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private const string Commitment = ""","creditCommitment":{"signedBy":"嘉定就业服务站","note":"信用承诺"}""";

    private static string Stay(string worker, string site, string from, string to, string extra = "") =>
        $$"""{"workerId":"{{worker}}","siteId":"{{site}}","from":"{{from}}","to":"{{to}}"{{extra}}}""";

    private Task<(string Employer, string Order)> OrderAsync() => Entities.OrderAsync(_staff);

    private Task<string> WorkerAsync() => Entities.WorkerAsync(_staff);

    /// <summary>A worker hired by a key enterprise: eligible for a bed without any commitment.</summary>
    private async Task<string> HiredWorkerAsync()
    {
        var (_, order) = await OrderAsync();
        var worker = await WorkerAsync();
        var hold = await (await _staff.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await _staff.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null)).StatusCode);
        return worker;
    }

    private async Task<string> SiteAsync()
    {
        var site = Http.NewId("site");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/lodging/sites", Samples.Site(site))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync($"/api/lodging/sites/{site}/beds", """{"count":2}""")).StatusCode);
        return site;
    }
}
