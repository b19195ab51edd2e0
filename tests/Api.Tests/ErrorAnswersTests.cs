using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Tests;

/// <summary>
/// What a client written from the contract alone meets when it gets something wrong: every error a ProblemDetails
/// body with the security headers, whatever it accepts; every field error of a body at once; a charset the API
/// cannot read refused as such; and no refusal written to the error log.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorAnswersTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task A_malformed_value_does_not_hide_the_other_field_errors_of_the_same_body()
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var id = Http.NewId("job");
        var body = Samples.JobOrder(id, employer)
            .Replace("\"title\":\"电焊工\"", "\"title\":\"\"", StringComparison.Ordinal)
            .Replace("\"trade\":\"welder\"", "\"trade\":\"astronaut\"", StringComparison.Ordinal)
            .Replace("\"headcount\":5", "\"headcount\":0", StringComparison.Ordinal)
            .Replace("\"providesHousing\":true", "\"providesHousing\":\"yes\"", StringComparison.Ordinal);
        body = System.Text.RegularExpressions.Regex.Replace(body, "\"startDate\":\"[^\"]+\"", "\"startDate\":\"2027/03/01\"");

        var created = await _client.PostJsonAsync("/api/job-orders", body);

        var problem = await created.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["headcount", "providesHousing", "startDate", "title", "trade"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("yyyy-MM-dd", errors.GetProperty("startDate")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/job-orders/{id}")).StatusCode);

        // A change may leave the employer out: a malformed value there reports no missing employer.
        var order = Http.NewId("job");
        await _client.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer));
        var change = await _client.PutJsonAsync($"/api/job-orders/{order}", """{"title":"","trade":"welder","minLevel":"junior","headcount":"many","wageMin":6000,"wageMax":7000,"district":"jiading","startDate":"2027/03/01"}""");
        Assert.Equal(["headcount", "startDate", "title"], await change.FieldErrorsAsync());
    }

    [Theory]
    [InlineData("charset=foo")]
    [InlineData("charset=")]
    [InlineData("charset=utf-7")]
    [InlineData("charset=utf-16")]
    [InlineData("charset=\"\"")]
    [InlineData("charset=LONG")]
    public async Task A_json_body_in_a_charset_other_than_utf8_is_415(string charset)
    {
        var id = Http.NewId("emp");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Samples.Employer(id)));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; {charset.Replace("LONG", new string('x', 2_000), StringComparison.Ordinal)}");

        var response = await _client.PostAsync("/api/employers", content);

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType, $"{charset}: {(int)response.StatusCode}");
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/employers/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=utf-8")]
    public async Task The_quoted_and_other_legal_spellings_of_utf8_are_accepted(string contentType)
    {
        var id = Http.NewId("emp");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Samples.Employer(id)));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/api/employers", content)).StatusCode);
    }

    [Fact]
    public async Task An_odd_charset_does_not_get_past_tenancy()
    {
        var (mine, theirs) = (Http.NewId("site"), Http.NewId("site"));
        await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(mine));
        await _client.PostJsonAsync("/api/lodging/sites", Samples.Site(theirs));
        await _client.PostJsonAsync($"/api/lodging/sites/{theirs}/beds", """{"count":2}""");
        var worker = Http.NewId("w");
        await _client.PostJsonAsync("/api/workers", Samples.Worker(worker));
        var intruder = factory.Client(Caller.Operator(mine));
        var day = TestClock.Day(2);
        var next = TestClock.Day(3);

        foreach (var charset in new[] { "charset=\"utf-8\"", "charset=foo" })
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"workerId":"{{worker}}","siteId":"{{theirs}}","from":"{{day}}","to":"{{next}}"}"""));
            content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; {charset}");

            var response = await intruder.PostAsync("/api/lodging/reservations", content);

            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnsupportedMediaType, $"{charset}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var nights = await (await _client.GetAsync($"/api/lodging/sites/{theirs}/availability")).JsonAsync();
        Assert.All(nights.GetProperty("nights").EnumerateArray(), n => Assert.Equal(0, n.GetProperty("held").GetInt32()));
    }

    [Fact]
    public async Task Errors_are_problem_json_with_the_security_headers_whatever_the_client_accepts()
    {
        var employer = Http.NewId("emp");
        await _client.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var recruiter = factory.Client(Caller.Recruiter(employer));
        var anonymous = factory.AnonymousClient();
        var cases = new (HttpClient Client, HttpMethod Method, string Route, string? Body, HttpStatusCode Status)[]
        {
            (anonymous, HttpMethod.Get, "/api/employers", null, HttpStatusCode.Unauthorized),
            (recruiter, HttpMethod.Get, "/api/workers", null, HttpStatusCode.Forbidden),
            (recruiter, HttpMethod.Get, "/api/employers/someone-else", null, HttpStatusCode.Forbidden),
            (_client, HttpMethod.Get, "/api/employers/nobody-has-this", null, HttpStatusCode.NotFound),
            (_client, HttpMethod.Post, "/api/employers", Samples.Employer(employer), HttpStatusCode.Conflict),
            (_client, HttpMethod.Post, "/api/employers", """{"name":""}""", HttpStatusCode.BadRequest),
            (_client, HttpMethod.Delete, "/api/employers", null, HttpStatusCode.MethodNotAllowed),
            (_client, HttpMethod.Patch, $"/api/employers/{employer}", "{}", HttpStatusCode.MethodNotAllowed),
        };

        foreach (var accept in new[] { "application/xml", "text/html", "text/plain" })
        {
            foreach (var (client, method, route, body, status) in cases)
            {
                using var request = new HttpRequestMessage(method, route);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);

                var label = $"{method} {route} (Accept: {accept})";
                Assert.True(status == response.StatusCode, $"{label}: {(int)response.StatusCode}");
                Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType, $"{label}: {response.Content.Headers.ContentType}");
                await response.ProblemAsync(status);
                Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{label} without nosniff");
                Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
                Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            }
        }
    }

    [Fact]
    public async Task Refusals_are_not_logged_as_errors()
    {
        var logs = new LogSink();
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), logs: logs, productLogLevels: true);
        var admin = product.Client();
        var employer = Http.NewId("emp");
        await admin.PostJsonAsync("/api/employers", Samples.Employer(employer));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await product.Client(Caller.Recruiter(employer)).GetAsync("/api/employers/someone-else")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/employers/nobody-has-this")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/api/employers", """{"name":1}""")).StatusCode);
        await using (var hub = await HubClient.ConnectAsync(product, "/hubs/recruiter", Caller.Recruiter(employer)))
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinEmployer", "someone-else"));
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("JoinEmployer", employer, 5L));
        }

        string[] refusals = ["ConflictException", "ForbiddenException", "NotFoundException", "BadHttpRequestException", "HubException", "unhandled"];
        var loud = logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.DoesNotContain(loud, l => refusals.Any(r => l.Contains(r, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_release_and_its_retry_under_one_key_answer_204_without_an_error_in_the_log()
    {
        var logs = new LogSink();
        await using var product = new ApiFactory(ApiFactory.NewDataPath(), logs: logs, productLogLevels: true);
        var holds = new HoldsApiTests(product);
        var (order, _) = await holds.OrderAsync();
        var holdId = await holds.HoldAsync(order, await holds.WorkerAsync());
        var client = product.Client();
        var key = $"release-{Guid.NewGuid():N}";

        var first = await client.SendJsonAsync(HttpMethod.Delete, $"/api/holds/{holdId}", null, key);
        var retry = await client.SendJsonAsync(HttpMethod.Delete, $"/api/holds/{holdId}", null, key);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Writing to the response body is invalid", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }
}
