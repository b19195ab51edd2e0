using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Errors;

namespace Matching.History;

/// <summary>One answer the product gave to one attempt of a request; status 0 when no answer came (a kill, a refused connection).</summary>
internal sealed record Answer(int Status, string Body)
{
    /// <summary>
    /// An answer the product keeps for the request's key: a retry must get this very answer again. Not so a 429, nor
    /// the 409 that says the key's first attempt is still running (a client that gave up waiting retries).
    /// </summary>
    public bool IsFinal => Status is >= 200 and < 500 and not 429 && !(Status == 409 && HasCode(ProblemCodes.IdempotencyInProgress));

    /// <summary>Whether the answer names this problem code.</summary>
    public bool HasCode(string code) => Body.Contains($"\"{code}\"", StringComparison.Ordinal);

    public JsonNode? Json => Body.Length > 0 && Body[0] is '{' or '[' ? JsonNode.Parse(Body) : null;
}

/// <summary>One request of the history with every attempt's answer, in order; its key is kept over all attempts.</summary>
internal sealed class Operation(int client, string kind, HttpMethod method, string path, string? body, string key)
{
    public int Client { get; } = client;
    public string Kind { get; } = kind;
    public HttpMethod Method { get; } = method;
    public string Path { get; } = path;
    public string? Body { get; } = body;
    public string Key { get; } = key;
    public List<Answer> Answers { get; } = [];

    /// <summary>When the first attempt was sent (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long SentAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>When the answer the product kept arrived (or the last attempt failed), for how long a fault held the write up.</summary>
    public long AnsweredAt { get; set; }

    /// <summary>The first answer the product kept, or null when every attempt failed.</summary>
    public Answer? Final => Answers.FirstOrDefault(a => a.IsFinal);

    public bool Succeeded => Final is { Status: >= 200 and < 300 };
}

/// <summary>
/// Every request a run sent, recorded as it was answered. Each mutating request carries an
/// <c>Idempotency-Key</c> and is retried with the same key until the product answers it, as a careful client does
/// while the product is down (killed and restarting) or a part of it is (a silo, the database) — so a fault can
/// cost time but never a lost or doubled change.
/// </summary>
internal sealed class RecordedHistory(Uri address, IReadOnlyList<string> staffTokens)
{
    private static readonly TimeSpan _giveUpAfter = TimeSpan.FromSeconds(120);

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public ConcurrentQueue<Operation> Operations { get; } = new();

    public int Attempts => Operations.Sum(o => o.Answers.Count);

    /// <summary>Sends a write until the product answers it for good, and records every attempt.</summary>
    public async Task<Operation> WriteAsync(int client, string kind, HttpMethod method, string path, object? body = null)
    {
        var json = body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        var operation = new Operation(client, kind, method, path, json, Guid.NewGuid().ToString("N"));
        Operations.Enqueue(operation);
        var started = DateTime.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            var answer = await SendAsync(operation, client);
            lock (operation.Answers)
            {
                operation.Answers.Add(answer);
            }

            if (answer is { Status: 429 } && answer.HasCode(ProblemCodes.IdempotencyKeysExhausted))
            {
                // Not a fault to ride out: the product refuses keys for an hour, and the run would stall in retries.
                throw new InvalidOperationException($"The product refused new Idempotency-Keys for this caller: {answer.Body}");
            }

            if (answer.IsFinal || DateTime.UtcNow - started > _giveUpAfter)
            {
                operation.AnsweredAt = Stopwatch.GetTimestamp();
                return operation;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 4)))));
        }
    }

    /// <summary>Sends an answered write once more with its key; the answer joins the operation's record.</summary>
    public async Task ResendAsync(Operation operation)
    {
        var answer = await SendAsync(operation, operation.Client);
        lock (operation.Answers)
        {
            operation.Answers.Add(answer);
        }
    }

    /// <summary>A read, retried while the product is down; answers the final answer's JSON.</summary>
    public async Task<JsonNode?> ReadAsync(string path, int client = 0)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                request.Headers.Authorization = Staff(client);
                using var response = await _http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync());
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if ((int)response.StatusCode is < 500 and not 429)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Down, or restarting: try again.
            }

            if (DateTime.UtcNow - started > _giveUpAfter)
            {
                throw new TimeoutException($"GET {path} got no answer within {_giveUpAfter.TotalSeconds:F0} s");
            }

            await Task.Delay(250);
        }
    }

    private async Task<Answer> SendAsync(Operation operation, int client)
    {
        try
        {
            using var request = new HttpRequestMessage(operation.Method, new Uri(operation.Path, UriKind.Relative));
            request.Headers.Authorization = Staff(client);
            request.Headers.Add("Idempotency-Key", operation.Key);
            if (operation.Body is not null)
            {
                request.Content = new StringContent(operation.Body, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Answer(0, ex.GetType().Name);
        }
    }

    private AuthenticationHeaderValue Staff(int client) => new("Bearer", staffTokens[client % staffTokens.Count]);
}
