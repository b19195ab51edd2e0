using System.Globalization;
using System.Text.Json;
using Matching.Api.Tests;

namespace Matching.Browser.Tests;

/// <summary>Drives the product through its REST routes, as staff and other recruiters would while a page watches.</summary>
internal sealed class Scenario(HttpClient client)
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(int daysFromToday) =>
        Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<string> EmployerAsync()
    {
        var id = Http.NewId("emp");
        await SendAsync(client.PostJsonAsync("/api/employers", Samples.Employer(id)));
        return id;
    }

    public async Task<string> JobOrderAsync(string employerId, int headcount = 3)
    {
        var id = Http.NewId("job");
        await SendAsync(client.PostJsonAsync("/api/job-orders", Samples.JobOrder(id, employerId, headcount: headcount)));
        return id;
    }

    public async Task<string> WorkerAsync(string prefecture = "lincang")
    {
        var id = Http.NewId("w");
        await SendAsync(client.PostJsonAsync("/api/workers", Samples.Worker(id, prefecture)));
        return id;
    }

    public async Task<string> FairAsync(params string[] employerIds)
    {
        var id = Http.NewId("fair");
        await SendAsync(client.PostJsonAsync("/api/fairs", Samples.Fair(id, employerIds)));
        return id;
    }

    public async Task<string> SiteAsync(int beds)
    {
        var id = Http.NewId("site");
        await SendAsync(client.PostJsonAsync("/api/lodging/sites", Samples.Site(id)));
        await SendAsync(client.PostJsonAsync($"/api/lodging/sites/{id}/beds", $$"""{"count":{{beds}}}"""));
        return id;
    }

    public Task<JsonElement> CheckInAsync(string fairId, string workerId) =>
        SendAsync(client.PostJsonAsync($"/api/fairs/{fairId}/check-ins", $$"""{"workerId":"{{workerId}}"}"""));

    public async Task<string> HoldAsync(string jobOrderId, string workerId) =>
        (await SendAsync(client.PostJsonAsync($"/api/job-orders/{jobOrderId}/holds", $$"""{"workerId":"{{workerId}}"}""")))
            .GetProperty("holdId").GetString()!;

    public Task<JsonElement> ConfirmAsync(string holdId) => SendAsync(client.PostAsync($"/api/holds/{holdId}/confirm", null));

    /// <summary>A bed for the nights [from, to), days from today, admitted on a credit commitment (信用承诺).</summary>
    public async Task<string> ReserveAsync(string siteId, string workerId, int from, int to) =>
        (await SendAsync(client.PostJsonAsync("/api/lodging/reservations", $$$"""
            {"workerId":"{{{workerId}}}","siteId":"{{{siteId}}}","from":"{{{Date(from)}}}","to":"{{{Date(to)}}}",
             "creditCommitment":{"signedBy":"安亭就业服务站","note":"新录用，单位确认中"}}
            """))).GetProperty("reservationId").GetString()!;

    public Task<JsonElement> CheckInToStayAsync(string reservationId) =>
        SendAsync(client.PostAsync($"/api/lodging/reservations/{reservationId}/check-in", null));

    /// <summary>The score reasons the API gives for the pair: what the page must show.</summary>
    public async Task<string[]> ReasonLabelsAsync(string workerId, string jobOrderId)
    {
        var explain = await SendAsync(client.GetAsync($"/api/matches/explain?workerId={workerId}&jobOrderId={jobOrderId}"));
        return [.. explain.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("label").GetString()!)];
    }

    private static async Task<JsonElement> SendAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
