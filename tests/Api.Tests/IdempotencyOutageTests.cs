using System.Net;
using Matching.Consistency;
using Matching.Errors;
using Matching.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Matching.Api.Tests;

/// <summary>
/// The store fails for a moment (in the cluster profile: PostgreSQL restarts) while a keyed request is guarded: the
/// request is refused with a 503 the client may retry, and its key is free for the retry at once — not held
/// "in progress" for the minutes a running first attempt may hold it.
/// </summary>
public sealed class IdempotencyOutageTests
{
    [Fact]
    public async Task A_key_whose_quota_could_not_be_counted_is_free_for_the_retry()
    {
        var outage = new StoreOutage(StorageNames.IdempotencyQuota);
        await using var product = ProductWith(outage);
        var staff = product.Client(Caller.Staff);
        var (id, key) = (Http.NewId("emp"), Guid.NewGuid().ToString());

        outage.Down = true;
        var during = await staff.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);
        outage.Down = false;
        var retry = await staff.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task An_answer_that_could_not_be_stored_is_still_the_answer_to_the_retry()
    {
        var outage = new StoreOutage(StorageNames.Idempotency);
        await using var product = ProductWith(outage);
        var staff = product.Client(Caller.Staff);
        var (id, key) = (Http.NewId("emp"), Guid.NewGuid().ToString());

        // The request runs and is answered; only its answer cannot be kept for a while.
        outage.Down = true;
        var first = await staff.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);
        var during = await staff.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);
        outage.Down = false;
        var after = await staff.SendJsonAsync(HttpMethod.Post, "/api/employers", Samples.Employer(id), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        foreach (var retry in new[] { during, after })
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.True(retry.Headers.Contains("Idempotent-Replayed"), "the retry ran again instead of getting the first answer");
            Assert.Equal(body, await retry.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_write_the_store_refuses_is_a_503_to_retry_and_changes_nothing()
    {
        var outage = new StoreOutage(StorageNames.Employer);
        await using var product = ProductWith(outage);
        var staff = product.Client(Caller.Staff);
        var id = Http.NewId("emp");

        outage.Down = true;
        var during = await staff.PostJsonAsync("/api/employers", Samples.Employer(id));
        var missing = await staff.GetAsync($"/api/employers/{id}");
        outage.Down = false;
        var retry = await staff.PostJsonAsync("/api/employers", Samples.Employer(id));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task A_write_the_store_took_but_reported_failed_is_answered_and_derived_as_written()
    {
        var outage = new StoreOutage(StorageNames.Worker);
        await using var product = ProductWith(outage);
        var staff = product.Client(Caller.Staff);
        var id = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/workers", Samples.Worker(id))).StatusCode);

        // The connection is cut after the commit: the grain hears "failed" for a write that stands.
        outage.LoseAnswers = true;
        var withdrawn = await staff.PostJsonAsync($"/api/workers/{id}/withdraw", "{}");
        outage.LoseAnswers = false;

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await (await staff.GetAsync($"/api/workers/{id}")).JsonAsync()).GetProperty("status").GetString());
        var report = await product.Services.GetRequiredService<IGrainFactory>().GetGrain<IConsistencyGrain>(0).CheckAsync();
        Assert.True(report.Consistent, string.Join("; ", report.Checks.Where(c => !c.Consistent)));
    }

    /// <summary>A product of its own whose store fails the outage's writes while it is down.</summary>
    private static ApiFactory ProductWith(StoreOutage outage) =>
        new(ApiFactory.NewDataPath(), services: s => s.AddKeyedSingleton<IGrainStorage>(
            StorageNames.Main, (sp, _) => new FailingWrites(sp.GetRequiredService<SqliteGrainStorage>(), outage)));

    /// <summary>Whether writes of one kind of state fail now.</summary>
    private sealed class StoreOutage(string stateName)
    {
        public string StateName { get; } = stateName;

        public volatile bool Down;

        /// <summary>Writes are stored, but the writer hears that they failed.</summary>
        public volatile bool LoseAnswers;
    }

    /// <summary>The product's store, but writes of the outage's state fail while it is down.</summary>
    private sealed class FailingWrites(IGrainStorage store, StoreOutage outage) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            store.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (stateName == outage.StateName && outage.Down)
            {
                throw new StoreException("The store is unavailable.");
            }

            await store.WriteStateAsync(stateName, grainId, grainState);
            if (stateName == outage.StateName && outage.LoseAnswers)
            {
                throw new StoreException("The connection was cut before the commit's answer.");
            }
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            store.ClearStateAsync(stateName, grainId, grainState);
    }
}
