using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Storage;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Api.Tests;

/// <summary><c>GET /api/admin/consistency</c>: derived state (catalogs, index shards) against the stored entities.</summary>
public sealed class AdminApiTests
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public async Task Derived_state_agrees_with_the_store_after_changes_through_the_api()
    {
        await using var factory = new ApiFactory();
        var client = factory.Client();
        var employer = Http.NewId("emp");
        var order = Http.NewId("job");
        await client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        await client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer));
        var workers = Enumerable.Range(0, 3).Select(_ => Http.NewId("w")).ToList();
        foreach (var worker in workers)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);
        }

        await client.PostAsync($"/api/workers/{workers[0]}/withdraw", null);

        var report = await (await client.GetAsync("/api/admin/consistency")).JsonAsync();

        Assert.True(report.GetProperty("consistent").GetBoolean(), report.ToString());
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.True(c.GetProperty("consistent").GetBoolean()));
        Assert.Equal(3, Count(checks, "catalog", "worker", "total"));
        Assert.Equal(1, Count(checks, "catalog", "worker", "status:withdrawn"));
        Assert.Equal(1, Count(checks, "index", "welder/0", "jobs"));
        Assert.Equal(2, Count(checks, "index", "welder/0", "workers"));
    }

    [Fact]
    public async Task A_stored_entity_the_catalog_and_index_never_heard_of_is_reported()
    {
        await using var factory = new ApiFactory();
        var client = factory.Client();
        var known = Http.NewId("w");
        await client.PostJsonAsync("/api/workers", Samples.Worker(known));
        var stored = await (await client.GetAsync($"/api/workers/{known}")).Content.ReadFromJsonAsync<WorkerProfile>(_json);

        // A write behind the grains' back, as a restore of a backup or a second writer would make.
        var store = factory.Services.GetRequiredService<IStateStore>() as Orleans.Storage.IGrainStorage;
        var stray = Http.NewId("w");
        var state = new WorkerState { Profile = stored! with { Id = stray }, Status = WorkerStatus.Seeking };
        await store!.WriteStateAsync(StorageNames.Worker, GrainId.Create("worker", stray), new GrainState<WorkerState>(state));

        var report = await (await client.GetAsync("/api/admin/consistency")).JsonAsync();

        Assert.False(report.GetProperty("consistent").GetBoolean());
        var failed = report.GetProperty("checks").EnumerateArray()
            .Where(c => !c.GetProperty("consistent").GetBoolean())
            .Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("key").GetString()} {c.GetProperty("measure").GetString()} " +
                         $"{c.GetProperty("store").GetInt32()}/{c.GetProperty("derived").GetInt32()}")
            .ToList();
        Assert.Equal(["catalog worker total 2/1", "catalog worker status:seeking 2/1", "index welder/0 workers 2/1"], failed);
    }

    [Fact]
    public async Task Only_staff_and_admins_may_run_the_check_and_one_runs_at_a_time()
    {
        await using var factory = new ApiFactory();
        foreach (var caller in new[] { Caller.Viewer("fair-x"), Caller.Recruiter("emp-x"), Caller.Operator("site-x") })
        {
            await (await factory.Client(caller).GetAsync("/api/admin/consistency")).ProblemAsync(HttpStatusCode.Forbidden);
        }

        var staff = factory.Client(Caller.Staff);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => staff.GetAsync("/api/admin/consistency")));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var busy in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var problem = await busy.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("check-running", problem.GetProperty("code").GetString());
        }
    }

    private static int Count(List<JsonElement> checks, string kind, string key, string measure) =>
        checks.Single(c => c.GetProperty("kind").GetString() == kind
                           && c.GetProperty("key").GetString() == key
                           && c.GetProperty("measure").GetString() == measure)
            .GetProperty("store").GetInt32();
}
