using System.Net;
using Matching.Feeds;
using Matching.Index;

namespace Matching.Api.Tests;

/// <summary>A new worker shows up at once in the candidates of every fitting open order, and leaves them when gone.</summary>
[Collection(MatchingCollection.Name)]
public sealed class MatchingApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_new_worker_is_ranked_with_reasons_in_every_fitting_order_and_pushed()
    {
        var (employer, fitting, unfitting) = await TwoOrdersAsync();
        var worker = Http.NewId("w");

        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);

        var candidates = await (await _client.GetAsync($"/api/job-orders/{fitting}/candidates")).JsonAsync();
        var mine = candidates.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("workerId").GetString() == worker);
        Assert.InRange(mine.GetProperty("score").GetInt32(), 1, 100);
        Assert.Equal(mine.GetProperty("score").GetInt32(), mine.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("points").GetInt32()));
        Assert.Contains(mine.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "partner");
        Assert.Equal("付*", mine.GetProperty("name").GetString());
        Assert.Equal("138****5678", mine.GetProperty("phone").GetString());
        Assert.DoesNotContain("530902199801010011", candidates.GetRawText(), StringComparison.Ordinal);

        var other = await (await _client.GetAsync($"/api/job-orders/{unfitting}/candidates")).JsonAsync();
        Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), c => c.GetProperty("workerId").GetString() == worker);
        var explain = await (await _client.GetAsync($"/api/matches/explain?workerId={worker}&jobOrderId={unfitting}")).JsonAsync();
        Assert.False(explain.GetProperty("eligible").GetBoolean());
        Assert.Equal(["certificates"], explain.GetProperty("failedFilters").EnumerateArray().Select(f => f.GetProperty("code").GetString()));

        var matches = (await (await _client.GetAsync($"/api/workers/{worker}/matches")).JsonAsync()).GetProperty("items");
        Assert.Contains(matches.EnumerateArray(), m => m.GetProperty("jobOrderId").GetString() == fitting);
        Assert.DoesNotContain(matches.EnumerateArray(), m => m.GetProperty("jobOrderId").GetString() == unfitting);

        var events = await Feed.EventsAsync(factory, FeedChannel.Employer(employer), e => e is CandidateFound f && f.WorkerId == worker);
        var found = Assert.Single(events.OfType<CandidateFound>(), f => f.WorkerId == worker);
        Assert.Equal(fitting, found.JobOrderId);
        Assert.Equal("付*", found.Worker.MaskedName);
        Assert.True(found.Seq > 0);
    }

    [Fact]
    public async Task A_withdrawn_or_hired_worker_leaves_the_lists_at_once()
    {
        var (employer, fitting, _) = await TwoOrdersAsync();
        var withdrawn = Http.NewId("w");
        var hired = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(withdrawn));
        await _client.PostJsonAsync("/api/workers", Samples.Worker(hired));
        Assert.Equal(2, await CountAsync(fitting, withdrawn, hired));

        await _client.PostAsync($"/api/workers/{withdrawn}/withdraw", null);
        var hold = await (await _client.PostJsonAsync($"/api/job-orders/{fitting}/holds", $$"""{"workerId":"{{hired}}"}""")).JsonAsync();
        await _client.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null);

        Assert.Equal(0, await CountAsync(fitting, withdrawn, hired));
        var events = await Feed.EventsAsync(factory, FeedChannel.Employer(employer), e => e is CandidateWithdrawn { Reason: "hired" });
        Assert.Contains(events.OfType<CandidateWithdrawn>(), e => e.WorkerId == withdrawn && e.Reason == "withdrawn");
        Assert.Contains(events.OfType<CandidateWithdrawn>(), e => e.WorkerId == hired && e.Reason == "hired");
    }

    [Fact]
    public async Task A_new_order_finds_the_workers_already_registered()
    {
        var worker = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(worker));
        var (_, fitting, _) = await TwoOrdersAsync();

        Assert.Equal(1, await CountAsync(fitting, worker));

        await _client.PostAsync($"/api/job-orders/{fitting}/close", null);
        var matches = (await (await _client.GetAsync($"/api/workers/{worker}/matches")).JsonAsync()).GetProperty("items");
        Assert.DoesNotContain(matches.EnumerateArray(), m => m.GetProperty("jobOrderId").GetString() == fitting);
    }

    [Fact]
    public async Task A_workers_matches_are_a_page_with_skip_and_take_like_every_list()
    {
        var worker = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(worker));
        var (_, first, _) = await TwoOrdersAsync();
        var (_, second, _) = await TwoOrdersAsync();

        var all = await (await _client.GetAsync($"/api/workers/{worker}/matches")).JsonAsync();
        var paged = await (await _client.GetAsync($"/api/workers/{worker}/matches?skip=1&take=1")).JsonAsync();

        var ranked = all.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("jobOrderId").GetString()).ToList();
        Assert.Contains(first, ranked);
        Assert.Contains(second, ranked);
        Assert.Equal(ranked.Count, all.GetProperty("total").GetInt32());
        Assert.Equal((0, 50), (all.GetProperty("skip").GetInt32(), all.GetProperty("take").GetInt32()));
        Assert.Equal(ranked[1], Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("jobOrderId").GetString());
        Assert.Equal((ranked.Count, 1, 1), (paged.GetProperty("total").GetInt32(), paged.GetProperty("skip").GetInt32(), paged.GetProperty("take").GetInt32()));
        Assert.Equal(["take"], await (await _client.GetAsync($"/api/workers/{worker}/matches?take=0")).FieldErrorsAsync());
    }

    [Fact]
    public async Task Unknown_ids_and_missing_parameters_are_problems()
    {
        await (await _client.GetAsync("/api/job-orders/none/candidates")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync("/api/workers/none/matches")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["jobOrderId", "workerId"], await (await _client.GetAsync("/api/matches/explain")).FieldErrorsAsync());
    }

    private async Task<int> CountAsync(string order, params string[] workers)
    {
        var page = await (await _client.GetAsync($"/api/job-orders/{order}/candidates?take=200")).JsonAsync();
        return page.GetProperty("items").EnumerateArray().Count(c => workers.Contains(c.GetProperty("workerId").GetString()));
    }

    /// <summary>An employer with a welder order the sample worker fits, and one needing a certificate it lacks.</summary>
    private async Task<(string Employer, string Fitting, string Unfitting)> TwoOrdersAsync()
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var fitting = Http.NewId("job");
        var unfitting = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(fitting, employer))).StatusCode);
        var needsCertificate = Samples.JobOrder(unfitting, employer).Replace("\"焊工证\"", "\"高处作业证\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/job-orders", needsCertificate)).StatusCode);
        return (employer, fitting, unfitting);
    }
}
