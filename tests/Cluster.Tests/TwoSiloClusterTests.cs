using System.Net;
using System.Net.Http.Json;
using Matching.Cluster.Tests.Support;
using Matching.Employers;
using Matching.JobOrders;
using Matching.Workers;

namespace Matching.Cluster.Tests;

/// <summary>Two silo processes on PostgreSQL are one cluster: the API and any client see the same grains.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class TwoSiloClusterTests(PostgreSqlServer server)
{
    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_serve_the_same_grains_to_the_api_and_a_client()
    {
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2);
        var client = await cluster.ClientAsync();
        using var api = cluster.Api().CreateClient();

        var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).StatusCode);

        // Orders through the API, workers through the client: each side then reads what the other wrote.
        var employer = ClusterSamples.NewId("emp");
        await api.PostAsync("/api/employers", ClusterSamples.Employer(employer));
        var orders = Enumerable.Range(0, 24).Select(_ => ClusterSamples.NewId("job")).ToList();
        foreach (var order in orders)
        {
            await api.PostAsync("/api/job-orders", ClusterSamples.JobOrder(order, employer, headcount: 2));
        }

        var workers = Enumerable.Range(0, 6).Select(_ => ClusterSamples.NewId("w")).ToList();
        foreach (var worker in workers)
        {
            await client.GetGrain<IWorkerGrain>(worker).CreateAsync(ClusterSamples.Worker(worker));
        }

        foreach (var order in orders)
        {
            var view = await client.GetGrain<IJobOrderGrain>(order).GetAsync();
            Assert.Equal((employer, 2, JobOrderStatus.Open), (view.EmployerId, view.Headcount, view.Status));
        }

        foreach (var worker in workers)
        {
            Assert.Equal("seeking", (await api.GetJsonAsync($"/api/workers/{worker}")).GetProperty("status").GetString());
        }

        Assert.Equal(24, (await api.GetJsonAsync($"/api/job-orders?employerId={employer}")).GetProperty("total").GetInt32());
        Assert.Equal(employer, (await client.GetGrain<IEmployerGrain>(employer).GetAsync()).Id);

        // Random placement spread the orders over both silos; the API reached them all the same.
        var management = client.GetGrain<IManagementGrain>(0);
        var silos = new HashSet<SiloAddress>();
        foreach (var order in orders)
        {
            silos.Add((await management.GetActivationAddress(client.GetGrain<IJobOrderGrain>(order)))!);
        }

        Assert.Equal(hosts.Keys.ToHashSet(), silos);

        // The match index (one shard grain, on one of the silos) matched every worker to an order of the other side.
        var candidates = await api.GetJsonAsync($"/api/job-orders/{orders[0]}/candidates");
        Assert.Equal(
            workers.Order(StringComparer.Ordinal),
            candidates.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("workerId").GetString()!).Order(StringComparer.Ordinal));

        // Routes that need more than IGrainFactory in this client process: scoring options and reference data.
        var explain = await api.GetJsonAsync($"/api/matches/explain?workerId={workers[0]}&jobOrderId={orders[0]}");
        Assert.True(explain.GetProperty("eligible").GetBoolean(), explain.ToString());

        // The idempotency guard keeps first answers in grains of the silos: a retry is answered the same.
        var retried = ClusterSamples.NewId("w");
        var key = Guid.NewGuid().ToString("N");
        var first = await PostWithKeyAsync(api, "/api/workers", ClusterSamples.Worker(retried), key);
        var again = await PostWithKeyAsync(api, "/api/workers", ClusterSamples.Worker(retried), key);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));

        var report = await api.GetJsonAsync("/api/admin/consistency");
        Assert.True(report.GetProperty("consistent").GetBoolean(), report.ToString());

        // The dashboard: collected on the silos, served by the API, it counts both.
        var counters = await api.GetJsonAsync("/dashboard/DashboardCounters");
        var hostCount = counters.EnumerateObject().Single(p => p.Name.Equals("totalActiveHostCount", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, hostCount.Value.GetInt32());

        // Metrics: each silo's scrape has the grains' figures (seven workers registered, here by the client and one
        // by the API, the retry replayed), Orleans' beside them; the API's has its own requests.
        using var scraper = new HttpClient();
        var silosScraped = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => scraper.GetStringAsync(cluster.MetricsUri(i))));
        Assert.Equal(7, silosScraped.Sum(text => Sample(text, "matching_workers_registered_total")));
        Assert.All(silosScraped, text => Assert.Contains("\norleans_", text, StringComparison.Ordinal));
        Assert.True(Sample(await api.GetStringAsync("/metrics"), "http_server_request_duration_seconds_count") > 0);
    }

    /// <summary>The sum of a metric's samples in a Prometheus scrape, over all its label sets.</summary>
    private static double Sample(string scrape, string name) => scrape.Split('\n')
        .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1 is var start && start > 0 ? start : name.Length)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    private static Task<HttpResponseMessage> PostWithKeyAsync<T>(HttpClient api, string url, T body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: ClusterSamples.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }
}
