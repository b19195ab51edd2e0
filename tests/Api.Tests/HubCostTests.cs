using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>
/// What one screen may cost everyone else: a join's snapshot is bounded however big the employer, and a
/// connection that stops reading is dropped instead of holding memory or anybody's pushes.
/// </summary>
public sealed class HubCostTests
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    [Fact]
    public async Task A_big_employers_join_snapshot_carries_the_first_screen_in_a_bounded_size_and_the_rest_stays_on_request()
    {
        await using var factory = new ApiFactory();
        var admin = factory.Client();
        var employer = Http.NewId("emp");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/employers", Samples.Employer(employer))).StatusCode);
        var orders = Enumerable.Range(0, 43).Select(_ => Http.NewId("job")).ToList();
        foreach (var order in orders)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer, headcount: 60))).StatusCode);
        }

        await RegisterWorkersAsync(admin, 60);
        foreach (var order in orders)
        {
            await WaitForCandidatesAsync(admin, order, 50);
        }

        await using var recruiter = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(employer), _recruiterEvents);
        var snapshot = (await recruiter.InvokeAsync("JoinEmployer", employer)).GetProperty("snapshot");

        // 43 orders of 50 candidates with every reason's label were 1.3 MB a join; 10 orders of 10 places are ~60 KB.
        var bytes = Encoding.UTF8.GetByteCount(snapshot.GetRawText());
        Assert.True(bytes < 80 * 1024, $"The snapshot is {bytes} bytes.");

        Assert.Equal(43, snapshot.GetProperty("totalJobOrders").GetInt32());
        var shown = snapshot.GetProperty("jobOrders").EnumerateArray().ToList();
        Assert.Equal(10, shown.Count);
        Assert.Equal(orders.Order(StringComparer.Ordinal).Take(10), shown.Select(o => o.GetProperty("jobOrder").GetProperty("id").GetString()));
        foreach (var o in shown)
        {
            Assert.Equal(50, o.GetProperty("totalCandidates").GetInt32());
            var places = o.GetProperty("candidates").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, 10), places.Select(c => c.GetProperty("rank").GetInt32()));
            Assert.All(places, c =>
            {
                Assert.All(c.GetProperty("reasons").EnumerateArray(), r => Assert.False(r.TryGetProperty("label", out _)));
                Assert.Equal("付*", c.GetProperty("worker").GetProperty("maskedName").GetString());
            });
        }

        // The rest is there on request: the order's whole list with labels, through the candidates route.
        var full = await (await admin.GetAsync($"/api/job-orders/{orders[^1]}/candidates?take=50")).JsonAsync();
        Assert.Equal(50, full.GetProperty("items").GetArrayLength());
        Assert.All(full.GetProperty("items").EnumerateArray(), c =>
            Assert.All(c.GetProperty("reasons").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("label").GetString()))));
    }

    [Fact]
    public async Task A_screen_that_stops_reading_is_dropped_and_delays_no_other_screen_of_its_channel_or_another()
    {
        var logs = new LogSink();
        await using var factory = new ApiFactory(
            ApiFactory.NewDataPath(),
            settings: new Dictionary<string, string?> { ["Matching:Hubs:ConnectionQueueLength"] = "256" },
            logs: logs);
        var admin = factory.Client();
        var (busy, busyOrders) = await EmployerWithOrdersAsync(admin, 2);
        var (other, otherOrders) = await EmployerWithOrdersAsync(admin, 1);
        await RegisterWorkersAsync(admin, 50);
        foreach (var order in busyOrders.Concat(otherOrders))
        {
            await WaitForCandidatesAsync(admin, order, 50);
        }

        await using var stalled = await StalledScreen.JoinAsync(factory, busy);
        await using var sameChannel = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(busy), _recruiterEvents);
        await using var otherChannel = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(other), _recruiterEvents);
        var sameFrom = (await sameChannel.InvokeAsync("JoinEmployer", busy)).GetProperty("latestSeq").GetInt64();
        var otherFrom = (await otherChannel.InvokeAsync("JoinEmployer", other)).GetProperty("latestSeq").GetInt64();

        // Each change of an order's wage re-scores its 50 candidates: 50 pushes of a few hundred bytes each. The
        // stalled screen's socket and transport buffers take a few MB before its queue fills; the loop runs until
        // it is dropped (bounded), changing the other employer's order too.
        var dropped = false;
        for (var round = 0; round < 600 && !dropped; round++)
        {
            var wage = round % 2 == 0 ? 9000 : 8000;
            foreach (var order in busyOrders)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/job-orders/{order}", JobOrder(order, busy, wage))).StatusCode);
            }

            if (round % 10 == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/job-orders/{otherOrders[0]}", JobOrder(otherOrders[0], other, wage))).StatusCode);
            }

            dropped = logs.Lines.Any(l => l.Contains("was dropped", StringComparison.Ordinal));
        }

        Assert.True(dropped, "The stalled screen was never dropped.");

        // Both readers received every event of their channel, in order, none twice, up to the channel's last.
        await AssertReceivedEverythingAsync(factory, sameChannel, busy, sameFrom);
        await AssertReceivedEverythingAsync(factory, otherChannel, other, otherFrom);
        Assert.Equal((Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected), (sameChannel.State, otherChannel.State));

        // Exactly one connection was dropped, and the stalled screen, reading again, finds its connection closed
        // after what it had been sent: far less than the channel's events.
        Assert.Single(logs.Lines, l => l.Contains("was dropped", StringComparison.Ordinal));
        var (events, closed) = await stalled.DrainAsync();
        Assert.True(closed);
        Assert.True(events < sameChannel.Received.Count, $"The stalled screen read {events} of {sameChannel.Received.Count} events.");
    }

    private static async Task AssertReceivedEverythingAsync(ApiFactory factory, HubClient client, string employer, long from)
    {
        await using var probe = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Recruiter(employer));
        var latest = (await probe.InvokeAsync("JoinEmployer", employer)).GetProperty("latestSeq").GetInt64();
        Assert.True(latest > from);
        await client.WaitForSeqAsync(latest);

        // Events after the probe's join may have come in meanwhile: what was received is a run from the join on.
        var seqs = client.Received.Select(r => r.Event.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, seqs.Count).Select(i => from + 1 + i), seqs);
        Assert.True(seqs[^1] >= latest);
    }

    private static async Task<(string Employer, List<string> Orders)> EmployerWithOrdersAsync(HttpClient admin, int count)
    {
        var employer = Http.NewId("emp");
        await admin.PostJsonAsync("/api/employers", Samples.Employer(employer));
        var orders = Enumerable.Range(0, count).Select(_ => Http.NewId("job")).ToList();
        foreach (var order in orders)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/job-orders", Samples.JobOrder(order, employer, headcount: 60))).StatusCode);
        }

        return (employer, orders);
    }

    private static async Task RegisterWorkersAsync(HttpClient admin, int count)
    {
        var rows = string.Join(",", Enumerable.Range(0, count).Select(_ => Samples.Worker(Http.NewId("w"))));
        var answer = await (await admin.PostJsonAsync("/api/workers/batch", $"[{rows}]")).JsonAsync();
        Assert.Equal(count, answer.GetProperty("created").GetInt32());
    }

    private static async Task WaitForCandidatesAsync(HttpClient admin, string order, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await admin.GetAsync($"/api/job-orders/{order}/candidates?take=50")).JsonAsync()).GetProperty("total").GetInt32() < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{order} did not reach {count} candidates.");
            await Task.Delay(100);
        }
    }

    private static string JobOrder(string id, string employer, int wageMax) =>
        Samples.JobOrder(id, employer, headcount: 60).Replace("\"wageMax\":8000", $"\"wageMax\":{wageMax}", StringComparison.Ordinal);

    /// <summary>
    /// A screen that joins and then never reads: a WebSocket on a socket with a 4 KB receive buffer, speaking
    /// SignalR's JSON protocol by hand (handshake, one invocation), as any client on the network could.
    /// </summary>
    private sealed class StalledScreen : IAsyncDisposable
    {
        private const char Separator = '\u001e';
        private readonly ClientWebSocket _socket;
        private readonly HttpMessageInvoker _invoker;
        private readonly StringBuilder _text = new();
        private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

        private StalledScreen(ClientWebSocket socket, HttpMessageInvoker invoker) => (_socket, _invoker) = (socket, invoker);

        public static async Task<StalledScreen> JoinAsync(ApiFactory factory, string employer)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            var invoker = new HttpMessageInvoker(handler);
            var socket = new ClientWebSocket();
            var http = factory.AnonymousClient().BaseAddress!;
            var token = Uri.EscapeDataString(factory.Token(Caller.Recruiter(employer)));
            await socket.ConnectAsync(new Uri($"ws://{http.Authority}/hubs/recruiter?access_token={token}"), invoker, CancellationToken.None);
            var screen = new StalledScreen(socket, invoker);
            await screen.SendAsync("""{"protocol":"json","version":1}""");
            Assert.Equal("{}", await screen.ReadMessageAsync());
            await screen.SendAsync($$"""{"type":1,"invocationId":"1","target":"JoinEmployer","arguments":["{{employer}}"]}""");
            while (true)
            {
                using var message = JsonDocument.Parse(await screen.ReadMessageAsync() ?? throw new InvalidOperationException("Closed before the join answered."));
                if (message.RootElement.GetProperty("type").GetInt32() == 3)
                {
                    Assert.False(message.RootElement.TryGetProperty("error", out _), message.RootElement.ToString());
                    return screen;
                }
            }
        }

        /// <summary>Reads again until the server's close: the events it had been sent, and whether it was closed.</summary>
        public async Task<(int Events, bool Closed)> DrainAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var events = 0;
            try
            {
                while (await ReadMessageAsync(timeout.Token) is { } message)
                {
                    events += message.Contains("\"type\":1", StringComparison.Ordinal) ? 1 : 0;
                }

                return (events, true);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                // An abort may reset the connection instead of closing it.
                return (events, true);
            }
        }

        private Task SendAsync(string message) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        /// <summary>The next record of the protocol, or null once the server closed.</summary>
        private async Task<string?> ReadMessageAsync(CancellationToken cancellationToken = default)
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var text = _text.ToString();
                var end = text.IndexOf(Separator, StringComparison.Ordinal);
                if (end >= 0)
                {
                    _text.Remove(0, end + 1);
                    return text[..end];
                }

                var read = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                // A character may be split between two reads: the decoder keeps its first bytes for the next.
                var chars = new char[read.Count];
                _text.Append(chars, 0, _utf8.GetChars(buffer, 0, read.Count, chars, 0));
            }
        }

        public ValueTask DisposeAsync()
        {
            _socket.Abort();
            _socket.Dispose();
            _invoker.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
