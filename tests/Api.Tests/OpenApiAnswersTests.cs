using System.Net;
using System.Text;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>
/// The API description (<c>/openapi/v1.json</c>) of the running product declares every 4xx each route can answer,
/// and its parameters stay what clients were written against.
/// </summary>
/// <remarks>
/// A product of its own without rate limits: the probes send hundreds of requests, which would use up the windows
/// of callers other tests share. The 429 of the limits is declared on every route all the same (the first test).
/// </remarks>
public sealed class OpenApiAnswersTests : IAsyncLifetime
{
    private static readonly string[] _mutating = ["post", "put", "patch", "delete"];

    private readonly ApiFactory _factory = new(new Dictionary<string, string?> { ["Matching:RateLimits:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_route_declares_the_answers_of_the_pipeline_and_of_its_ids_and_bodies()
    {
        var missing = new List<string>();
        foreach (var op in await OperationsAsync())
        {
            var expected = new SortedSet<int> { 429 };
            if (op.Path != "/api/dev/tokens")
            {
                expected.Add(401);
            }

            if (op.Path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add(404);
            }

            if (op.Body)
            {
                expected.UnionWith([400, 413, 415]);
            }

            if (op.Query)
            {
                expected.Add(400);
            }

            if (_mutating.Contains(op.Method))
            {
                expected.UnionWith([400, 409, 422]);
            }

            missing.AddRange(expected.Where(s => !op.Declared.Contains(s)).Select(s => $"{op.Method.ToUpperInvariant()} {op.Path}: {s}"));
        }

        Assert.Empty(missing);
    }

    /// <summary>
    /// Each route asked as a stranger, as a caller of a role it may not serve, and with bodies it cannot take: every
    /// 4xx it answers is one it declares.
    /// </summary>
    [Fact]
    public async Task Every_refusal_a_route_gives_is_declared()
    {
        var stranger = _factory.AnonymousClient();
        var otherRole = _factory.Client(Caller.Viewer("fair-of-nobody"));
        var recruiter = _factory.Client(Caller.Recruiter("employer-of-nobody"));
        var admin = _factory.Client();
        var undeclared = new List<string>();
        foreach (var op in await OperationsAsync())
        {
            var url = op.Path.Replace("{id}", "nobody-0", StringComparison.Ordinal)
                .Replace("{holdId}", "nobody-0~h1", StringComparison.Ordinal)
                .Replace("{bedId}", "nobody-0~b1", StringComparison.Ordinal);
            var probes = new List<(string Name, HttpClient Client, Func<HttpContent?> Body)>
            {
                ("no token", stranger, () => null),
                ("a board viewer", otherRole, () => Json("{}")),
                ("a recruiter of another employer", recruiter, () => Json("{}")),
                ("an admin with {}", admin, () => Json("{}")),
            };
            if (op.Body)
            {
                probes.Add(("an admin with text/plain", admin, () => new StringContent("x", Encoding.UTF8, "text/plain")));
                probes.Add(("an admin with a Latin-1 JSON body", admin, () => new StringContent("{}", Encoding.Latin1, "application/json")));
            }

            foreach (var (name, client, body) in probes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), url);
                if (_mutating.Contains(op.Method))
                {
                    request.Content = body();
                }

                using var answer = await client.SendAsync(request);
                var status = (int)answer.StatusCode;
                if (status is >= 400 and < 500 && !op.Declared.Contains(status))
                {
                    undeclared.Add($"{op.Method.ToUpperInvariant()} {op.Path} answered {status} to {name}");
                }
            }
        }

        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Problem_answers_are_declared_as_problem_json()
    {
        var op = (await OperationsAsync()).Single(o => o is { Method: "post", Path: "/api/job-orders/{id}/holds" });

        Assert.Superset(new SortedSet<int> { 400, 401, 403, 404, 409, 413, 415, 422, 429 }, op.Declared);
        Assert.Equal(["application/problem+json"], op.ContentTypes[409]);
        Assert.Equal(["application/problem+json"], op.ContentTypes[400]);
    }

    /// <summary>
    /// Every parameter of every operation (where, name, required, schema) as the description had them before the list
    /// routes bound their queries as records (OpenApiParameters.txt, a line each): clients are written against them.
    /// </summary>
    [Fact]
    public async Task Every_operation_keeps_the_parameters_clients_were_written_against()
    {
        var doc = await (await _factory.Client().GetAsync("/openapi/v1.json")).JsonAsync();
        var actual = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                foreach (var parameter in parameters)
                {
                    var required = parameter.TryGetProperty("required", out var r) && r.GetBoolean() ? " required" : "";
                    var schema = parameter.TryGetProperty("schema", out var sc) ? JsonSerializer.Serialize(sc) : "";
                    actual.Add($"{op.Name.ToUpperInvariant()} {path.Name} {parameter.GetProperty("in").GetString()} {parameter.GetProperty("name").GetString()}{required} {schema}");
                }
            }
        }

        var expected = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "OpenApiParameters.txt"));
        Assert.Equal<string>(expected, actual.Order(StringComparer.Ordinal));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<List<Operation>> OperationsAsync()
    {
        var doc = await (await _factory.Client().GetAsync("/openapi/v1.json")).JsonAsync();
        var operations = new List<Operation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api", StringComparison.Ordinal)))
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var responses = op.Value.GetProperty("responses").EnumerateObject()
                    .Where(r => int.TryParse(r.Name, out _))
                    .ToDictionary(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture), r => r.Value);
                operations.Add(new Operation(
                    op.Name,
                    path.Name,
                    op.Value.TryGetProperty("requestBody", out _),
                    parameters.Any(x => x.GetProperty("in").GetString() == "query"),
                    [.. responses.Keys],
                    responses.ToDictionary(
                        r => r.Key,
                        r => r.Value.TryGetProperty("content", out var c) ? c.EnumerateObject().Select(m => m.Name).ToArray() : [])));
            }
        }

        Assert.NotEmpty(operations);
        return operations;
    }

    private sealed record Operation(
        string Method, string Path, bool Body, bool Query, SortedSet<int> Declared, Dictionary<int, string[]> ContentTypes);
}
