using Matching.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.HubLoad;

/// <summary>
/// The recruiters' screens: .NET SignalR clients on <c>/hubs/recruiter</c> over web sockets, each signed in with
/// its own token for its employer and joined to that employer's channel; notes when each worker's first
/// <c>CandidateFound</c> reaches any of them.
/// </summary>
/// <remarks>Workers are numbered from 1 (<c>w-000001</c>), so plain arrays index them without locks.</remarks>
internal sealed class Recruiters : IAsyncDisposable
{
    private const int ConnectingAtOnce = 16;

    private readonly long[] _foundAt;
    private readonly List<HubConnection> _connections = [];
    private long _pushes;
    private long _lastFoundAt;

    private Recruiters(int workers) => _foundAt = new long[workers + 1];

    public int Count => _connections.Count;

    /// <summary>Every <c>CandidateFound</c> received, one per list a worker entered and per client watching it.</summary>
    public long Pushes => Interlocked.Read(ref _pushes);

    public TimeSpan SinceLastFound => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastFoundAt));

    /// <summary>
    /// Connects <paramref name="clients"/> recruiters, two per employer in the employers' order (wrapping round
    /// when there are more than two per employer), and joins each to its employer.
    /// </summary>
    public static async Task<Recruiters> ConnectAsync(
        Uri address, Credentials credentials, IReadOnlyList<string> employerIds, int clients, int workers)
    {
        var recruiters = new Recruiters(workers);
        var hub = new Uri(address, "/hubs/recruiter");
        var connections = new HubConnection[clients];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = ConnectingAtOnce }, async (i, cancellationToken) =>
            {
                var employerId = employerIds[i / 2 % employerIds.Count];
                var token = credentials.Recruiter(employerId, i + 1);
                var connection = new HubConnectionBuilder()
                    .WithUrl(hub, HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                connections[i] = connection;
                connection.On<CandidateFoundPush>("CandidateFound", recruiters.Found);
                await connection.StartAsync(cancellationToken);

                // The join answers with the employer's snapshot, which a screen draws and the bench does not need.
                await connection.InvokeAsync<JsonElement>("JoinEmployer", employerId, cancellationToken);
            });
        }
        catch
        {
            recruiters._connections.AddRange(connections.Where(c => c is not null));
            await recruiters.DisposeAsync();
            throw;
        }

        recruiters._connections.AddRange(connections);
        return recruiters;
    }

    /// <summary>When worker <paramref name="number"/>'s first CandidateFound arrived (a <see cref="Stopwatch"/> timestamp), or 0.</summary>
    public long FoundAt(int number) => Interlocked.Read(ref _foundAt[number]);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private void Found(CandidateFoundPush push)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _pushes);
        Interlocked.Exchange(ref _lastFoundAt, now);
        if (Number(push.WorkerId) is var n && n > 0 && n < _foundAt.Length)
        {
            Interlocked.CompareExchange(ref _foundAt[n], now, 0);
        }
    }

    /// <summary>The number in a generated worker id; -1 for any other id.</summary>
    public static int Number(string? workerId) =>
        workerId is not null && workerId.StartsWith("w-", StringComparison.Ordinal)
            && int.TryParse(workerId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    /// <summary>
    /// The two fields of a <c>CandidateFound</c> the bench reads. Whatever else the event carries (score,
    /// reasons, card) is left unread, so the bench keeps working as the event's other fields change.
    /// </summary>
    private sealed record CandidateFoundPush(string? WorkerId, string? JobOrderId);
}
