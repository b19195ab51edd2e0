using System.Net;

namespace Matching.Api.Tests;

/// <summary>Fresh entities for a test, created through the API by a staff or admin client.</summary>
internal static class Entities
{
    /// <summary>A key enterprise with one open welder order the sample worker fits.</summary>
    public static async Task<(string Employer, string Order)> OrderAsync(HttpClient staff)
    {
        var employer = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
        var order = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer))).StatusCode);
        return (employer, order);
    }

    public static async Task<string> WorkerAsync(HttpClient staff)
    {
        var worker = Http.NewId("w");
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync("/api/workers", Samples.Worker(worker))).StatusCode);
        return worker;
    }
}
