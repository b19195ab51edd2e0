using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>Hires as internships or employment, an internship turned into employment (转正), and a worker who leaves.</summary>
[Collection(ApiCollection.Name)]
public sealed class EngagementsApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_student_intern_is_hired_as_an_intern_then_converted_and_the_recruiters_screens_hear_of_it()
    {
        var (employer, order) = await Entities.OrderAsync(_client);
        var worker = await InternAsync();
        await using var recruiter = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(employer), "Hired", "EngagementChanged");
        await recruiter.InvokeAsync("JoinEmployer", employer);
        var hold = await HoldAsync(order, worker);

        var hired = await (await _client.PostAsync($"/api/holds/{hold}/confirm", null)).JsonAsync();
        Assert.Equal("internship", hired.GetProperty("kind").GetString());
        Assert.Equal("interning", Hire(await SlotsAsync(order)).GetProperty("state").GetString());

        using var ownRecruiter = factory.Client(Caller.Recruiter(employer));
        var converted = await ownRecruiter.PostAsync($"/api/holds/{hold}/convert", null);

        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var view = (await converted.JsonAsync()).GetProperty("hire");
        Assert.Equal(("employment", "employed"), (view.GetProperty("kind").GetString(), view.GetProperty("state").GetString()));
        var pushed = await recruiter.WaitForAsync("EngagementChanged", e => e.GetProperty("holdId").GetString() == hold);
        Assert.Equal(("employed", "employment", worker), (pushed.GetProperty("state").GetString(), pushed.GetProperty("kind").GetString(), pushed.GetProperty("workerId").GetString()));
        var stored = Hire(await SlotsAsync(order));
        Assert.Equal("employment", stored.GetProperty("kind").GetString());
        Assert.Equal(view.GetProperty("convertedAt").GetDateTimeOffset(), stored.GetProperty("convertedAt").GetDateTimeOffset());
        var hire = (await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync()).GetProperty("hire");
        Assert.Equal(("employment", "employed"), (hire.GetProperty("kind").GetString(), hire.GetProperty("state").GetString()));

        var again = await (await _client.PostAsync($"/api/holds/{hold}/convert", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-converted", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Only_an_internship_of_the_callers_own_employer_is_converted()
    {
        var (_, order) = await Entities.OrderAsync(_client);
        var employee = await HoldAsync(order, await Entities.WorkerAsync(_client));
        await _client.PostAsync($"/api/holds/{employee}/confirm", null);
        var intern = await HoldAsync(order, await InternAsync());
        await _client.PostAsync($"/api/holds/{intern}/confirm", null);
        using var stranger = factory.Client(Caller.Recruiter(Http.NewId("other")));

        var notIntern = await (await _client.PostAsync($"/api/holds/{employee}/convert", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await stranger.PostAsync($"/api/holds/{intern}/convert", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.PostAsync($"/api/holds/{order}~0000/convert", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsync("/api/holds/not-a-hold/convert", null)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("not-internship", notIntern.GetProperty("code").GetString());
        Assert.Equal("interning", Hire(await SlotsAsync(order), intern).GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_internship_for_someone_who_cannot_intern_is_refused_and_the_hold_stays()
    {
        var (_, order) = await Entities.OrderAsync(_client);
        var hold = await HoldAsync(order, await Entities.WorkerAsync(_client));

        var refused = await _client.PostJsonAsync($"/api/holds/{hold}/confirm", """{"kind":"internship"}""");
        var unknown = await _client.PostJsonAsync($"/api/holds/{hold}/confirm", """{"kind":"apprentice"}""");

        Assert.Equal(["kind"], await refused.FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var slots = await SlotsAsync(order);
        Assert.Equal(hold, Assert.Single(slots.GetProperty("holds").EnumerateArray()).GetProperty("holdId").GetString());
        Assert.Empty(slots.GetProperty("hires").EnumerateArray());
    }

    [Fact]
    public async Task A_worker_who_leaves_is_back_in_the_search_and_the_hire_stays_on_record()
    {
        var (employer, order) = await Entities.OrderAsync(_client);
        var worker = await InternAsync();
        var hold = await HoldAsync(order, worker);
        await _client.PostAsync($"/api/holds/{hold}/confirm", null);

        var left = await _client.PostAsync($"/api/holds/{hold}/leave", null);

        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal("left", (await left.JsonAsync()).GetProperty("hire").GetProperty("state").GetString());
        var w = await (await _client.GetAsync($"/api/workers/{worker}")).JsonAsync();
        Assert.Equal("seeking", w.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, w.GetProperty("hire").ValueKind);
        var record = Hire(await SlotsAsync(order));
        Assert.Equal(("left", "internship"), (record.GetProperty("state").GetString(), record.GetProperty("kind").GetString()));
        var job = await (await _client.GetAsync($"/api/job-orders/{order}")).JsonAsync();
        Assert.Equal(1, job.GetProperty("hired").GetInt32());
        using var recruiter = factory.Client(Caller.Recruiter(employer));
        await (await recruiter.GetAsync($"/api/workers/{worker}")).ProblemAsync(HttpStatusCode.NotFound);

        var again = await (await _client.PostAsync($"/api/holds/{hold}/leave", null)).ProblemAsync(HttpStatusCode.Conflict);
        var convert = await (await _client.PostAsync($"/api/holds/{hold}/convert", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("engagement-ended", "engagement-ended"), (again.GetProperty("code").GetString(), convert.GetProperty("code").GetString()));
    }

    private async Task<string> InternAsync()
    {
        var id = Http.NewId("w");
        var body = Samples.Worker(id).Replace("\"categories\":[\"ruralLabour\",\"povertyAlleviated\"]", "\"categories\":[\"studentIntern\"]", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/workers", body)).StatusCode);
        return id;
    }

    private async Task<string> HoldAsync(string order, string worker)
    {
        var response = await _client.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("holdId").GetString()!;
    }

    private async Task<JsonElement> SlotsAsync(string order) => await (await _client.GetAsync($"/api/job-orders/{order}/holds")).JsonAsync();

    private static JsonElement Hire(JsonElement slots, string? holdId = null) =>
        slots.GetProperty("hires").EnumerateArray().Single(h => holdId is null || h.GetProperty("holdId").GetString() == holdId);
}
