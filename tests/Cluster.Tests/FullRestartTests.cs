using System.Net;
using System.Text.Json;
using Matching.Cluster.Tests.Support;

namespace Matching.Cluster.Tests;

/// <summary>Every process of the cluster goes away at once (kill -9) and comes back: nothing is lost.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class FullRestartTests(PostgreSqlServer server)
{
    [Fact]
    public async Task All_state_survives_killing_every_silo_and_starting_them_again()
    {
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2);
        var employer = ClusterSamples.NewId("emp");
        var open = ClusterSamples.NewId("job");
        var closed = ClusterSamples.NewId("job");
        var workers = Enumerable.Range(0, 5).Select(_ => ClusterSamples.NewId("w")).ToList();
        var routes = new List<string>
        {
            $"/api/employers/{employer}",
            $"/api/job-orders/{open}",
            $"/api/job-orders/{open}/holds",
            $"/api/job-orders/{open}/candidates",
            $"/api/job-orders/{closed}",
            $"/api/job-orders?employerId={employer}",
            $"/api/workers?trade=welder&status=seeking",
            $"/api/workers?status=hired",
        };
        routes.AddRange(workers.Select(w => $"/api/workers/{w}"));
        routes.AddRange(workers.Select(w => $"/api/workers/{w}/matches"));

        Dictionary<string, string> before;
        using (var api = cluster.Api().CreateClient())
        {
            await api.PostAsync("/api/employers", ClusterSamples.Employer(employer));
            await api.PostAsync("/api/job-orders", ClusterSamples.JobOrder(open, employer, headcount: 3));
            await api.PostAsync("/api/job-orders", ClusterSamples.JobOrder(closed, employer, headcount: 3));
            foreach (var worker in workers)
            {
                await api.PostAsync("/api/workers", ClusterSamples.Worker(worker));
            }

            // A hire, a hold still pending, a withdrawn worker and a closed order: every kind of state there is.
            var hired = await api.PostAsync($"/api/job-orders/{open}/holds", new { workerId = workers[0], ttlSeconds = 3600 });
            await api.PostAsync($"/api/holds/{hired.GetProperty("holdId").GetString()}/confirm", new { });
            await api.PostAsync($"/api/job-orders/{open}/holds", new { workerId = workers[1], ttlSeconds = 3600 });
            await api.PostAsync($"/api/workers/{workers[2]}/withdraw", new { });
            await api.PostAsync($"/api/job-orders/{closed}/close", new { });
            before = await ReadAllAsync(api, routes);
        }

        await cluster.KillSiloAsync(0);
        await cluster.KillSiloAsync(1);
        await Task.WhenAll(cluster.StartSiloAsync(0), cluster.StartSiloAsync(1));

        using var again = cluster.Api().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/health/ready")).StatusCode);
        var after = await ReadAllAsync(again, routes);

        Assert.All(routes, route => Assert.Equal(before[route], after[route]));
        Assert.Equal("hired", JsonDocument.Parse(after[$"/api/workers/{workers[0]}"]).RootElement.GetProperty("status").GetString());
        Assert.Equal(1, JsonDocument.Parse(after[$"/api/job-orders/{open}"]).RootElement.GetProperty("held").GetInt32());

        // Catalogs and index shards were rebuilt from the store on their first call after the restart.
        var report = await again.GetJsonAsync("/api/admin/consistency");
        Assert.True(report.GetProperty("consistent").GetBoolean(), report.ToString());
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient api, IEnumerable<string> routes)
    {
        var answers = new Dictionary<string, string>();
        foreach (var route in routes)
        {
            answers[route] = (await api.GetJsonAsync(route)).GetRawText();
        }

        return answers;
    }
}
