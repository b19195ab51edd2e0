using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Cluster.Tests.Support;
using Matching.Feeds;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Cluster.Tests;

/// <summary>
/// The API in cluster mode on real HTTP, a recruiter's screen on its hub through the .NET SignalR client, and the
/// silo holding the screen's feed killed (kill -9): the connection to the API stays up, pushes come back by
/// themselves once the feed starts over on the survivor, and a rejoin from where the screen stood gets a snapshot.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class HubFailoverTests(PostgreSqlServer server)
{
    // How long the cluster may take to declare the dead silo dead and the API's relay to subscribe again.
    private static readonly TimeSpan _recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_recruiter_stays_connected_through_a_silo_failover_and_hears_new_candidates_again()
    {
        // Subscriptions renewed every 2 s instead of 20 s, so the relay finds the restarted feed soon.
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2, new Dictionary<string, string> { ["Matching:FeedSubscriptionSeconds"] = "6" });
        var client = await cluster.ClientAsync();
        var api = cluster.Api();
        using var http = api.CreateClient();
        Assert.Equal(IPAddress.Loopback.ToString(), http.BaseAddress!.Host);
        var employer = ClusterSamples.NewId("emp");
        var order = ClusterSamples.NewId("job");
        await http.PostAsync("/api/employers", ClusterSamples.Employer(employer));
        await http.PostAsync("/api/job-orders", ClusterSamples.JobOrder(order, employer));

        await using var hub = api.Hub("/hubs/recruiter");
        var found = new ConcurrentQueue<JsonElement>();
        var arrived = new SemaphoreSlim(0);
        hub.On<JsonElement>("CandidateFound", e =>
        {
            found.Enqueue(e);
            arrived.Release();
        });
        var dropped = false;
        hub.Closed += _ =>
        {
            dropped = true;
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<JsonElement>("JoinEmployer", employer);
        var epoch = joined.GetProperty("epoch").GetString();
        var first = await RegisterAsync(http);
        var before = await WaitForAsync(found, arrived, e => e.GetProperty("workerId").GetString() == first);

        // The silo where the employer's channel lives goes away; the API process and its connections stay.
        var feed = client.GetGrain<IFeedGrain>(FeedChannels.PartitionOf(FeedChannel.Employer(employer)));
        var host = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(feed);
        await cluster.KillSiloAsync(cluster.IndexOf(host!));
        await cluster.WaitForActiveSilosAsync(client, 1);

        // The next publish starts the feed again on the survivor, under a new epoch; the relay subscribes to it at
        // its next renewal, and what is published after that reaches the screen without it doing anything.
        var registered = new List<string> { first };
        JsonElement? after = null;
        using (var recovery = new CancellationTokenSource(_recovery))
        {
            try
            {
                while (after is null)
                {
                    registered.Add(await RegisterAsync(http, recovery.Token));
                    after = await TryWaitForAsync(found, arrived, e => e.GetProperty("epoch").GetString() != epoch, TimeSpan.FromSeconds(1), recovery.Token);
                }
            }
            catch (OperationCanceledException) when (recovery.IsCancellationRequested)
            {
                Assert.Fail($"No push reached the screen within {_recovery.TotalSeconds} s of the failover, {registered.Count - 1} workers registered since.");
            }
        }

        Assert.False(dropped);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Contains(after.Value.GetProperty("workerId").GetString(), registered);

        // Published after that one, so heard too: then nothing is still on its way when the screen rejoins.
        await WaitForAsync(found, arrived, e => e.GetProperty("workerId").GetString() == registered[^1]);

        // The screen saw the epoch change: a rejoin from its last position gets the state, no replay, on the same connection.
        var rejoined = await hub.InvokeAsync<JsonElement>("RejoinEmployer", employer, epoch, before.GetProperty("seq").GetInt64());
        Assert.Equal(after.Value.GetProperty("epoch").GetString(), rejoined.GetProperty("epoch").GetString());
        Assert.Equal(0, rejoined.GetProperty("replayed").GetInt32());
        var listed = Assert.Single(rejoined.GetProperty("snapshot").GetProperty("jobOrders").EnumerateArray());
        Assert.Equal((order, registered.Count), (listed.GetProperty("jobOrder").GetProperty("id").GetString(), listed.GetProperty("totalCandidates").GetInt32()));
        var last = await RegisterAsync(http);
        var next = await WaitForAsync(found, arrived, e => e.GetProperty("workerId").GetString() == last);
        Assert.Equal(rejoined.GetProperty("latestSeq").GetInt64() + 1, next.GetProperty("seq").GetInt64());
        Assert.False(dropped);
    }

    private static async Task<string> RegisterAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var worker = ClusterSamples.NewId("w");
        var response = await http.PostAsJsonAsync("/api/workers", ClusterSamples.Worker(worker), ClusterSamples.Json, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return worker;
    }

    private static async Task<JsonElement> WaitForAsync(ConcurrentQueue<JsonElement> found, SemaphoreSlim arrived, Func<JsonElement, bool> match) =>
        await TryWaitForAsync(found, arrived, match, TimeSpan.FromSeconds(30), CancellationToken.None)
        ?? throw new TimeoutException("The screen did not hear of the worker.");

    /// <summary>The first event matching, once it has arrived; null when none did within <paramref name="within"/>.</summary>
    private static async Task<JsonElement?> TryWaitForAsync(
        ConcurrentQueue<JsonElement> found, SemaphoreSlim arrived, Func<JsonElement, bool> match, TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        while (true)
        {
            foreach (var e in found)
            {
                if (match(e))
                {
                    return e;
                }
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }
}
