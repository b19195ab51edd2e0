using System.Net;

namespace Matching.Api.Tests;

/// <summary>The embedded store keeps what was written when the whole process goes away and starts again.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Data_written_before_a_restart_is_there_after_it()
    {
        var dataPath = ApiFactory.NewDataPath();
        var employer = Http.NewId("emp");
        var order = Http.NewId("job");
        var worker = Http.NewId("w");
        await using (var first = new ApiFactory(dataPath))
        {
            var client = first.Client();
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/job-orders/{order}/close", null)).StatusCode);
        }

        await using var second = new ApiFactory(dataPath);
        var again = second.Client();

        var readOrder = await (await again.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal("closed", readOrder.GetProperty("status").GetString());
        Assert.Equal(employer, readOrder.GetProperty("employerId").GetString());
        var readWorker = await (await again.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal("530902199801010011", readWorker.GetProperty("idNumber").GetString());

        // Lists are derived state: rebuilt from the store, not lost with the process.
        var orders = await (await again.GetAsync($"/api/job-orders?employerId={employer}")).JsonAsync();
        Assert.Equal([order], orders.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));

        // And what was stored still guards its rules: the id is taken.
        await (await again.PostJsonAsync("/api/employers", Samples.Employer(employer))).ProblemAsync(HttpStatusCode.Conflict);
    }
}
