using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Employers;
using Matching.JobOrders;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// The grain tests' samples, dated from today: silo processes run on the real clock, and the rules measure
/// start and availability dates from it.
/// </summary>
public static class ClusterSamples
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Captured once, so samples built on either side of a UTC midnight agree; the rules' windows are wide enough
    // (a year back, two ahead) that the silos' today moving on during a run changes nothing.
    private static readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static string NewId(string prefix) => Samples.NewId(prefix);

    public static EmployerProfile Employer(string id) => Samples.Employer() with { Id = id };

    public static JobOrderProfile JobOrder(string id, string employerId, int headcount = 5) =>
        Samples.JobOrder(employerId) with { Id = id, Headcount = headcount, StartDate = _today.AddDays(14) };

    public static WorkerProfile Worker(string id) => Samples.Worker() with { Id = id, AvailableFrom = _today.AddDays(7) };

    /// <summary>POSTs a body as the API's clients write it and insists on a 2xx answer.</summary>
    public static async Task<JsonElement> PostAsync<T>(this HttpClient client, string url, T body)
    {
        var response = await client.PostAsJsonAsync(url, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
