using System.Net;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class JobOrdersApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    private async Task<string> EmployerAsync()
    {
        var id = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/employers", Samples.Employer(id))).StatusCode);
        return id;
    }

    [Fact]
    public async Task Create_opens_the_order_with_all_slots_free()
    {
        var employer = await EmployerAsync();
        var id = Http.NewId("job");

        var response = await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(id, employer, headcount: 7));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/job-orders/{id}", response.Headers.Location?.OriginalString);
        var body = await response.JsonAsync();
        Assert.Equal("open", body.GetProperty("status").GetString());
        Assert.Equal(7, body.GetProperty("openSlots").GetInt32());
        Assert.Equal(0, body.GetProperty("held").GetInt32());
        Assert.Equal(0, body.GetProperty("hired").GetInt32());
    }

    [Fact]
    public async Task Unknown_employer_is_a_field_error()
    {
        var id = Http.NewId("job");
        var response = await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(id, "no-such-employer"));

        Assert.Equal(["employerId"], await response.FieldErrorsAsync());
        await (await _client.GetAsync($"/api/job-orders/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Field_rules_are_checked_together()
    {
        var employer = await EmployerAsync();
        var response = await _client.PostJsonAsync("/api/job-orders", $$"""
            {"employerId":"{{employer}}","title":"","trade":"astronaut","minLevel":"grandmaster","headcount":0,
             "wageMin":9000,"wageMax":8000,"district":"jiading","startDate":"2999-01-01"}
            """);

        Assert.Equal(["headcount", "minLevel", "startDate", "title", "trade", "wageMax"], await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task Close_ends_the_order_and_blocks_changes()
    {
        var employer = await EmployerAsync();
        var id = Http.NewId("job");
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(id, employer));

        var closed = await _client.PostAsync($"/api/job-orders/{id}/close", null);
        Assert.Equal("closed", (await closed.JsonAsync()).GetProperty("status").GetString());

        var again = await (await _client.PostAsync($"/api/job-orders/{id}/close", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-closed", again.GetProperty("code").GetString());
        var update = await (await _client.PutJsonAsync($"/api/job-orders/{id}", Samples.JobOrder(id, employer))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-open", update.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Update_keeps_the_employer()
    {
        var employer = await EmployerAsync();
        var other = await EmployerAsync();
        var id = Http.NewId("job");
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(id, employer, headcount: 3));

        var moved = await _client.PutJsonAsync($"/api/job-orders/{id}", Samples.JobOrder(id, other));
        Assert.Equal(["employerId"], await moved.FieldErrorsAsync());

        var grown = await _client.PutJsonAsync($"/api/job-orders/{id}", Samples.JobOrder(id, employer, headcount: 12));
        Assert.Equal(12, (await grown.JsonAsync()).GetProperty("openSlots").GetInt32());
    }

    [Fact]
    public async Task List_filters_by_employer_trade_and_status()
    {
        var employer = await EmployerAsync();
        var welder = Http.NewId("job");
        var cook = Http.NewId("job");
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(welder, employer));
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(cook, employer, trade: "cook"));
        await _client.PostAsync($"/api/job-orders/{cook}/close", null);

        var open = await (await _client.GetAsync($"/api/job-orders?employerId={employer}&status=open")).JsonAsync();
        var cooks = await (await _client.GetAsync($"/api/job-orders?employerId={employer}&trade=cook")).JsonAsync();

        Assert.Equal([welder], open.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal([cook], cooks.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Equal(1, cooks.GetProperty("total").GetInt32());
    }
}
