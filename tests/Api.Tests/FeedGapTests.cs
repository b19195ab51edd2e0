using System.Net;
using System.Text.Json;
using Matching.Feeds;
using Matching.Index;

namespace Matching.Api.Tests;

/// <summary>
/// A rejoin is answered from the channel's replay buffer while it still reaches back to the client's position,
/// and with a snapshot once it does not (the contract's "the gap is older than the buffer"): a product of its
/// own with the smallest buffer, so a few registrations run past it.
/// </summary>
public sealed class FeedGapTests
{
    private const int Buffer = 16;

    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    [Fact]
    public async Task A_rejoin_just_inside_the_buffer_is_replayed_and_one_behind_it_gets_a_snapshot()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["Matching:FeedBufferSize"] = $"{Buffer}" });
        var staff = factory.Client(Caller.Staff);
        var (employer, order) = await Entities.OrderAsync(staff);
        var workers = new List<string>();
        for (var i = 0; i < Buffer + 4; i++)
        {
            workers.Add(await Entities.WorkerAsync(staff));
        }

        await Feed.EventsAsync(factory, FeedChannel.Employer(employer), e => e is CandidateFound f && f.WorkerId == workers[^1]);
        await using var watching = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, _recruiterEvents);
        var joined = await watching.InvokeAsync("JoinEmployer", employer);
        var epoch = joined.GetProperty("epoch").GetString()!;
        var latest = joined.GetProperty("latestSeq").GetInt64();
        Assert.Equal(workers.Count, latest);

        // The oldest event kept is latest - Buffer + 1: a client that applied the one before it is owed exactly the buffer.
        await using var inside = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, _recruiterEvents);
        var replay = await inside.InvokeAsync("RejoinEmployer", employer, epoch, latest - Buffer);
        Assert.Equal(JsonValueKind.Null, replay.GetProperty("snapshot").ValueKind);
        Assert.Equal(Buffer, replay.GetProperty("replayed").GetInt32());
        await inside.WaitForSeqAsync(latest);
        Assert.Equal(workers[^Buffer..], inside.Received.Select(r => r.Event.GetProperty("workerId").GetString()));

        // One event further back is gone from the buffer: the rejoin gets the channel's state instead.
        await using var behind = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, _recruiterEvents);
        var gap = await behind.InvokeAsync("RejoinEmployer", employer, epoch, latest - Buffer - 1);
        Assert.Equal((epoch, latest, 0), (gap.GetProperty("epoch").GetString(), gap.GetProperty("latestSeq").GetInt64(), gap.GetProperty("replayed").GetInt32()));
        var snapshot = Assert.Single(gap.GetProperty("snapshot").GetProperty("jobOrders").EnumerateArray());
        Assert.Equal((order, workers.Count), (snapshot.GetProperty("jobOrder").GetProperty("id").GetString(), snapshot.GetProperty("totalCandidates").GetInt32()));

        // Nothing was replayed to it: the first event it gets is the next one, for a worker registered now.
        var next = await Entities.WorkerAsync(staff);
        var live = await behind.WaitForAsync("CandidateFound", e => e.GetProperty("workerId").GetString() == next);
        Assert.Equal(latest + 1, live.GetProperty("seq").GetInt64());
        Assert.Equal([next], behind.Received.Select(r => r.Event.GetProperty("workerId").GetString()));
    }
}
