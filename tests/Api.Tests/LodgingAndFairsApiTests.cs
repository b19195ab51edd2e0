using System.Net;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class LodgingAndFairsApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_site_gets_beds_by_count_and_by_label()
    {
        var id = Http.NewId("site");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(id))).StatusCode);

        var counted = await _client.PostJsonAsync($"/api/lodging/sites/{id}/beds", """{"count":3}""");
        Assert.Equal(HttpStatusCode.Created, counted.StatusCode);
        var labelled = await (await _client.PostJsonAsync($"/api/lodging/sites/{id}/beds", """{"labels":["A-1","A-2"]}""")).JsonAsync();

        Assert.Equal(5, labelled.GetProperty("bedCount").GetInt32());
        var beds = labelled.GetProperty("beds").EnumerateArray().ToList();
        Assert.Equal(["001", "002", "003", "A-1", "A-2"], beds.Select(b => b.GetProperty("label").GetString()));
        var bedId = beds[0].GetProperty("id").GetString();
        var bed = await (await _client.GetAsync($"/api/lodging/beds/{bedId}")).JsonAsync();
        Assert.Equal(id, bed.GetProperty("siteId").GetString());
        var repaired = await (await _client.PutJsonAsync($"/api/lodging/beds/{bedId}", """{"inService":false}""")).JsonAsync();
        Assert.False(repaired.GetProperty("inService").GetBoolean());
    }

    [Fact]
    public async Task Bed_requests_are_bounded()
    {
        var id = Http.NewId("site");
        await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(id));

        Assert.Equal(["count"], await (await _client.PostJsonAsync($"/api/lodging/sites/{id}/beds", """{"count":0}""")).FieldErrorsAsync());
        Assert.Equal(["count"], await (await _client.PostJsonAsync($"/api/lodging/sites/{id}/beds", """{"count":100000}""")).FieldErrorsAsync());
        await (await _client.PostJsonAsync("/api/lodging/sites/nowhere/beds", """{"count":1}""")).ProblemAsync(HttpStatusCode.NotFound);
        var site = await (await _client.GetAsync($"/api/lodging/sites/{id}")).JsonAsync();
        Assert.Equal(0, site.GetProperty("bedCount").GetInt32());
    }

    [Fact]
    public async Task A_fair_names_existing_employers_and_closes_once()
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var id = Http.NewId("fair");

        var unknown = await _client.PostJsonAsync("/api/fairs", Samples.Fair(id, employer, "ghost-employer"));
        Assert.Equal(["employerIds"], await unknown.FieldErrorsAsync());

        var created = await _client.PostJsonAsync("/api/fairs", Samples.Fair(id, employer));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("scheduled", (await created.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/fairs/{id}/close", null)).StatusCode);
        await (await _client.PostAsync($"/api/fairs/{id}/close", null)).ProblemAsync(HttpStatusCode.Conflict);
        var closed = await (await _client.GetAsync("/api/fairs?status=closed&take=200")).JsonAsync();
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), f => f.GetProperty("id").GetString() == id);
    }
}
