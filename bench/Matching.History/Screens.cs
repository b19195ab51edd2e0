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
internal sealed class Screen : IAsyncDisposable
{
    private static readonly string[] _events = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    private readonly HubConnection _connection;
    private readonly string _employerId;
    private readonly ConcurrentQueue<string> _violations;
    private readonly Lock _gate = new();
    private readonly List<(string Epoch, long Seq)> _pending = [];
    private string _epoch = "";
    private long _seq;
    private bool _joining = true;

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

        _connection.Reconnected += _ => RejoinAsync();
    }

    public int Received { get; private set; }

    public int Rejoins { get; private set; }

    public int Snapshots { get; private set; }

    public int Replayed { get; private set; }

    public static async Task<Screen> ConnectAsync(Uri address, string token, string employerId, ConcurrentQueue<string> violations)
    {
        var screen = new Screen(address, token, employerId, violations);
        await screen._connection.StartAsync();
        var answer = await screen._connection.InvokeAsync<JsonElement>("JoinEmployer", employerId);
        screen.Settle(answer, snapshotExpected: true);
        return screen;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task RejoinAsync()
    {
        string epoch;
        long seq;
        lock (_gate)
        {
            _joining = true;
            (epoch, seq) = (_epoch, _seq);
        }

        try
        {
            var answer = await _connection.InvokeAsync<JsonElement>("RejoinEmployer", _employerId, epoch, seq);
            Rejoins++;
            Settle(answer, snapshotExpected: false);
        }
        catch (Exception ex)
        {
            // The product went down again before the rejoin was answered: the next reconnect rejoins.
            lock (_gate)
            {
                _joining = false;
            }

            _ = ex;
        }
    }

    private void Receive(string epoch, long seq)
    {
        lock (_gate)
        {
            Received++;
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

            _joining = false;
            foreach (var (e, q) in _pending)
            {
                Follow(e, q);
            }

            _pending.Clear();
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
            // Events of a feed that started over reach a screen only after its rejoin took the new epoch's snapshot.
            Violation($"{_employerId}: an event of epoch {epoch} arrived while the screen is at epoch {_epoch}");
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
