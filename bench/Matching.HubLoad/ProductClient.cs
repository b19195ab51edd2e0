using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Matching.HubLoad;

/// <summary>
/// The staff side over HTTP: each call signed in as one of several staff members, chosen by the caller's
/// number, so the per-user limits count them apart as they would count people.
/// </summary>
internal sealed class ProductClient : IDisposable
{
    private static readonly TimeSpan _longestRetryAfter = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue[] _staff;

    public ProductClient(Uri address, IEnumerable<string> staffTokens)
    {
        // Open loop: registrations leave on schedule whatever the product answers, so allow many at once.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = address };
        _staff = [.. staffTokens.Select(t => new AuthenticationHeaderValue("Bearer", t))];
    }

    /// <summary>Writes <paramref name="body"/> as staff member <paramref name="caller"/> (modulo the staff) and answers the status.</summary>
    public async Task<HttpStatusCode> PostAsync<T>(string path, T body, int caller, CancellationToken cancellationToken = default)
    {
        using var request = Request(path, body, caller);
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Registers a list through the bulk route as staff member <paramref name="caller"/>; answers each row's status, or the request's for every row.</summary>
    public async Task<int[]> PostBatchAsync<T>(IReadOnlyList<T> rows, int caller)
    {
        using var request = Request("/api/workers/batch", rows, caller);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return [.. rows.Select(_ => (int)response.StatusCode)];
        }

        using var answer = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return [.. answer.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetInt32())];
    }

    /// <summary>
    /// Creates an entity of the run's setup: a 429 is waited out for as long as <c>Retry-After</c> says, as a
    /// well-behaved client does; anything but 201 stops the run, since the figures would be of other data.
    /// </summary>
    /// <returns>How many times the product asked to retry later.</returns>
    public async Task<int> CreateAsync<T>(string path, T body, int caller)
    {
        for (var throttled = 0; ; throttled++)
        {
            using var request = Request(path, body, caller);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return throttled;
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                throw new InvalidOperationException(
                    $"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            await Task.Delay(wait < _longestRetryAfter ? wait : _longestRetryAfter);
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Request<T>(string path, T body, int caller) => new(HttpMethod.Post, new Uri(path, UriKind.Relative))
    {
        Content = JsonContent.Create(body),
        Headers = { Authorization = _staff[caller % _staff.Length] },
    };
}
