using System.Net;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EmployersApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task Create_answers_201_with_location_and_the_normalised_employer()
    {
        var id = Http.NewId("emp");
        var response = await _client.PostJsonAsync("/api/employers", Samples.Employer(id, district: "JIADING"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/employers/{id}", response.Headers.Location?.OriginalString);
        var body = await response.JsonAsync();
        Assert.Equal("jiading", body.GetProperty("district").GetString());
        Assert.True(body.GetProperty("isKeyEnterprise").GetBoolean());

        var read = await (await _client.GetAsync($"/api/employers/{id}")).JsonAsync();
        Assert.Equal("上海某重工", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_without_id_generates_one()
    {
        var response = await _client.PostJsonAsync("/api/employers", """{"name":"某物流","district":"pudong"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal($"/api/employers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("good", body.GetProperty("creditStanding").GetString());
    }

    [Fact]
    public async Task Create_twice_is_a_conflict_and_keeps_the_first()
    {
        var id = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(id));

        var again = await _client.PostJsonAsync("/api/employers", Samples.Employer(id, district: "pudong"));

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("already-exists", problem.GetProperty("code").GetString());
        var read = await (await _client.GetAsync($"/api/employers/{id}")).JsonAsync();
        Assert.Equal("jiading", read.GetProperty("district").GetString());
    }

    [Fact]
    public async Task Invalid_fields_are_all_reported_and_nothing_is_stored()
    {
        var id = Http.NewId("emp");
        var response = await _client.PostJsonAsync("/api/employers", $$"""{"id":"{{id}}","name":"","district":"paris","creditStanding":"excellent"}""");

        Assert.Equal(["creditStanding", "district", "name"], await response.FieldErrorsAsync());
        await (await _client.GetAsync($"/api/employers/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_replaces_the_profile_and_rejects_bad_input_without_change()
    {
        var id = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(id));

        var updated = await _client.PutJsonAsync($"/api/employers/{id}", """{"name":"上海某重工集团","district":"baoshan","creditStanding":"blocked"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("blocked", (await updated.JsonAsync()).GetProperty("creditStanding").GetString());

        var bad = await _client.PutJsonAsync($"/api/employers/{id}", """{"name":"x","district":"baoshan","creditStanding":"terrible"}""");
        Assert.Equal(["creditStanding"], await bad.FieldErrorsAsync());
        var read = await (await _client.GetAsync($"/api/employers/{id}")).JsonAsync();
        Assert.Equal("上海某重工集团", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_employer_is_404_problem()
    {
        await (await _client.GetAsync("/api/employers/nobody-here")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PutJsonAsync("/api/employers/nobody-here", Samples.Employer("x"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_filters_by_district_and_key_flag_and_pages()
    {
        var district = "chongming";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = Http.NewId("emp");
            ids.Add(id);
            await _client.PostJsonAsync("/api/employers", Samples.Employer(id, district, key: i != 1));
        }

        var page = await (await _client.GetAsync($"/api/employers?district={district}&isKeyEnterprise=true&take=1")).JsonAsync();

        Assert.True(page.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        var all = await (await _client.GetAsync($"/api/employers?district={district}&isKeyEnterprise=false&take=200")).JsonAsync();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == ids[1]);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == ids[0]);
    }

    [Fact]
    public async Task List_rejects_bad_paging()
    {
        var response = await _client.GetAsync("/api/employers?take=0&skip=-1&creditStanding=shiny");

        Assert.Equal(["creditStanding", "skip", "take"], await response.FieldErrorsAsync());
    }
}
