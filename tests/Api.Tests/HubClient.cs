using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.Api.Tests;

/// <summary>A real SignalR client on a hub of the running product, recording every event it receives.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<(string Method, JsonElement Event)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(HubConnection connection, string[] methods)
    {
        _connection = connection;
        foreach (var method in methods)
        {
            _connection.On<JsonElement>(method, e =>
            {
                _received.Enqueue((method, e));
                _arrived.Release();
            });
        }
    }

    public IReadOnlyList<(string Method, JsonElement Event)> Received => [.. _received];

    /// <summary>An admin's connection.</summary>
    public static Task<HubClient> ConnectAsync(ApiFactory factory, string hub, params string[] methods) =>
        ConnectAsync(factory, hub, Caller.Admin, methods);

    /// <summary>A connection signed in as <paramref name="caller"/>; null connects without a token.</summary>
    public static async Task<HubClient> ConnectAsync(ApiFactory factory, string hub, Caller? caller, params string[] methods)
    {
        var url = new Uri(factory.AnonymousClient().BaseAddress!, hub);
        var token = caller is null ? null : factory.Token(caller);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var client = new HubClient(connection, methods);
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        return client;
    }

    public HubConnectionState State => _connection.State;

    public Task<JsonElement> InvokeAsync(string method, params object?[] args) =>
        _connection.InvokeCoreAsync<JsonElement>(method, args);

    /// <summary>Any hub method with any arguments, whatever it answers.</summary>
    public Task<object?> InvokeAnyAsync(string method, object?[] args) =>
        _connection.InvokeCoreAsync<object?>(method, args);

    /// <summary>Waits until an event satisfying <paramref name="match"/> has arrived (bounded), and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            foreach (var (m, e) in _received)
            {
                if (m == method && match(e))
                {
                    return e;
                }
            }

            await _arrived.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Waits until an event of seq <paramref name="seq"/> or later has arrived (bounded).</summary>
    public async Task WaitForSeqAsync(long seq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_received.Any(r => r.Event.GetProperty("seq").GetInt64() >= seq))
        {
            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _arrived.Dispose();
    }
}
