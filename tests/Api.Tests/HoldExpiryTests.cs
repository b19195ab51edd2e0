using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Api.Tests;

/// <summary>Holds lapse by their deadline, on a clock the test drives; also after a restart.</summary>
public sealed class HoldExpiryTests
{
    [Fact]
    public async Task A_lapsed_hold_frees_its_slot_and_worker_even_across_a_restart()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        var dataPath = ApiFactory.NewDataPath();
        var order = Http.NewId("job");
        var worker = Http.NewId("w");
        var other = Http.NewId("w");
        string holdId;
        await using (var first = new ApiFactory(dataPath, clock))
        {
            var client = first.Client();
            var employer = Http.NewId("emp");
            await client.PostJsonAsync("/api/employers", Samples.Employer(employer));
            await client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer, headcount: 1));
            await client.PostJsonAsync("/api/workers", Samples.Worker(worker));
            await client.PostJsonAsync("/api/workers", Samples.Worker(other));
            var hold = await client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}","ttlSeconds":120}""");
            holdId = (await hold.JsonAsync()).GetProperty("holdId").GetString()!;

            clock.Advance(TimeSpan.FromSeconds(119));
            Assert.Equal(0, (await (await client.GetAsync($"/api/job-orders/{order}")).JsonAsync()).GetProperty("openSlots").GetInt32());
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        await using var second = new ApiFactory(dataPath, clock);
        var again = second.Client();

        var job = await (await again.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(1, job.GetProperty("openSlots").GetInt32());
        Assert.Equal(0, job.GetProperty("held").GetInt32());
        Assert.Equal("seeking", (await (await again.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("status").GetString());
        var confirm = await again.PostAsync($"/api/holds/{holdId}/confirm", null);
        Assert.Equal("hold-expired", (await confirm.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var taken = await again.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{other}}"}""");
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
    }
}
