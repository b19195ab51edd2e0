using System.Net;
using System.Text.Json;
using Matching.Feeds;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Api.Tests;

/// <summary>The three hubs with the .NET SignalR client: pushes after API calls, replay, tenancy.</summary>
[Collection(MatchingCollection.Name)]
public sealed class HubTests(ApiFactory factory)
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_recruiter_gets_a_snapshot_then_each_change_of_its_own_orders()
    {
        var (employer, order) = await OrderAsync();
        await using var recruiter = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);

        var answer = await recruiter.InvokeAsync("JoinEmployer", employer);
        var snapshotOrders = answer.GetProperty("snapshot").GetProperty("jobOrders");
        Assert.Equal(order, Assert.Single(snapshotOrders.EnumerateArray()).GetProperty("jobOrder").GetProperty("id").GetString());

        var worker = await WorkerAsync();
        var found = await recruiter.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);
        Assert.Equal(order, found.GetProperty("jobOrderId").GetString());
        Assert.Equal("付*", found.GetProperty("worker").GetProperty("maskedName").GetString());
        Assert.DoesNotContain("13812345678", found.GetRawText(), StringComparison.Ordinal);

        var hold = await (await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        var held = await recruiter.WaitForAsync("HoldChanged", e => e.GetProperty("workerId").GetString() == worker);
        Assert.Equal("held", held.GetProperty("state").GetString());
        await _client.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);
        await recruiter.WaitForAsync("Hired", e => e.GetProperty("workerId").GetString() == worker);
        await recruiter.WaitForAsync("CandidateWithdrawn", e => e.GetProperty("workerId").GetString() == worker && e.GetProperty("reason").GetString() == "hired");

        var seqs = recruiter.Received.Select(r => r.Event.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Distinct().Count(), seqs.Count);
        Assert.Equal(seqs.Order(), seqs);
    }

    [Fact]
    public async Task An_employer_never_receives_another_employers_events()
    {
        var (mine, myOrder) = await OrderAsync();
        var (theirs, _) = await OrderAsync();
        await using var me = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);
        await using var them = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);
        await me.InvokeAsync("JoinEmployer", mine);
        await them.InvokeAsync("JoinEmployer", theirs);

        var worker = await WorkerAsync();

        // Both orders fit the worker: each side hears of its own order only.
        await me.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);
        await them.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);

        // Each side's own event about a later worker: the other side's first event, had it leaked, was written
        // to this connection before it (the other side had received it already).
        var later = await WorkerAsync();
        await me.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == later);
        await them.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == later);
        Assert.All(me.Received, r => Assert.Equal(myOrder, r.Event.GetProperty("jobOrderId").GetString()));
        Assert.DoesNotContain(them.Received, r => r.Event.GetProperty("jobOrderId").GetString() == myOrder);
    }

    [Fact]
    public async Task Rejoining_with_the_last_seq_replays_exactly_what_was_missed()
    {
        var (employer, _) = await OrderAsync();
        long lastSeq;
        string epoch;
        await using (var first = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents))
        {
            var answer = await first.InvokeAsync("JoinEmployer", employer);
            epoch = answer.GetProperty("epoch").GetString()!;
            var worker = await WorkerAsync();
            var found = await first.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == worker);
            lastSeq = found.GetProperty("seq").GetInt64();
        }

        var missed = new[] { await WorkerAsync(), await WorkerAsync() };
        await Feed.EventsAsync(factory, FeedChannel.Employer(employer), e => e is CandidateFound f && f.WorkerId == missed[1]);

        await using var again = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);
        var rejoin = await again.InvokeAsync("RejoinEmployer", employer, epoch, lastSeq);

        Assert.Equal(JsonValueKind.Null, rejoin.GetProperty("snapshot").ValueKind);
        Assert.Equal(2, rejoin.GetProperty("replayed").GetInt32());

        // The server sends the replay before the join's answer, but the client may run its event handlers after
        // completing the call: wait for the last replayed event before reading what arrived.
        await again.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == missed[1]);
        var replayed = again.Received.Where(r => r.Method == "CandidateFound").Select(r => r.Event).ToList();
        Assert.Equal(missed, replayed.Select(e => e.GetProperty("workerId").GetString()));
        Assert.Equal([lastSeq + 1, lastSeq + 2], replayed.Select(e => e.GetProperty("seq").GetInt64()));

        var later = await WorkerAsync();
        var live = await again.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == later);
        Assert.Equal(lastSeq + 3, live.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_position_from_another_epoch_gets_a_snapshot_instead_of_a_replay()
    {
        var (employer, _) = await OrderAsync();
        await using var client = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);

        var answer = await client.InvokeAsync("RejoinEmployer", employer, "an-old-epoch", 5L);

        Assert.Equal(JsonValueKind.Object, answer.GetProperty("snapshot").ValueKind);
        Assert.Equal(0, answer.GetProperty("replayed").GetInt32());
    }

    [Fact]
    public async Task Joining_an_unknown_or_invalid_channel_fails()
    {
        await using var client = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);

        var unknown = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("JoinEmployer", "no-such-employer"));
        Assert.Contains("does not exist", unknown.Message, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("JoinEmployer", "../../x"));
        Assert.Contains("employerId is not a valid id", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_hub_joins_with_the_id_alone_and_rejoins_with_epoch_and_last_seq_as_the_contract_writes()
    {
        var (employer, _) = await OrderAsync();
        var fair = Http.NewId("fair");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer))).StatusCode);
        var site = Http.NewId("site");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(site))).StatusCode);

        foreach (var (hub, join, rejoin, id) in new[]
        {
            ("/hubs/recruiter", "JoinEmployer", "RejoinEmployer", employer),
            ("/hubs/fair", "JoinFair", "RejoinFair", fair),
            ("/hubs/lodging", "JoinSite", "RejoinSite", site),
        })
        {
            await using var client = await HubClient.ConnectAsync(factory, hub);

            var joined = await client.InvokeAsync(join, id);
            var epoch = joined.GetProperty("epoch").GetString()!;
            var latest = joined.GetProperty("latestSeq").GetInt64();
            var rejoined = await client.InvokeAsync(rejoin, id, epoch, latest);

            Assert.EndsWith(id, joined.GetProperty("channel").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Object, joined.GetProperty("snapshot").ValueKind);
            Assert.Equal(0, joined.GetProperty("replayed").GetInt32());
            Assert.Equal(JsonValueKind.Null, rejoined.GetProperty("snapshot").ValueKind);
            Assert.Equal((epoch, latest, 0), (rejoined.GetProperty("epoch").GetString(), rejoined.GetProperty("latestSeq").GetInt64(), rejoined.GetProperty("replayed").GetInt32()));
        }
    }

    [Fact]
    public async Task A_wrong_call_says_what_was_expected_and_leaves_the_connection_open()
    {
        var (employer, _) = await OrderAsync();
        await using var client = await HubClient.ConnectAsync(factory, "/hubs/recruiter", _recruiterEvents);
        (string Method, object?[] Args, string Expected)[] calls =
        [
            ("JoinEmployer", [], "JoinEmployer expects 1 argument(s), JoinEmployer(employerId: string); the call gave 0 argument(s)."),
            ("JoinEmployer", [employer, 5L], "the call gave 2 argument(s)"),
            ("JoinEmployer", [employer, 5L, "an-epoch"], "the call gave 3 argument(s)"),
            ("JoinEmployer", [42], "JoinEmployer(employerId: string); an argument is null or of another JSON type."),
            ("RejoinEmployer", [employer, 5L, "an-epoch"], "RejoinEmployer expects 3 argument(s), RejoinEmployer(employerId: string, epoch: string, lastSeq: integer)"),
            ("RejoinEmployer", [employer], "the call gave 1 argument(s)"),
            ("RejoinEmployer", [employer, null, 3L], "epoch is required"),
            ("RejoinEmployer", [employer, "an-epoch", -1L], "lastSeq must be 0 or more"),
            ("JoinEmployer", [new string('x', 100_000)], "employerId is not a valid id"),
            ("JoinEmployer", [null], "employerId is required"),
            ("JoinEmployer", ["no-such-employer"], "does not exist"),
            ("NoSuchMethod", [employer], "Unknown hub method 'NoSuchMethod'"),
        ];

        foreach (var (method, args, expected) in calls)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => client.InvokeAnyAsync(method, args));

            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("error on the server", refused.Message, StringComparison.Ordinal);
            Assert.Equal(HubConnectionState.Connected, client.State);
        }

        Assert.Equal(JsonValueKind.Object, (await client.InvokeAsync("JoinEmployer", employer)).GetProperty("snapshot").ValueKind);
    }

    [Fact]
    public async Task The_fair_board_shows_check_ins_and_anonymised_matches()
    {
        var (employer, _) = await OrderAsync();
        var fair = Http.NewId("fair");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer))).StatusCode);
        await using var screen = await HubClient.ConnectAsync(factory, "/hubs/fair", "BoardChanged", "MatchMade");
        var answer = await screen.InvokeAsync("JoinFair", fair);
        Assert.Equal(0, answer.GetProperty("snapshot").GetProperty("checkIns").GetInt32());
        var worker = await WorkerAsync();

        var checkIn = await (await _client.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();

        Assert.Equal(1, checkIn.GetProperty("checkIns").GetInt32());
        var board = await screen.WaitForAsync("BoardChanged", e => e.GetProperty("checkIns").GetInt32() == 1);
        Assert.Equal(1, board.GetProperty("byProvince").GetProperty("yunnan").GetInt32());
        var match = await screen.WaitForAsync("MatchMade", _ => true);
        Assert.Equal(checkIn.GetProperty("match").GetProperty("line").GetString(), match.GetProperty("line").GetString());
        Assert.StartsWith("电焊工 · 临沧 → 某", match.GetProperty("line").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(worker, match.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("付", match.GetRawText(), StringComparison.Ordinal);
        var again = await (await _client.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{worker}}"}""")).JsonAsync();
        Assert.Equal(1, again.GetProperty("checkIns").GetInt32());
    }

    [Fact]
    public async Task A_lodging_operator_sees_bed_counts_move()
    {
        var site = Http.NewId("site");
        await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(site));
        await _client.PostJsonAsync($"/api/lodging/sites/{site}/beds", """{"count":4}""");
        await using var operatorScreen = await HubClient.ConnectAsync(factory, "/hubs/lodging", "BedCountsChanged");
        var answer = await operatorScreen.InvokeAsync("JoinSite", site);
        var today = answer.GetProperty("snapshot").GetProperty("nights")[0];
        Assert.Equal(4, today.GetProperty("free").GetInt32());
        var worker = await WorkerAsync();
        var from = TestClock.Day(0);
        var to = TestClock.Day(2);

        var reserved = await _client.PostJsonAsync("/api/lodging/reservations", $$$"""
            {"workerId":"{{{worker}}}","siteId":"{{{site}}}","from":"{{{from}}}","to":"{{{to}}}","creditCommitment":{"signedBy":"嘉定就业服务站","note":"信用承诺"}}
            """);

        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var counts = await operatorScreen.WaitForAsync("BedCountsChanged", e => e.GetProperty("nights").EnumerateArray().Any(n => n.GetProperty("held").GetInt32() == 1));
        Assert.Equal(site, counts.GetProperty("siteId").GetString());
        Assert.All(counts.GetProperty("nights").EnumerateArray(), n => Assert.Equal(3, n.GetProperty("free").GetInt32()));
    }

    private async Task<(string Employer, string Order)> OrderAsync()
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var order = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer))).StatusCode);
        return (employer, order);
    }

    private async Task<string> WorkerAsync()
    {
        var worker = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);
        return worker;
    }
}
