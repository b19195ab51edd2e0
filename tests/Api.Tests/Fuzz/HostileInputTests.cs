using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Matching.Api.Tests.Fuzz;

/// <summary>
/// Thousands of malformed and hostile requests to every route and hub method: never a 5xx, always a
/// ProblemDetails body, and nothing stored — no entity under a fuzzed id, the existing ones unchanged, list
/// totals the same. Seeded, so a failure names the case and replays.
/// </summary>
public sealed class HostileInputTests(FuzzProduct product, ITestOutputHelper output) : IClassFixture<FuzzProduct>
{
    /// <summary>Fixed, so every run tries the same cases; <c>MATCHING_FUZZ_SEED</c> explores others.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("MATCHING_FUZZ_SEED"), out var seed) ? seed : 20_240_828;
    // Over 10,000 cases in all (16 writing routes, 29 routes with ids and queries, 3 hubs), in well under a minute.
    private const int BodiesPerRoute = 300;
    private const int CallsPerRoute = 100;
    private const int HubCallsPerHub = 800;

    private static readonly string[] _wrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "",
        "application/json; charset=foo", "application/json; charset=", "application/json; charset=utf-7", "application/json; charset=\"\"",
    ];

    [Fact]
    public async Task Hostile_bodies_on_every_writing_route_are_refused_with_problems_and_store_nothing()
    {
        var before = await product.StateAsync();
        var hostile = new Hostile(Seed);
        var recruiter = product.Factory.Client(Caller.Recruiter(product.Employer));
        var anonymous = product.Factory.AnonymousClient();
        var tried = 0;

        foreach (var route in BodyRoutes())
        {
            for (var i = 0; i < BodiesPerRoute; i++)
            {
                var id = $"fz{tried}";
                var (content, brokeId, what) = Body(hostile, route, id);
                var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url) { Content = content };
                if (hostile.Chance(0.2))
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", hostile.Pick([Guid.NewGuid().ToString(), new string('k', 256), "", "a b", "x"]));
                }

                var client = route.Anonymous ? anonymous : hostile.Chance(0.2) ? recruiter : product.Admin;
                var response = await client.SendAsync(request);

                var label = $"case {tried} ({what}) {route.Method} {route.Url}";
                await AssertRefusedAsync(response, label, allowSuccess: route.Anonymous);
                if (route.Created is { } created && !brokeId)
                {
                    Assert.True(HttpStatusCode.NotFound == (await product.Admin.GetAsync(created.Replace("ID", id, StringComparison.Ordinal))).StatusCode, $"{label} stored {id}");
                }

                tried++;
            }
        }

        output.WriteLine($"hostile bodies: {tried} cases on {BodyRoutes().Count} writing routes (seed {Seed})");
        Assert.Equal(before, await product.StateAsync());
    }

    [Fact]
    public async Task Hostile_ids_and_queries_on_every_route_are_answered_without_a_server_error()
    {
        var before = await product.StateAsync();
        var hostile = new Hostile(Seed + 1);
        var tried = 0;
        foreach (var (method, template, mustFail) in PathRoutes())
        {
            for (var i = 0; i < CallsPerRoute; i++)
            {
                var url = template.Replace("{id}", hostile.PathId(), StringComparison.Ordinal);
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Query(hostile, url);
                var response = await product.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

                // Kestrel refuses a NUL in the path itself, with a bare 400, before any of the product's code runs.
                if (!(url.Contains("%00", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest))
                {
                    await AssertRefusedAsync(response, $"case {tried} {method} {url}", allowSuccess: !mustFail);
                }

                tried++;
            }
        }

        output.WriteLine($"hostile ids and queries: {tried} cases on {PathRoutes().Count} routes (seed {Seed + 1})");
        Assert.Equal(before, await product.StateAsync());
    }

    [Fact]
    public async Task Hostile_hub_invocations_fail_as_hub_errors_and_leave_the_connection_open()
    {
        var before = await product.StateAsync();
        var hostile = new Hostile(Seed + 2);
        var hubs = new (string Hub, string[] Methods, string ValidId)[]
        {
            ("/hubs/recruiter", ["JoinEmployer", "RejoinEmployer", "LeaveEmployer"], product.Employer),
            ("/hubs/fair", ["JoinFair", "RejoinFair", "LeaveFair"], product.Fair),
            ("/hubs/lodging", ["JoinSite", "RejoinSite", "LeaveSite"], product.Site),
        };
        var tried = 0;
        var refused = 0;
        foreach (var (hub, methods, validId) in hubs)
        {
            await using var client = await HubClient.ConnectAsync(product.Factory, hub, hostile.Chance(0.5) ? Caller.Staff : Caller.Admin);
            for (var i = 0; i < HubCallsPerHub; i++)
            {
                var method = hostile.Chance(0.9) ? hostile.Pick(methods) : hostile.Pick(["NoSuchMethod", "OnConnectedAsync", "Dispose", "joinemployer", "JoinEmployer\u0000"]);
                var args = Enumerable.Range(0, hostile.Next(5)).Select(_ => HubArgument(hostile, validId)).ToArray();
                try
                {
                    await client.InvokeAnyAsync(method, args);
                }
                catch (HubException e)
                {
                    // A refusal says why (a HubException's message, or the unknown method); SignalR's own bare
                    // "error on the server" or "unexpected error" would say nothing.
                    var explained = e.Message.Contains("HubException: ", StringComparison.Ordinal) || e.Message.StartsWith("Unknown hub method", StringComparison.Ordinal);
                    Assert.True(explained && !e.Message.Contains("error on the server", StringComparison.Ordinal), $"hub case {tried} {hub} {method}({args.Length} arguments): {e.Message}");
                    refused++;
                }

                Assert.Equal(HubConnectionState.Connected, client.State);
                tried++;
            }
        }

        output.WriteLine($"hostile hub invocations: {tried} cases on 3 hubs, {refused} refused as hub errors (seed {Seed + 2})");
        Assert.Equal(before, await product.StateAsync());
    }

    [Fact]
    public void The_hostile_cases_number_over_ten_thousand()
    {
        var cases = (BodyRoutes().Count * BodiesPerRoute) + (PathRoutes().Count * CallsPerRoute) + (3 * HubCallsPerHub);

        Assert.True(cases >= 10_000, $"{cases} cases");
    }

    [Theory]
    [InlineData("/api/employers/%0A")]
    [InlineData("/api/job-orders/%20/candidates")]
    [InlineData("/api/workers/%0C%0D/matches")]
    [InlineData("/api/holds/%20~1/confirm")]
    [InlineData("/api/lodging/beds/%20~0001")]
    public async Task Blank_ids_are_not_found_rather_than_a_server_error(string route)
    {
        var response = route.Contains("confirm", StringComparison.Ordinal)
            ? await product.Admin.PostAsync(route, null)
            : await product.Admin.GetAsync(route);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string label, bool allowSuccess)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{label} answered {status}");
        if (status >= 400)
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{label} answered {status} without a problem body");
        }
        else
        {
            Assert.True(allowSuccess, $"{label} answered {status}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A hostile body for the route, whether it broke the id, and what it did.</summary>
    private static (HttpContent Content, bool BrokeId, string What) Body(Hostile hostile, BodyRoute route, string id)
    {
        var valid = route.Sample.Replace("ID", id, StringComparison.Ordinal);
        var roll = hostile.Next(100);
        if (roll < 15)
        {
            return (Json(hostile.BrokenBody(valid)), true, "broken JSON");
        }

        if (roll < 22)
        {
            var type = hostile.Pick(_wrongContentTypes);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(valid));
            if (type.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            return (content, false, $"content type '{type}'");
        }

        if (roll < 25)
        {
            var huge = JsonNode.Parse(valid)!.AsObject();
            huge["padding"] = new string('x', 70_000);
            return (Json(Encoding.UTF8.GetBytes(huge.ToJsonString())), false, "body over 64 KB");
        }

        var body = JsonNode.Parse(valid)!.AsObject();
        for (var d = hostile.Next(3); d > 0; d--)
        {
            // Decorations a valid body may carry too: unknown fields, hostile optional texts, odd numbers.
            var optional = route.Shape.Where(f => f.Kind == FieldKind.OptionalText).ToList();
            if (optional.Count > 0 && hostile.Chance(0.4))
            {
                body[hostile.Pick(optional).Field] = hostile.Text();
            }
            else
            {
                body[hostile.Chance(0.5) ? "unknown" + hostile.Next(9) : hostile.Text()[..1]] = hostile.Any();
            }
        }

        var (field, kind) = hostile.Pick(route.Shape);
        if (kind == FieldKind.Text && hostile.Chance(0.2))
        {
            body.Remove(field);
            return (Json(Encoding.UTF8.GetBytes(body.ToJsonString())), false, $"without {field}");
        }

        body[field] = hostile.Breaking(kind);
        return (Json(Encoding.UTF8.GetBytes(body.ToJsonString())), field == "id", $"{field}={Clip(body[field]?.ToJsonString() ?? "null")}");
    }

    private static object? HubArgument(Hostile hostile, string validId) => hostile.Next(9) switch
    {
        0 => validId,
        1 => null,
        2 => Uri.UnescapeDataString(hostile.PathId()),
        3 => hostile.Pick<object>([-1L, 0L, long.MaxValue, long.MinValue, int.MaxValue]),
        4 when hostile.Chance(0.02) => new string('x', 100_000),
        4 => hostile.Text() is var text && text.Length > 2_000 ? text[..2_000] : text,
        5 => new Dictionary<string, object?> { ["x"] = hostile.Text()[..1] },
        6 => new object?[] { 1, "a", null },
        7 => hostile.Chance(0.5),
        _ => hostile.Pick(["an-old-epoch", "", "0", Guid.NewGuid().ToString()]),
    };

    private static string Query(Hostile hostile, string url)
    {
        string[] names = ["skip", "take", "status", "trade", "district", "employerId", "origin", "category", "date", "from", "to", "workerId", "jobOrderId", "isKeyEnterprise", "creditStanding", "unknown"];
        return string.Join("&", Enumerable.Range(0, hostile.Next(5)).Select(_ => $"{hostile.Pick(names)}={hostile.QueryValue()}"));
    }

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private List<BodyRoute> BodyRoutes()
    {
        var (e, j, w, s, f) = (product.Employer, product.Order, product.Worker, product.Site, product.Fair);
        var day = TestClock.Day(3);
        var next = TestClock.Day(5);
        return
        [
            new("POST", "/api/employers", BodyShapes.Employer, Samples.Employer("ID"), "/api/employers/ID"),
            new("POST", "/api/job-orders", BodyShapes.JobOrder, Samples.JobOrder("ID", e), "/api/job-orders/ID"),
            new("POST", "/api/workers", BodyShapes.Worker, Samples.Worker("ID"), "/api/workers/ID"),
            new("POST", "/api/lodging/sites", BodyShapes.Site, Samples.Site("ID"), "/api/lodging/sites/ID"),
            new("POST", "/api/fairs", BodyShapes.Fair, Samples.Fair("ID", e), "/api/fairs/ID"),
            new("PUT", $"/api/employers/{e}", BodyShapes.Employer, Samples.Employer(e)),
            new("PUT", $"/api/job-orders/{j}", BodyShapes.JobOrderChange, Samples.JobOrder(j, e, headcount: 7)),
            new("PUT", $"/api/workers/{w}", BodyShapes.Worker, Samples.Worker(w, "dali")),
            new("PUT", $"/api/lodging/sites/{s}", BodyShapes.Site, Samples.Site(s).Replace("安亭镇", "嘉定镇", StringComparison.Ordinal)),
            new("PUT", $"/api/fairs/{f}", BodyShapes.Fair, Samples.Fair(f, e).Replace("嘉定体育馆", "安亭体育馆", StringComparison.Ordinal)),
            new("POST", $"/api/job-orders/{j}/holds", BodyShapes.Hold, $$"""{"workerId":"{{w}}","ttlSeconds":60}"""),
            new("POST", $"/api/lodging/sites/{s}/beds", BodyShapes.Beds, """{"count":1}"""),
            new("PUT", $"/api/lodging/beds/{s}~0001", BodyShapes.BedChange, """{"inService":false}"""),
            new("POST", "/api/lodging/reservations", BodyShapes.Stay, $$"""{"workerId":"{{w}}","siteId":"{{s}}","from":"{{day}}","to":"{{next}}","ttlSeconds":60}"""),
            new("POST", $"/api/fairs/{f}/check-ins", BodyShapes.CheckIn, $$"""{"workerId":"{{w}}"}"""),
            new("POST", "/api/dev/tokens", BodyShapes.DevToken, """{"role":"recruiter","employerId":"acme","name":"王芳"}""", Anonymous: true),
        ];
    }

    private List<(string Method, string Template, bool MustFail)> PathRoutes()
    {
        var (j, s) = (product.Order, product.Site);
        return
        [
            ("GET", "/api/employers", false), ("GET", "/api/job-orders", false), ("GET", "/api/workers", false),
            ("GET", "/api/fairs", false), ("GET", "/api/lodging/sites", false), ("GET", $"/api/lodging/sites/{s}/availability", false),
            ("GET", $"/api/job-orders/{j}/candidates", false), ("GET", "/api/matches/explain", false),
            ("GET", "/api/employers/{id}", true), ("GET", "/api/job-orders/{id}", true), ("GET", "/api/workers/{id}", true),
            ("GET", "/api/lodging/sites/{id}", true), ("GET", "/api/fairs/{id}", true), ("GET", "/api/fairs/{id}/board", true),
            ("GET", "/api/job-orders/{id}/holds", true), ("GET", "/api/job-orders/{id}/candidates", true), ("GET", "/api/workers/{id}/matches", true),
            ("GET", "/api/lodging/beds/{id}", true), ("GET", "/api/lodging/reservations/{id}", true), ("GET", "/api/lodging/sites/{id}/availability", true),
            ("POST", "/api/job-orders/{id}/close", true), ("POST", "/api/workers/{id}/withdraw", true), ("POST", "/api/fairs/{id}/close", true),
            ("POST", "/api/holds/{id}/confirm", true), ("DELETE", "/api/holds/{id}", true),
            ("POST", "/api/lodging/reservations/{id}/confirm", true), ("POST", "/api/lodging/reservations/{id}/check-in", true),
            ("POST", "/api/lodging/reservations/{id}/check-out", true), ("DELETE", "/api/lodging/reservations/{id}", true),
        ];
    }

    /// <summary>A writing route, a valid body for it ("ID" where a new entity's id goes), and where the entity would be read.</summary>
    private sealed record BodyRoute(string Method, string Url, (string Field, FieldKind Kind)[] Shape, string Sample, string? Created = null, bool Anonymous = false);
}
