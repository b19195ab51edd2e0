using System.Net;
using System.Text;

namespace Matching.Api.Tests;

/// <summary>
/// Every mutating route, fed bodies a careless or hostile client might send, answers 4xx with a
/// ProblemDetails body, and nothing is stored under the id the body names.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFactory factory)
{
    private static readonly string[] _bodies =
    [
        "",
        "null",
        "[]",
        "42",
        "\"text\"",
        "{",
        "{\"id\":\"ID\"}",
        "{\"id\":\"ID\",\"name\":123}",
        "{\"id\":\"ID\",\"headcount\":\"many\"}",
        "{\"id\":\"ID\",\"headcount\":99999999999}",
        "{\"id\":\"ID\",\"startDate\":\"yesterday\",\"date\":\"31/12/2026\",\"availableFrom\":\"2026-02-30\"}",
        "{\"id\":\"ID\",\"skills\":\"welder\",\"categories\":{},\"employerIds\":7,\"partnerProgrammes\":[1,2]}",
        "{\"id\":\"ID\",\"name\":\"" + new string('长', 5000) + "\",\"district\":\"jiading\"}",
        "{\"id\":\"ID\",\"name\":\"a\\u0000b\\u001b[31m\",\"district\":\"jiading\"}",
        "{\"id\":\"ID\",\"skills\":[null],\"employerIds\":[null],\"labels\":[null]}",
        "{\"id\":\"../../etc/passwd\",\"name\":\"x\",\"district\":\"jiading\"}",
    ];

    private readonly HttpClient _client = factory.Client();

    public static TheoryData<string, string> Routes() => new()
    {
        { "POST", "/api/employers" },
        { "POST", "/api/job-orders" },
        { "POST", "/api/workers" },
        { "POST", "/api/lodging/sites" },
        { "POST", "/api/fairs" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Create_routes_answer_bad_bodies_with_4xx_problems_and_store_nothing(string method, string route)
    {
        var tried = 0;
        foreach (var template in _bodies)
        {
            var id = Http.NewId("bad");
            var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = new StringContent(template.Replace("ID", id), Encoding.UTF8, "application/json"),
            });

            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{route} with {template[..Math.Min(60, template.Length)]} answered {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{route}/{id}")).StatusCode);
            tried++;
        }

        var wrongType = await _client.PostAsync(route, new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await wrongType.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(_bodies.Length, tried);
    }

    [Theory]
    [InlineData("/api/employers/{0}", "employer")]
    [InlineData("/api/job-orders/{0}", "jobOrder")]
    [InlineData("/api/workers/{0}", "worker")]
    [InlineData("/api/lodging/sites/{0}", "site")]
    [InlineData("/api/fairs/{0}", "fair")]
    public async Task Update_routes_reject_bad_bodies_and_keep_the_stored_version(string routeFormat, string kind)
    {
        var (id, body) = await ExistingAsync(kind);
        var route = string.Format(System.Globalization.CultureInfo.InvariantCulture, routeFormat, id);
        var before = await (await _client.GetAsync(route)).Content.ReadAsStringAsync();

        foreach (var template in _bodies)
        {
            var response = await _client.PutJsonAsync(route, template.Replace("ID", id));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{route} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await (await _client.GetAsync(route)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _client.PutJsonAsync(route, body)).StatusCode);
    }

    private async Task<(string Id, string Body)> ExistingAsync(string kind)
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var id = Http.NewId(kind[..3]);
        var (route, body) = kind switch
        {
            "employer" => ("/api/employers", Samples.Employer(id)),
            "jobOrder" => ("/api/job-orders", Samples.JobOrder(id, employer)),
            "worker" => ("/api/workers", Samples.Worker(id)),
            "site" => ("/api/lodging/sites", Samples.Site(id)),
            _ => ("/api/fairs", Samples.Fair(id, employer)),
        };
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync(route, body)).StatusCode);
        return (id, body);
    }
}
