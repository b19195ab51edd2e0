using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Matching.History;

/// <summary>
/// Recruiter screens connected through the whole run with the official .NET SignalR client, each on one employer's
/// channel. A screen checks what the contract promises as it receives it: every event of an epoch follows the
/// last by one <c>seq</c>, none comes twice, and after a drop its rejoin fills the gap (a replay of exactly the
/// missed events, or a snapshot of a new epoch).
/// </summary>
/// <remarks>
/// When the feed starts over while the connection stays up (in the cluster profile the feed's silo dies and the
/// feed comes back on another under a new epoch, while the API keeps every connection), the first event of the
/// new epoch reaches the screen as it is: then the screen rejoins from its position and must get a snapshot of
/// that epoch, as the contract tells clients (and the product's pages do). Events that came before the snapshot's
/// answer and are at or below its position are in the snapshot; every later one must follow it by one.
/// </remarks>
internal sealed class Screen : IAsyncDisposable
{
    private static readonly string[] _events = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HubConnection _connection;
    private readonly string _employerId;
    private readonly ConcurrentQueue<string> _violations;
    private readonly Lock _gate = new();
    private readonly List<(string Epoch, long Seq)> _pending = [];
    private static readonly TimeSpan _rejoinFor = TimeSpan.FromMinutes(3);

    private string _epoch = "";
    private long _seq;
    private bool _joining = true;
    private bool _rejoinWanted;
    private bool _rejoining;
    private volatile bool _closed;

    private Screen(Uri address, string token, string employerId, ConcurrentQueue<string> violations)
    {
        _employerId = employerId;
        _violations = violations;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/recruiter"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect(new Always())
            .Build();
        foreach (var name in _events)
        {
            _connection.On<JsonElement>(name, e => Receive(e.GetProperty("epoch").GetString() ?? "", e.GetProperty("seq").GetInt64()));
        }

        _connection.Reconnected += _ =>
        {
            RequestRejoin();
            return Task.CompletedTask;
        };
    }

    public int Received { get; private set; }

    public int Rejoins { get; private set; }

    public int Snapshots { get; private set; }

    public int Replayed { get; private set; }

    /// <summary>Events of a new epoch that reached the screen on a connection that stayed up, each answered by a rejoin.</summary>
    public int NewEpochs { get; private set; }

    /// <summary>Events that arrived before a snapshot's answer and were in it.</summary>
    public int Covered { get; private set; }

    public static async Task<Screen> ConnectAsync(Uri address, string token, string employerId, ConcurrentQueue<string> violations)
    {
        var screen = new Screen(address, token, employerId, violations);
        await screen._connection.StartAsync();
        var answer = await screen._connection.InvokeAsync<JsonElement>("JoinEmployer", employerId);
        screen.Settle(answer, snapshotExpected: true);
        return screen;
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        await _connection.DisposeAsync();
    }

    /// <summary>
    /// Asks for a rejoin from the screen's position; one runs at a time, and a call while one runs makes it run again
    /// (a drop during a rejoin). Events that arrive meanwhile wait for its answer.
    /// </summary>
    private void RequestRejoin()
    {
        lock (_gate)
        {
            _joining = true;
            _rejoinWanted = true;
            if (_rejoining)
            {
                return;
            }

            _rejoining = true;
        }

        _ = Task.Run(RejoinAsync);
    }

    private async Task RejoinAsync()
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            string epoch;
            long seq;
            lock (_gate)
            {
                if (!_rejoinWanted || _closed)
                {
                    _rejoining = false;
                    return;
                }

                _rejoinWanted = false;
                (epoch, seq) = (_epoch, _seq);
            }

            try
            {
                var answer = await _connection.InvokeAsync<JsonElement>("RejoinEmployer", _employerId, epoch, seq);
                Rejoins++;
                Settle(answer, snapshotExpected: false);
            }
            catch (Exception ex) when (DateTime.UtcNow - started < _rejoinFor)
            {
                // The connection dropped again, or the feed's silo is still going away: try again from the same place.
                _ = ex;
                lock (_gate)
                {
                    _rejoinWanted = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _rejoining = false;
                }

                Violation($"{_employerId}: no rejoin was answered within {_rejoinFor.TotalMinutes} minutes ({ex.Message})");
                return;
            }
        }
    }

    private void Receive(string epoch, long seq, bool counted = false)
    {
        lock (_gate)
        {
            Received += counted ? 0 : 1;
            if (_joining)
            {
                _pending.Add((epoch, seq));
                return;
            }

            Follow(epoch, seq);
        }
    }

    /// <summary>Takes the position a join or rejoin answered, then the events that arrived while it was on its way.</summary>
    private void Settle(JsonElement answer, bool snapshotExpected)
    {
        var epoch = answer.GetProperty("epoch").GetString() ?? "";
        var latest = answer.GetProperty("latestSeq").GetInt64();
        var snapshot = answer.TryGetProperty("snapshot", out var s) && s.ValueKind != JsonValueKind.Null;
        lock (_gate)
        {
            if (snapshot)
            {
                Snapshots++;
                (_epoch, _seq) = (epoch, latest);
            }
            else if (snapshotExpected)
            {
                Violation($"a fresh join of {_employerId} carried no snapshot");
            }
            else if (epoch != _epoch)
            {
                Violation($"a rejoin of {_employerId} moved from epoch {_epoch} to {epoch} without a snapshot");
            }
            else
            {
                Replayed += answer.GetProperty("replayed").GetInt32();
            }

            _joining = _rejoinWanted;
            var pending = _pending.ToList();
            _pending.Clear();
            foreach (var (e, q) in pending)
            {
                if (snapshot && (e != epoch || q <= latest))
                {
                    // Sent before the join set the connection's position: the snapshot holds it (or it belongs to
                    // a feed's earlier life).
                    Covered++;
                    continue;
                }

                Receive(e, q, counted: true);
            }

            if (_epoch == epoch && _seq < latest)
            {
                Violation($"{_employerId}: the rejoin answered seq {latest} of epoch {epoch} but events stop at {_seq}: a gap");
                _seq = latest;
            }
        }
    }

    private void Follow(string epoch, long seq)
    {
        if (epoch != _epoch)
        {
            // The feed started over while the connection stayed up: rejoin, which must answer the new epoch's snapshot.
            NewEpochs++;
            _pending.Add((epoch, seq));
            RequestRejoin();
            return;
        }

        if (seq != _seq + 1)
        {
            Violation($"{_employerId}: seq {seq} after {_seq} ({(seq <= _seq ? "a duplicate" : "a gap")})");
        }

        _seq = Math.Max(_seq, seq);
    }

    private void Violation(string text) => _violations.Enqueue($"screen: {text}");

    /// <summary>Reconnects for as long as the run lasts: the product comes back after every kill.</summary>
    private sealed class Always : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(3) ? TimeSpan.FromMilliseconds(300) : null;
    }
}
