using System.Net;

namespace Matching.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HealthAndDocsTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_routes_answer_healthy(string route)
    {
        var response = await _client.GetAsync(route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_resource()
    {
        var doc = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/employers", paths);
        Assert.Contains("/api/job-orders/{id}/close", paths);
        Assert.Contains("/api/workers/{id}/withdraw", paths);
        Assert.Contains("/api/lodging/sites/{id}/beds", paths);
        Assert.Contains("/api/fairs", paths);
    }

    [Fact]
    public async Task The_interactive_API_page_is_served()
    {
        var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_routes_answer_with_a_problem()
    {
        await (await _client.GetAsync("/api/nothing-here")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
