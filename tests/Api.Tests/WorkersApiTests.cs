using System.Net;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class WorkersApiTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task Register_answers_201_and_the_worker_is_seeking()
    {
        var id = Http.NewId("w");
        var response = await _client.PostJsonAsync("/api/workers", Samples.Worker(id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/workers/{id}", response.Headers.Location?.OriginalString);
        var body = await response.JsonAsync();
        Assert.Equal("seeking", body.GetProperty("status").GetString());
        Assert.Equal("lincang", body.GetProperty("originPrefecture").GetString());
    }

    [Fact]
    public async Task Personal_data_formats_and_reference_codes_are_checked()
    {
        var response = await _client.PostJsonAsync("/api/workers", $$"""
            {"name":"付明","phone":"12345","idNumber":"530902199801010012","originProvince":"yunnan","originPrefecture":"atlantis",
             "categories":["astronaut"],"skills":[{"trade":"welder","level":"senior"},{"trade":"welder","level":"junior"}],
             "desiredDistricts":["jiading"],"minWage":-5,"availableFrom":"2026-13-01"}
            """);

        // An impossible date is named with every other broken field of the body, not instead of them.
        Assert.Equal(
            ["availableFrom", "categories[0]", "idNumber", "minWage", "originPrefecture", "phone", "skills[1].trade"],
            await response.FieldErrorsAsync());

        var fixedDate = await _client.PostJsonAsync("/api/workers", $$"""
            {"name":"付明","phone":"12345","idNumber":"530902199801010012","originProvince":"yunnan","originPrefecture":"atlantis",
             "categories":["astronaut"],"skills":[{"trade":"welder","level":"senior"},{"trade":"welder","level":"junior"}],
             "desiredDistricts":["jiading"],"minWage":-5,"availableFrom":"{{TestClock.Day(0)}}"}
            """);
        Assert.Equal(
            ["categories[0]", "idNumber", "minWage", "originPrefecture", "phone", "skills[1].trade"],
            await fixedDate.FieldErrorsAsync());
    }

    [Fact]
    public async Task Withdrawn_worker_can_no_longer_change()
    {
        var id = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(id));

        var withdrawn = await _client.PostAsync($"/api/workers/{id}/withdraw", null);
        Assert.Equal("withdrawn", (await withdrawn.JsonAsync()).GetProperty("status").GetString());

        await (await _client.PostAsync($"/api/workers/{id}/withdraw", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await _client.PutJsonAsync($"/api/workers/{id}", Samples.Worker(id))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task List_filters_by_origin_trade_category_and_status()
    {
        var a = Http.NewId("w");
        var b = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(a, prefecture: "nujiang"));
        await _client.PostJsonAsync("/api/workers", Samples.Worker(b, prefecture: "nujiang"));
        await _client.PostAsync($"/api/workers/{b}/withdraw", null);

        var seeking = await (await _client.GetAsync("/api/workers?origin=nujiang&trade=welder&category=povertyAlleviated&status=seeking&take=200")).JsonAsync();
        var ids = seeking.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()).ToList();

        Assert.Contains(a, ids);
        Assert.DoesNotContain(b, ids);
    }
}
